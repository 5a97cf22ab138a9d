/** Backslash escapes, table-driven: each host language names which sequences it knows and what an unknown one does. */
import type { Sink } from './common';

export interface EscapeRules {
  /** the character after the backslash → what it decodes to */
  readonly simple: Readonly<Record<string, string>>;
  /** java: `\0`–`\377` (also JS legacy octal); three: exactly three digits (Go); upTo3: one to three digits */
  readonly octal?: 'java' | 'three' | 'upTo3';
  /** two: `\xHH`; oneOrTwo: PHP; oneToFour: C# `\xH…` */
  readonly hex?: 'two' | 'oneOrTwo' | 'oneToFour';
  /** `\uXXXX`; many: Java's `\uuuu0041` */
  readonly u4?: 'one' | 'many';
  /** `\UXXXXXXXX` */
  readonly u8?: boolean;
  /** `\u{1F600}` (JS, PHP) */
  readonly uBraces?: boolean;
  /** backslash + line break decodes to nothing */
  readonly lineContinuation?: boolean;
  /** U+2028 and U+2029 are line breaks too (JS) */
  readonly unicodeLineBreaks?: boolean;
  /** Python `\N{NAME}`: kept as written (we hold no name table) but consumed whole, so its braces are no hole */
  readonly named?: boolean;
  /** keep: `\q` stays `\q`; char: `\q` decodes to `q` */
  readonly unknown: 'keep' | 'char';
}

const C_SIMPLE = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' };

export const JAVA: EscapeRules = { simple: { ...C_SIMPLE, s: ' ' }, octal: 'java', u4: 'many', unknown: 'keep' };
export const JAVA_TEXT_BLOCK: EscapeRules = { ...JAVA, lineContinuation: true };
export const KOTLIN: EscapeRules = { simple: { t: '\t', b: '\b', n: '\n', r: '\r', "'": "'", '"': '"', '\\': '\\', $: '$' }, u4: 'one', unknown: 'keep' };
export const SCALA: EscapeRules = { simple: C_SIMPLE, u4: 'one', unknown: 'keep' };
export const GROOVY: EscapeRules = { simple: { ...C_SIMPLE, s: ' ', $: '$' }, u4: 'one', lineContinuation: true, unknown: 'keep' };
export const CSHARP: EscapeRules = {
  simple: { "'": "'", '"': '"', '\\': '\\', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' },
  hex: 'oneToFour',
  u4: 'one',
  u8: true,
  unknown: 'keep',
};
export const JS: EscapeRules = {
  simple: { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' },
  octal: 'java',
  hex: 'two',
  u4: 'one',
  uBraces: true,
  lineContinuation: true,
  unicodeLineBreaks: true,
  unknown: 'char',
};
/** templates: no legacy octal, `\0` only */
export const JS_TEMPLATE: EscapeRules = { ...JS, simple: { ...JS.simple, '0': '\0' }, octal: undefined };
export const GO: EscapeRules = {
  simple: { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' },
  octal: 'three',
  hex: 'two',
  u4: 'one',
  u8: true,
  unknown: 'keep',
};
export const PHP_DOUBLE: EscapeRules = {
  simple: { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$', '"': '"' },
  octal: 'upTo3',
  hex: 'oneOrTwo',
  uBraces: true,
  unknown: 'keep',
};
/** heredoc: like "…" except that `\"` is not an escape there */
export const PHP_HEREDOC: EscapeRules = { ...PHP_DOUBLE, simple: { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$' } };
export const PHP_SINGLE: EscapeRules = { simple: { '\\': '\\', "'": "'" }, unknown: 'keep' };
const PY_SIMPLE = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
export const PYTHON_STR: EscapeRules = { simple: PY_SIMPLE, octal: 'upTo3', hex: 'two', u4: 'one', u8: true, named: true, lineContinuation: true, unknown: 'keep' };
export const PYTHON_BYTES: EscapeRules = { simple: PY_SIMPLE, octal: 'upTo3', hex: 'two', lineContinuation: true, unknown: 'keep' };
export const JSON_RULES: EscapeRules = { simple: { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }, u4: 'one', unknown: 'keep' };
export const YAML_DOUBLE: EscapeRules = {
  simple: {
    '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
    N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
  },
  hex: 'two',
  u4: 'one',
  u8: true,
  unknown: 'keep',
};
export const TOML: EscapeRules = { simple: { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' }, hex: 'two', u4: 'one', u8: true, unknown: 'keep' };
/** what python-dotenv decodes in "…" values */
export const DOTENV: EscapeRules = { simple: PY_SIMPLE, unknown: 'keep' };
/** java.util.Properties.load: an unknown escape drops the backslash */
export const PROPERTIES: EscapeRules = { simple: { t: '\t', n: '\n', r: '\r', f: '\f' }, u4: 'one', unknown: 'char' };

const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';

function hexRun(text: string, i: number, limit: number, max: number): number {
  let j = i;
  while (j < limit && j - i < max && /[0-9A-Fa-f]/.test(text[j])) j++;
  return j;
}

function pushCode(out: Sink | null, code: number, start: number, end: number): void {
  out?.push(String.fromCodePoint(code), start, end);
}

/**
 * Decodes the escape whose backslash is at text[i] (nothing is read at or past `limit`), pushes what it decodes to and
 * returns the index after it. Never fails: what the language would reject is kept as written.
 */
export function decodeEscape(text: string, i: number, limit: number, rules: EscapeRules, out: Sink | null): number {
  if (i + 1 >= limit) {
    out?.push('\\', i, i + 1);
    return i + 1;
  }
  const c = text[i + 1];
  if (c === '\n' || c === '\r' || (rules.unicodeLineBreaks && (c === '\u2028' || c === '\u2029'))) {
    if (rules.lineContinuation) {
      return c === '\r' && text[i + 2] === '\n' && i + 2 < limit ? i + 3 : i + 2;
    }
    out?.push('\\', i, i + 1);
    return i + 1;
  }
  const simple = rules.simple[c];
  if (simple !== undefined) {
    out?.push(simple, i, i + 2);
    return i + 2;
  }
  if (rules.octal && isOctal(c)) {
    const max = rules.octal === 'java' ? (c <= '3' ? 3 : 2) : 3;
    let j = i + 1;
    while (j < limit && j - (i + 1) < max && isOctal(text[j])) j++;
    if (rules.octal !== 'three' || j - (i + 1) === 3) {
      const code = parseInt(text.slice(i + 1, j), 8);
      if (code <= 0x10ffff) {
        pushCode(out, code, i, j);
        return j;
      }
    }
  }
  if (c === 'x' && rules.hex) {
    const max = rules.hex === 'oneToFour' ? 4 : 2;
    const j = hexRun(text, i + 2, limit, max);
    const digits = j - (i + 2);
    if (digits > 0 && (rules.hex !== 'two' || digits === 2)) {
      pushCode(out, parseInt(text.slice(i + 2, j), 16), i, j);
      return j;
    }
  }
  if (c === 'u' && rules.uBraces && text[i + 2] === '{') {
    const j = hexRun(text, i + 3, limit, 8);
    if (j > i + 3 && text[j] === '}' && j < limit) {
      const code = parseInt(text.slice(i + 3, j), 16);
      if (code <= 0x10ffff) {
        pushCode(out, code, i, j + 1);
        return j + 1;
      }
    }
  }
  if (c === 'u' && rules.u4) {
    let k = i + 2;
    if (rules.u4 === 'many') while (k < limit && text[k] === 'u') k++;
    const j = hexRun(text, k, limit, 4);
    if (j - k === 4) {
      // one UTF-16 unit: a surrogate pair is two escapes, each mapped to its own six characters
      out?.push(String.fromCharCode(parseInt(text.slice(k, j), 16)), i, j);
      return j;
    }
  }
  if (c === 'U' && rules.u8) {
    const j = hexRun(text, i + 2, limit, 8);
    if (j - (i + 2) === 8) {
      const code = parseInt(text.slice(i + 2, j), 16);
      if (code <= 0x10ffff) {
        pushCode(out, code, i, j);
        return j;
      }
    }
  }
  if (c === 'N' && rules.named && text[i + 2] === '{') {
    let j = i + 3;
    while (j < limit && j - i < 100 && text[j] !== '}' && text[j] !== '\n') j++;
    if (text[j] === '}' && j < limit) {
      out?.pushRaw(text, i, j + 1);
      return j + 1;
    }
  }
  if (rules.unknown === 'char') {
    out?.push(c, i, i + 2);
    return i + 2;
  }
  out?.push('\\', i, i + 1);
  out?.push(c, i + 1, i + 2);
  return i + 2;
}
