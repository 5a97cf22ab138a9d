/** Shared pieces of the host scanners: the capped builder, the keyed result type and character tests. */
import type { Span } from '../../core/types';
import { DecodedBuilder, type DecodedString, type Escaping } from '../decoded';

/** A decoded string value; configuration hosts also say under which key it sits. */
export type KeyedString = DecodedString & {
  /** the full key: dotted for properties/YAML/JSON/TOML/INI (`spring.datasource.url`, `servers[0].url`), the
   * attribute or element name for XML, the variable for .env */
  readonly key?: string;
  /** where the innermost key is written (quotes included when it is quoted) */
  readonly keySpan?: Span;
};

/**
 * Longest string we decode. Connection strings are short; a longer literal is data, and decoding it costs about
 * 24 bytes per character, so it is skipped rather than returned truncated (a truncated value would lie).
 */
export const MAX_DECODED = 1 << 18;

/** Nesting limit for strings inside template holes inside strings: deeper ones are plain text (no recursion blow-up). */
export const MAX_NESTING = 16;

/** DecodedBuilder with the size cap and the insertion point of an empty value. */
export class Sink {
  private readonly builder: DecodedBuilder;
  private count = 0;
  private overflow = false;
  /** source offset where the first decoded character would go (an empty value's insertion point) */
  contentStart = -1;

  constructor(readonly start: number) {
    this.builder = new DecodedBuilder(start);
  }

  get length(): number {
    return this.count;
  }

  push(decoded: string, start: number, end: number): void {
    if (this.contentStart < 0) this.contentStart = start;
    if (this.overflow) return;
    this.count += decoded.length;
    if (this.count > MAX_DECODED) {
      this.overflow = true;
      return;
    }
    this.builder.push(decoded, start, end);
  }

  /** Source text [start, end) as itself, one character each. */
  pushRaw(text: string, start: number, end: number): void {
    for (let k = start; k < end; k++) this.push(text[k], k, k + 1);
  }

  /** Marks where content begins (for empty literals, which push nothing). */
  contentAt(offset: number): void {
    if (this.contentStart < 0) this.contentStart = offset;
  }

  endPiece(escaping: Escaping): void {
    if (!this.overflow) this.builder.endPiece(escaping);
  }

  build(end: number, key?: string, keySpan?: Span): KeyedString | undefined {
    if (this.overflow) return undefined;
    const d = this.builder.build(end);
    // object literals, not spreads: spreading is many times slower, and files hold many thousands of strings
    const contentStart = d.value.length === 0 && this.contentStart >= 0 ? this.contentStart : undefined;
    if (key === undefined) return { value: d.value, starts: d.starts, ends: d.ends, pieces: d.pieces, span: d.span, contentStart };
    return { value: d.value, starts: d.starts, ends: d.ends, pieces: d.pieces, span: d.span, contentStart, key, keySpan };
  }
}

export const isLineBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';
export const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/** Index of the line break (or the end) at or after i. */
export function lineEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return n;
}

/** Index after the line break at `end` (`\r\n` counts as one). */
export function nextLine(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

export function skipBlanks(text: string, i: number, limit = text.length): number {
  while (i < limit && isBlank(text[i])) i++;
  return i;
}

/** ASCII letters, `_`, and anything non-ASCII (identifiers in every host allow Unicode letters). */
export function isIdentStart(c: number, dollar: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (dollar && c === 36) || c > 127;
}

export function isIdentPart(c: number, dollar: boolean): boolean {
  return isIdentStart(c, dollar) || (c >= 48 && c <= 57);
}

/** Joins a key path: `a` + `b` → `a.b`, `a` + `[0]` → `a[0]`. */
export function joinKey(parent: string, segment: string): string {
  if (parent === '') return segment;
  if (segment === '') return parent;
  return segment[0] === '[' ? parent + segment : `${parent}.${segment}`;
}
