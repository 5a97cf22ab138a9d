/**
 * TOML: `key = value` under `[table]` / `[[array.of.tables]]` headers, keyed by the full dotted path (bare, quoted
 * and dotted keys). Strings: "…" (escapes), '…' (literal), """…""" (escapes, line-ending backslash, first line break
 * dropped), '''…''' (literal, first line break dropped). Arrays yield their strings as `key[i]`, inline tables as
 * `key.inner`. Other values (numbers, dates, booleans) are skipped.
 */
import type { Span } from '../../core/types';
import { isBlank, isLineBreak, joinKey, lineEnd, nextLine, Sink, type KeyedString } from './common';
import { TOML } from './escapes';
import { scanQuoted, type QuotedSpec } from './quoted';

const BASIC: QuotedSpec = { prefix: 0, delim: '"', multiline: false, escapes: TOML, escaping: 'backslash-double' };
const LITERAL: QuotedSpec = { prefix: 0, delim: "'", multiline: false, escaping: 'none' };
const MULTI_BASIC: QuotedSpec = {
  prefix: 0,
  delim: '"""',
  multiline: true,
  escapes: TOML,
  lineEndingBackslash: true,
  trimFirstNewline: true,
  extraQuotes: 2,
  escaping: 'backslash-double',
};
const MULTI_LITERAL: QuotedSpec = { prefix: 0, delim: "'''", multiline: true, trimFirstNewline: true, extraQuotes: 2, escaping: 'none' };
const noNested = (): undefined => undefined;
/** Arrays and inline tables nested deeper than this are skipped, not descended into. */
const MAX_DEPTH = 32;

const isBareKeyChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-');

function specAt(text: string, i: number): QuotedSpec | undefined {
  if (text[i] === '"') return text.startsWith('"""', i) ? MULTI_BASIC : BASIC;
  if (text[i] === "'") return text.startsWith("'''", i) ? MULTI_LITERAL : LITERAL;
  return undefined;
}

export function scanToml(text: string, out: KeyedString[]): void {
  new TomlScanner(text, out).scan();
}

class TomlScanner {
  private readonly n: number;
  constructor(
    private readonly text: string,
    private readonly out: KeyedString[],
  ) {
    this.n = text.length;
  }

  scan(): void {
    const { text, n } = this;
    let table = '';
    let i = 0;
    while (i < n) {
      while (i < n && (isBlank(text[i]) || isLineBreak(text[i]))) i++;
      if (i >= n) break;
      if (text[i] === '#') {
        i = lineEnd(text, i);
        continue;
      }
      if (text[i] === '[') {
        const k = this.key(text[i + 1] === '[' ? i + 2 : i + 1);
        if (k) table = k.path;
        i = nextLine(text, lineEnd(text, i));
        continue;
      }
      const k = this.key(i);
      let j = k ? this.blanks(k.end) : i;
      if (!k || text[j] !== '=') {
        i = nextLine(text, lineEnd(text, i));
        continue;
      }
      j = this.blanks(j + 1);
      const end = this.value(j, joinKey(table, k.path), k.span, 0);
      i = nextLine(text, lineEnd(text, Math.max(end, j)));
    }
  }

  private blanks(i: number): number {
    while (i < this.n && isBlank(this.text[i])) i++;
    return i;
  }

  /** Blanks, line breaks and comments (inside arrays). */
  private gap(i: number): number {
    const { text, n } = this;
    for (;;) {
      while (i < n && (isBlank(text[i]) || isLineBreak(text[i]))) i++;
      if (text[i] !== '#') return i;
      i = lineEnd(text, i);
    }
  }

  /** A dotted key at i: its path, where its last part is written, and its end. */
  private key(i: number): { path: string; span: Span; end: number } | undefined {
    const { text, n } = this;
    let path = '';
    let span: Span | undefined;
    for (;;) {
      i = this.blanks(i);
      const spec = specAt(text, i);
      let part: string;
      const start = i;
      if (spec === BASIC || spec === LITERAL) {
        const sink = new Sink(i);
        i = scanQuoted(text, i, spec, sink, noNested, 0);
        part = sink.build(i)?.value ?? '';
      } else {
        while (i < n && isBareKeyChar(text[i])) i++;
        if (i === start) return span ? { path, span, end: i } : undefined;
        part = text.slice(start, i);
      }
      path = path ? `${path}.${part}` : part;
      span = { start, end: i };
      const j = this.blanks(i);
      if (text[j] !== '.') return { path, span, end: i };
      i = j + 1;
    }
  }

  /** The value at i; returns the index after it. */
  private value(i: number, key: string, keySpan: Span, depth: number): number {
    const { text, n } = this;
    const spec = specAt(text, i);
    if (spec) {
      const sink = new Sink(i);
      const end = scanQuoted(text, i, spec, sink, noNested, 0);
      sink.endPiece(spec.escaping);
      const s = sink.build(end, key, keySpan);
      if (s) this.out.push(s);
      return end;
    }
    const c = text[i];
    if ((c === '[' || c === '{') && depth >= MAX_DEPTH) return this.skipNested(i);
    if (c === '[') {
      let j = i + 1;
      let index = 0;
      for (;;) {
        j = this.gap(j);
        if (j >= n) return n;
        if (text[j] === ']') return j + 1;
        if (text[j] === ',') {
          index++;
          j++;
          continue;
        }
        const e = this.value(j, `${key}[${index}]`, keySpan, depth + 1);
        j = Math.max(e, j + 1);
      }
    }
    if (c === '{') {
      let j = i + 1;
      for (;;) {
        j = this.gap(j);
        if (j >= n) return n;
        if (text[j] === '}') return j + 1;
        if (text[j] === ',') {
          j++;
          continue;
        }
        const k = this.key(j);
        const eq = k ? this.blanks(k.end) : j;
        if (!k || text[eq] !== '=') {
          j = Math.max(k?.end ?? j, j + 1);
          continue;
        }
        const e = this.value(this.blanks(eq + 1), joinKey(key, k.path), k.span, depth + 1);
        j = Math.max(e, eq + 1);
      }
    }
    // a number, date, boolean, or garbage
    let j = i;
    while (j < n && !isBlank(text[j]) && !isLineBreak(text[j]) && text[j] !== ',' && text[j] !== ']' && text[j] !== '}' && text[j] !== '#') j++;
    return j;
  }

  /** Past the bracket that closes the one at i, skipping strings. */
  private skipNested(i: number): number {
    const { text, n } = this;
    let depth = 0;
    while (i < n) {
      const spec = specAt(text, i);
      if (spec) {
        i = scanQuoted(text, i, spec, null, noNested, 0);
        continue;
      }
      const c = text[i];
      if (c === '[' || c === '{') depth++;
      else if ((c === ']' || c === '}') && --depth <= 0) return i + 1;
      else if (c === '#') i = lineEnd(text, i) - 1;
      i++;
    }
    return n;
  }
}
