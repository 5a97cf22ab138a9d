/**
 * One scanner for every delimited string literal, described by a QuotedSpec: the delimiter, whether the literal may
 * span lines, its escapes, and its template holes. Holes (`${…}`, `{…}`) are kept as written; strings inside them are
 * skipped with the host's own literal scanner so a `}` or quote inside them does not end the hole.
 */
import type { Escaping } from '../decoded';
import { isBlank, isLineBreak, MAX_NESTING, type Sink } from './common';
import { decodeEscape, type EscapeRules } from './escapes';

/** js/dollar: `${…}`; scala: also `$$` and `$"`; braces: `{{` `}}` and `{…}` (C#, Python f-strings); php: `{$…}` `${…}` */
export type HoleStyle = 'js' | 'dollar' | 'scala' | 'braces' | 'php';

/** How the characters inside a literal decode (shared by delimited literals and indented blocks). */
export interface ContentSpec {
  readonly escapes?: EscapeRules;
  /** Python raw strings: a backslash stays, and protects the character after it */
  readonly rawBackslash?: boolean;
  readonly holes?: HoleStyle;
  /** lf: `\r\n` and `\r` decode to `\n`; drop-cr: `\r` is dropped (Go raw strings) */
  readonly newlines?: 'lf' | 'drop-cr';
  /** TOML `"""`: a backslash at a line end trims every following space and line break */
  readonly lineEndingBackslash?: boolean;
  readonly multiline: boolean;
}

export interface QuotedSpec extends ContentSpec {
  /** characters before the opening delimiter (`@`, `$`, `r`, `s`…) */
  readonly prefix: number;
  /** the opening and closing delimiter */
  readonly delim: string;
  /** how text is escaped to be written back */
  readonly escaping: Escaping;
  /** `""` inside decodes to `"` (C# verbatim) */
  readonly doubled?: boolean;
  /** this many quotes right before the closing delimiter belong to the content (Kotlin/Scala raw: any; TOML: 2) */
  readonly extraQuotes?: number;
  /** TOML multi-line strings: a line break right after the opening delimiter is dropped */
  readonly trimFirstNewline?: boolean;
  /** Java text blocks: the rest of the opening line is not content */
  readonly openingLine?: boolean;
}

/** Skips the string literal at i, if one starts there: returns its end, else undefined. Used inside holes. */
export type NestedScanner = (text: string, i: number, depth: number) => number | undefined;

/** Decodes the literal that starts at `start` (prefix included) into `out`; returns the index after it. */
export function scanQuoted(text: string, start: number, spec: QuotedSpec, out: Sink | null, nested: NestedScanner, depth: number): number {
  const n = text.length;
  const q = spec.delim;
  const qc = q[0];
  let i = Math.min(n, start + spec.prefix + q.length);
  if (spec.openingLine) {
    let j = i;
    while (j < n && (isBlank(text[j]) || text[j] === '\f')) j++;
    if (isLineBreak(text[j])) i = text[j] === '\r' && text[j + 1] === '\n' ? j + 2 : j + 1;
  }
  if (spec.trimFirstNewline) {
    if (text[i] === '\n') i++;
    else if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
  }
  out?.contentAt(i);
  while (i < n) {
    const c = text[i];
    if (c === qc) {
      if (spec.doubled && text[i + 1] === qc) {
        out?.push(qc, i, i + 2);
        i += 2;
        continue;
      }
      if (q.length === 1 || text.startsWith(q, i)) {
        if (spec.extraQuotes) {
          let r = i;
          while (r < n && text[r] === qc) r++;
          const extra = Math.min(r - i - q.length, spec.extraQuotes);
          if (extra > 0) {
            out?.pushRaw(text, i, i + extra);
            i += extra;
          }
        }
        return i + q.length;
      }
    }
    if (isLineBreak(c) && !spec.multiline) return i; // unterminated: a one-line literal ends with its line
    i = step(text, i, n, spec, out, nested, depth);
  }
  return n;
}

/** Decodes one unit at i (a character, an escape, a hole); returns the index after it. Reads nothing at or past limit. */
export function step(text: string, i: number, limit: number, spec: ContentSpec, out: Sink | null, nested: NestedScanner, depth: number): number {
  const c = text[i];
  if (c === '\\') {
    if (spec.lineEndingBackslash) {
      let j = i + 1;
      while (j < limit && isBlank(text[j])) j++;
      if (j < limit && isLineBreak(text[j])) {
        while (j < limit && (isBlank(text[j]) || isLineBreak(text[j]))) j++;
        return j;
      }
    }
    if (spec.escapes) return decodeEscape(text, i, limit, spec.escapes, out);
    if (spec.rawBackslash && i + 1 < limit) {
      out?.push('\\', i, i + 1);
      const e = newline(text, i + 1, limit, spec, out);
      if (e !== undefined) return e;
      out?.push(text[i + 1], i + 1, i + 2);
      return i + 2;
    }
  }
  if (c === '\r' && spec.newlines) {
    const e = newline(text, i, limit, spec, out);
    if (e !== undefined) return e;
  }
  if (spec.holes) {
    const e = hole(text, i, limit, spec, out, nested, depth);
    if (e > i) return e;
  }
  out?.push(c, i, i + 1);
  return i + 1;
}

/** A line break at i decoded per spec.newlines, or undefined when there is none (or it decodes as itself). */
function newline(text: string, i: number, limit: number, spec: ContentSpec, out: Sink | null): number | undefined {
  const c = text[i];
  if (c === '\r' && spec.newlines === 'drop-cr') return i + 1;
  if (c === '\r' && spec.newlines === 'lf') {
    const e = text[i + 1] === '\n' && i + 1 < limit ? i + 2 : i + 1;
    out?.push('\n', i, e);
    return e;
  }
  return undefined;
}

function hole(text: string, i: number, limit: number, spec: ContentSpec, out: Sink | null, nested: NestedScanner, depth: number): number {
  const c = text[i];
  const d = text[i + 1];
  if (i + 1 >= limit) return i;
  let from = -1; // index after the hole's opening brace
  switch (spec.holes) {
    case 'js':
    case 'dollar':
      if (c === '$' && d === '{') from = i + 2;
      break;
    case 'scala':
      if (c === '$' && (d === '$' || d === '"')) {
        out?.push(d, i, i + 2);
        return i + 2;
      }
      if (c === '$' && d === '{') from = i + 2;
      break;
    case 'braces':
      if ((c === '{' || c === '}') && d === c) {
        out?.push(c, i, i + 2);
        return i + 2;
      }
      if (c === '{') from = i + 1;
      break;
    case 'php':
      if ((c === '{' && d === '$') || (c === '$' && d === '{')) from = i + 2;
      break;
  }
  if (from < 0) return i;
  const end = skipHole(text, from, limit, nested, depth, spec.multiline);
  out?.pushRaw(text, i, end);
  return end;
}

/** From just inside a hole's `{` to just after its matching `}` (or the line end / limit when there is none). */
export function skipHole(text: string, from: number, limit: number, nested: NestedScanner, depth: number, multiline: boolean): number {
  let d = 1;
  let j = from;
  while (j < limit) {
    const ch = text[j];
    if (ch === '{') d++;
    else if (ch === '}') {
      if (--d === 0) return j + 1;
    } else if (!multiline && isLineBreak(ch)) return j;
    else if ((ch === '"' || ch === "'" || ch === '`') && depth < MAX_NESTING) {
      const e = nested(text, j, depth + 1);
      if (e !== undefined && e > j) {
        j = Math.min(e, limit);
        continue;
      }
    }
    j++;
  }
  return limit;
}
