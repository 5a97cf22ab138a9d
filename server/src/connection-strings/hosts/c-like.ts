/**
 * Java, Kotlin, Scala, Groovy, C#, JavaScript/TypeScript, Go and PHP: one pass over the code that skips comments,
 * character literals and (JS, Groovy) regular expressions, decodes every string literal, and joins literals chained
 * with `+` (PHP: `.`) into one DecodedString with a piece per literal.
 */
import type { Escaping } from '../decoded';
import { heredocAt, scanCSharpRaw, scanHeredoc } from './blocks';
import { isIdentPart, isIdentStart, isLineBreak, Sink, type KeyedString } from './common';
import * as E from './escapes';
import { scanQuoted, type NestedScanner, type QuotedSpec } from './quoted';

export interface Opener {
  readonly escaping: Escaping;
  /** decodes the literal at `start` into `out` (or just skips it when out is null); returns the index after it */
  scan(text: string, start: number, out: Sink | null, depth: number): number;
}

export interface CLang {
  /** the string literal starting at i (its prefix included), if any */
  literalAt(text: string, i: number): Opener | undefined;
  readonly concat: '+' | '.';
  /** `$` may appear in identifiers */
  readonly dollarIdent: boolean;
  readonly hashComments?: boolean;
  readonly nestedComments?: boolean;
  /** 'x' is a character literal, not a string */
  readonly charLiterals?: boolean;
  /** a `/` where an operand is expected starts a regular expression (or a Groovy slashy string) */
  readonly regex?: boolean;
  /** code lives between `<?php` and `?>` */
  readonly php?: boolean;
}

function quoted(spec: QuotedSpec, lang: () => CLang): Opener {
  return { escaping: spec.escaping, scan: (text, start, out, depth) => scanQuoted(text, start, spec, out, nestedIn(lang()), depth) };
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

// ---- the scanner ------------------------------------------------------------------------------------------------

/** After a character literal's opening quote, its end; a lone `'` (Scala symbol, stray quote) is skipped alone. */
export function charLiteralEnd(text: string, i: number): number {
  if (text[i + 1] === '\\') {
    for (let j = i + 3; j < text.length && j <= i + 12; j++) {
      if (text[j] === "'") return j + 1;
      if (isLineBreak(text[j])) break;
    }
    return i + 1;
  }
  if (text[i + 1] !== "'" && !isLineBreak(text[i + 1])) {
    if (text[i + 2] === "'") return i + 3;
    const hi = text.charCodeAt(i + 1);
    if (hi >= 0xd800 && hi <= 0xdbff && text[i + 3] === "'") return i + 4;
  }
  return i + 1;
}

/** End of the comment at i, or i when none starts there. */
function commentEnd(text: string, i: number, lang: CLang): number {
  const c = text[i];
  const d = text[i + 1];
  const n = text.length;
  if ((c === '/' && d === '/') || (lang.hashComments && c === '#' && d !== '[')) {
    let j = i + 1;
    while (j < n && !isLineBreak(text[j]) && !(lang.php && text[j] === '?' && text[j + 1] === '>')) j++;
    return j;
  }
  if (c === '/' && d === '*') {
    let depth = 1;
    let j = i + 2;
    while (j < n) {
      if (text[j] === '*' && text[j + 1] === '/') {
        j += 2;
        if (--depth === 0) return j;
      } else if (lang.nestedComments && text[j] === '/' && text[j + 1] === '*') {
        depth++;
        j += 2;
      } else j++;
    }
    return n;
  }
  return i;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** Skips white space and comments. */
function skipGap(text: string, i: number, lang: CLang): number {
  for (;;) {
    while (i < text.length && isSpace(text[i])) i++;
    const e = commentEnd(text, i, lang);
    if (e === i) return i;
    i = e;
  }
}

function concatAt(text: string, j: number, lang: CLang): boolean {
  const c = text[j];
  const d = text[j + 1];
  if (lang.concat === '+') return c === '+' && d !== '+' && d !== '=';
  return c === '.' && d !== '.' && d !== '=' && !(d >= '0' && d <= '9');
}

/** The literal at i and every literal joined to it with the concatenation operator, as one string. */
function chain(text: string, i: number, first: Opener, lang: CLang, out: KeyedString[]): number {
  const sink = new Sink(i);
  let end = first.scan(text, i, sink, 0);
  sink.endPiece(first.escaping);
  for (;;) {
    let j = skipGap(text, end, lang);
    if (!concatAt(text, j, lang)) break;
    j = skipGap(text, j + 1, lang);
    const next = lang.literalAt(text, j);
    if (!next) break;
    end = next.scan(text, j, sink, 0);
    sink.endPiece(next.escaping);
  }
  const s = sink.build(end);
  if (s) out.push(s);
  return end;
}

/** A regular expression literal (or Groovy slashy string) at i: its end, or -1 when the line holds none. */
function regexEnd(text: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (isLineBreak(c)) return -1;
    if (c === '\\') j++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '/') return j + 1;
  }
  return -1;
}

/** After these words a `/` starts a regular expression, not a division. */
const BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

const PHP_OPEN = /<\?(?:php|=)/gi;

export function scanCLike(text: string, lang: CLang, out: KeyedString[]): void {
  const n = text.length;
  let i = 0;
  let operand = false; // the last token was an operand: a `/` now divides
  let noRegexUntil = -1; // after a `/` that opened no regex, none is tried again on that line (keeps the scan linear)
  PHP_OPEN.lastIndex = 0;
  let inCode = !lang.php || PHP_OPEN.test(text) === false;
  while (i < n) {
    if (!inCode) {
      PHP_OPEN.lastIndex = i;
      const m = PHP_OPEN.exec(text);
      if (!m) return;
      i = m.index + m[0].length;
      inCode = true;
      operand = false;
      continue;
    }
    const c = text[i];
    if (lang.php && c === '?' && text[i + 1] === '>') {
      inCode = false;
      i += 2;
      continue;
    }
    const ce = commentEnd(text, i, lang);
    if (ce > i) {
      i = ce;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const code = text.charCodeAt(i);
    const op = lang.literalAt(text, i);
    if (op) {
      i = chain(text, i, op, lang, out);
      operand = true;
      continue;
    }
    if (isIdentPart(code, lang.dollarIdent)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j), lang.dollarIdent)) j++;
      operand = !(lang.regex && j - i <= 10 && BEFORE_EXPRESSION.has(text.slice(i, j)));
      i = j;
      continue;
    }
    if (c === "'" && lang.charLiterals) {
      i = charLiteralEnd(text, i);
      operand = true;
      continue;
    }
    if (c === '/' && lang.regex && !operand && i > noRegexUntil) {
      const e = regexEnd(text, i);
      if (e > 0) {
        i = e;
        operand = true;
        continue;
      }
      let k = i;
      while (k < n && !isLineBreak(text[k])) k++;
      noRegexUntil = k;
    }
    operand = c === ')' || c === ']' || c === '}';
    i++;
  }
}
