/**
 * Java, Kotlin, Scala, Groovy, C#, JavaScript/TypeScript, Go and PHP: which string literals each has and how they
 * decode, for the scanner in c-like.ts.
 */
import { heredocAt, scanCSharpRaw, scanHeredoc } from './blocks';
import { charLiteralEnd, type CLang, type Opener } from './c-like';
import { isIdentPart, isIdentStart } from './common';
import * as E from './escapes';
import { scanQuoted, type NestedScanner, type QuotedSpec } from './quoted';

/** An opener for a delimited literal; `lang` is a thunk because the language object refers back to its openers. */
function quoted(spec: QuotedSpec, lang: () => CLang): Opener {
  let nested: NestedScanner | undefined;
  return { escaping: spec.escaping, scan: (text, start, out, depth) => scanQuoted(text, start, spec, out, (nested ??= nestedIn(lang())), depth) };
}

/** How holes skip the literals inside them. */
function nestedIn(lang: CLang): NestedScanner {
  return (text, i, depth) => {
    const op = lang.literalAt(text, i);
    if (op) return op.scan(text, i, null, depth);
    if (lang.charLiterals && text[i] === "'") return charLiteralEnd(text, i);
    return undefined;
  };
}

const startsWith = (text: string, s: string, i: number): boolean => text.startsWith(s, i);

// ---- Java -------------------------------------------------------------------------------------------------------
const JAVA_STR = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.JAVA, escaping: 'backslash-double' }, () => JAVA);
const JAVA_BLOCK = quoted(
  { prefix: 0, delim: '"""', multiline: true, escapes: E.JAVA_TEXT_BLOCK, newlines: 'lf', openingLine: true, escaping: 'backslash-double' },
  () => JAVA,
);
export const JAVA: CLang = {
  literalAt: (t, i) => (t[i] !== '"' ? undefined : startsWith(t, '"""', i) ? JAVA_BLOCK : JAVA_STR),
  concat: '+',
  dollarIdent: true,
  charLiterals: true,
};

// ---- Kotlin -----------------------------------------------------------------------------------------------------
const KT_STR = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.KOTLIN, holes: 'dollar', escaping: 'backslash-double' }, () => KOTLIN);
const KT_RAW = quoted({ prefix: 0, delim: '"""', multiline: true, holes: 'dollar', newlines: 'lf', extraQuotes: Infinity, escaping: 'none' }, () => KOTLIN);
export const KOTLIN: CLang = {
  literalAt: (t, i) => (t[i] !== '"' ? undefined : startsWith(t, '"""', i) ? KT_RAW : KT_STR),
  concat: '+',
  dollarIdent: false,
  nestedComments: true,
  charLiterals: true,
};

// ---- Scala ------------------------------------------------------------------------------------------------------
const SC_STR = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.SCALA, escaping: 'backslash-double' }, () => SCALA);
const SC_RAW = quoted({ prefix: 0, delim: '"""', multiline: true, newlines: 'lf', extraQuotes: Infinity, escaping: 'none' }, () => SCALA);
const scalaInterpolated = new Map<string, Opener>();
/** `s"…"`/`f"…"` process escapes; `raw"…"` and custom interpolators (`sql"…"`) do not. */
function scalaInterpolator(prefix: number, processEscapes: boolean, triple: boolean): Opener {
  const key = `${prefix}|${processEscapes}|${triple}`;
  let op = scalaInterpolated.get(key);
  if (!op) {
    op = quoted(
      {
        prefix,
        delim: triple ? '"""' : '"',
        multiline: triple,
        escapes: processEscapes ? E.SCALA : undefined,
        holes: 'scala',
        newlines: 'lf',
        extraQuotes: triple ? Infinity : undefined,
        escaping: processEscapes ? 'backslash-double' : 'none',
      },
      () => SCALA,
    );
    scalaInterpolated.set(key, op);
  }
  return op;
}
export const SCALA: CLang = {
  literalAt: (t, i) => {
    if (t[i] === '"') return startsWith(t, '"""', i) ? SC_RAW : SC_STR;
    if (!isIdentStart(t.charCodeAt(i), true)) return undefined;
    let j = i + 1;
    while (j < t.length && isIdentPart(t.charCodeAt(j), true)) j++;
    if (t[j] !== '"') return undefined;
    const id = t.slice(i, Math.min(j, i + 8));
    return scalaInterpolator(j - i, id === 's' || id === 'f', startsWith(t, '"""', j));
  },
  concat: '+',
  dollarIdent: true,
  nestedComments: true,
  charLiterals: true,
};

// ---- Groovy -----------------------------------------------------------------------------------------------------
const GR_SQ = quoted({ prefix: 0, delim: "'", multiline: false, escapes: E.GROOVY, escaping: 'backslash-single' }, () => GROOVY);
const GR_DQ = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.GROOVY, holes: 'dollar', escaping: 'backslash-double' }, () => GROOVY);
const GR_SQ3 = quoted({ prefix: 0, delim: "'''", multiline: true, escapes: E.GROOVY, newlines: 'lf', escaping: 'backslash-single' }, () => GROOVY);
const GR_DQ3 = quoted({ prefix: 0, delim: '"""', multiline: true, escapes: E.GROOVY, holes: 'dollar', newlines: 'lf', escaping: 'backslash-double' }, () => GROOVY);
export const GROOVY: CLang = {
  literalAt: (t, i) => {
    if (t[i] === "'") return startsWith(t, "'''", i) ? GR_SQ3 : GR_SQ;
    if (t[i] === '"') return startsWith(t, '"""', i) ? GR_DQ3 : GR_DQ;
    return undefined;
  },
  concat: '+',
  dollarIdent: true,
  regex: true,
};

// ---- C# ---------------------------------------------------------------------------------------------------------
const CS_STR = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.CSHARP, escaping: 'backslash-double' }, () => CSHARP);
const CS_VERBATIM = quoted({ prefix: 1, delim: '"', multiline: true, doubled: true, escaping: 'doubled-double' }, () => CSHARP);
const CS_INTERPOLATED = quoted({ prefix: 1, delim: '"', multiline: false, escapes: E.CSHARP, holes: 'braces', escaping: 'backslash-double' }, () => CSHARP);
const CS_VERBATIM_INTERPOLATED = quoted({ prefix: 2, delim: '"', multiline: true, doubled: true, holes: 'braces', escaping: 'doubled-double' }, () => CSHARP);
const CS_RAW: Opener = { escaping: 'none', scan: (t, s, out, depth) => scanCSharpRaw(t, s, out, nestedIn(CSHARP), depth) };
export const CSHARP: CLang = {
  literalAt: (t, i) => {
    const c = t[i];
    if (c === '"') return startsWith(t, '"""', i) ? CS_RAW : CS_STR;
    if (c === '@') {
      if (t[i + 1] === '"') return CS_VERBATIM;
      if (t[i + 1] === '$' && t[i + 2] === '"') return CS_VERBATIM_INTERPOLATED;
      return undefined;
    }
    if (c !== '$') return undefined;
    if (t[i + 1] === '@' && t[i + 2] === '"') return CS_VERBATIM_INTERPOLATED;
    let j = i;
    while (t[j] === '$' && j - i < 16) j++;
    if (startsWith(t, '"""', j)) return CS_RAW;
    return j === i + 1 && t[j] === '"' ? CS_INTERPOLATED : undefined;
  },
  concat: '+',
  dollarIdent: false,
  charLiterals: true,
};

// ---- JavaScript / TypeScript --------------------------------------------------------------------------------------
const JS_SQ = quoted({ prefix: 0, delim: "'", multiline: false, escapes: E.JS, escaping: 'backslash-single' }, () => JAVASCRIPT);
const JS_DQ = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.JS, escaping: 'backslash-double' }, () => JAVASCRIPT);
// a template's write-back escaping is the closest kind there is: `\"` and `\\` are right inside `…`; a backtick or
// `${` in inserted text is not escaped
const JS_TEMPLATE = quoted({ prefix: 0, delim: '`', multiline: true, escapes: E.JS_TEMPLATE, holes: 'js', newlines: 'lf', escaping: 'backslash-double' }, () => JAVASCRIPT);
export const JAVASCRIPT: CLang = {
  literalAt: (t, i) => (t[i] === "'" ? JS_SQ : t[i] === '"' ? JS_DQ : t[i] === '`' ? JS_TEMPLATE : undefined),
  concat: '+',
  dollarIdent: true,
  regex: true,
};

// ---- Go ---------------------------------------------------------------------------------------------------------
const GO_STR = quoted({ prefix: 0, delim: '"', multiline: false, escapes: E.GO, escaping: 'backslash-double' }, () => GO);
const GO_RAW = quoted({ prefix: 0, delim: '`', multiline: true, newlines: 'drop-cr', escaping: 'none' }, () => GO);
export const GO: CLang = {
  literalAt: (t, i) => (t[i] === '"' ? GO_STR : t[i] === '`' ? GO_RAW : undefined),
  concat: '+',
  dollarIdent: false,
  charLiterals: true,
};

// ---- PHP --------------------------------------------------------------------------------------------------------
const phpOpeners = (prefix: number): readonly [Opener, Opener] => [
  quoted({ prefix, delim: "'", multiline: true, escapes: E.PHP_SINGLE, escaping: 'backslash-single' }, () => PHP),
  quoted({ prefix, delim: '"', multiline: true, escapes: E.PHP_DOUBLE, holes: 'php', escaping: 'backslash-double' }, () => PHP),
];
const [PHP_SQ, PHP_DQ] = phpOpeners(0);
const [PHP_BSQ, PHP_BDQ] = phpOpeners(1);
// in a heredoc `\"` stays as written, so 'backslash-double' is exact except for a `"` in inserted text
const PHP_HEREDOC: Opener = { escaping: 'backslash-double', scan: (t, s, out, depth) => scanHeredoc(t, s, out, nestedIn(PHP), depth) };
const PHP_NOWDOC: Opener = { ...PHP_HEREDOC, escaping: 'none' };
export const PHP: CLang = {
  literalAt: (t, i) => {
    const c = t[i];
    if (c === "'") return PHP_SQ;
    if (c === '"') return PHP_DQ;
    if ((c === 'b' || c === 'B') && (t[i + 1] === "'" || t[i + 1] === '"')) return t[i + 1] === "'" ? PHP_BSQ : PHP_BDQ;
    if (c === '<' && t[i + 1] === '<' && t[i + 2] === '<') {
      const h = heredocAt(t, i);
      return h ? (h.nowdoc ? PHP_NOWDOC : PHP_HEREDOC) : undefined;
    }
    return undefined;
  },
  concat: '.',
  dollarIdent: true,
  hashComments: true,
  php: true,
};
