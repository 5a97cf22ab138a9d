/**
 * A string as a program sees it after the host language's escaping is undone, with a map back to the source. Every
 * finding on a connection string is computed on the decoded text and reported at the exact source range; every fix is
 * written back with the host's escaping.
 */
import type { Span, TextEdit } from '../core/types';

/** How text must be escaped to be written back into the source. */
export type Escaping =
  | 'none' // raw text, raw string literals, unquoted YAML/.env values, Markdown
  | 'backslash-double' // "…" in Java, C#, JS/TS, Go, PHP, Python, JSON, YAML "…"
  | 'backslash-single' // '…' in JS/TS, Python, PHP
  | 'doubled-double' // C# verbatim @"…", VB "…"
  | 'doubled-single' // YAML '…', T-SQL '…'
  | 'xml' // XML attribute values and text
  | 'properties'; // .properties values

export interface DecodedPiece {
  /** decoded range [start, end) that comes from one source literal */
  readonly start: number;
  readonly end: number;
  readonly escaping: Escaping;
}

export interface DecodedString {
  /** the text the program sees */
  readonly value: string;
  /** source offset where decoded character i begins */
  readonly starts: Int32Array;
  /** source offset where decoded character i ends */
  readonly ends: Int32Array;
  /** one entry per source literal (adjacent literals joined with `+` give several) */
  readonly pieces: readonly DecodedPiece[];
  /** the whole source range, quotes included */
  readonly span: Span;
  /** for an empty value: the source offset between its delimiters, where inserted text belongs (`span.start` is the
   * opening quote, and text inserted there would land outside the literal) */
  readonly contentStart?: number;
}

/** Builds a DecodedString incrementally; used by every host scanner. */
export class DecodedBuilder {
  private chars: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private pieces: DecodedPiece[] = [];
  private pieceStart = 0;

  constructor(private readonly spanStart: number) {}

  get length(): number {
    return this.chars.length;
  }

  /** One decoded character (or a surrogate pair / short string) from source [start, end). */
  push(decoded: string, start: number, end: number): void {
    for (let k = 0; k < decoded.length; k++) {
      this.chars.push(decoded[k]);
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Ends the current source literal. */
  endPiece(escaping: Escaping): void {
    if (this.chars.length > this.pieceStart || this.pieces.length === 0) this.pieces.push({ start: this.pieceStart, end: this.chars.length, escaping });
    this.pieceStart = this.chars.length;
  }

  build(spanEnd: number): DecodedString {
    return {
      value: this.chars.join(''),
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
      pieces: this.pieces,
      span: { start: this.spanStart, end: spanEnd },
    };
  }
}

/** A DecodedString that is the source text itself (raw text, API arguments). */
export function identity(text: string, start: number, end: number, escaping: Escaping = 'none'): DecodedString {
  const n = end - start;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = start + i;
    ends[i] = start + i + 1;
  }
  return { value: text.slice(start, end), starts, ends, pieces: [{ start: 0, end: n, escaping }], span: { start, end } };
}

/** The source span of decoded [start, end); an empty decoded range maps to an insertion point. */
export function sourceSpan(d: DecodedString, start: number, end: number): Span {
  if (d.value.length === 0) {
    const at = d.contentStart ?? d.span.start;
    return { start: at, end: at };
  }
  if (end <= start) {
    const at = start < d.value.length ? d.starts[start] : d.ends[d.value.length - 1];
    return { start: at, end: at };
  }
  return { start: d.starts[start], end: d.ends[Math.min(end, d.value.length) - 1] };
}

export function escapeFor(text: string, escaping: Escaping): string {
  switch (escaping) {
    case 'none':
      return text;
    case 'backslash-double':
      return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    case 'backslash-single':
      return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    case 'doubled-double':
      return text.replace(/"/g, '""');
    case 'doubled-single':
      return text.replace(/'/g, "''");
    case 'xml':
      // `'` too: the value may sit in a single-quoted attribute
      return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    case 'properties':
      return text.replace(/\\/g, '\\\\');
  }
}

/**
 * Source edits that replace decoded [start, end) with `newText`. A range that crosses literals (`"a" + "b"`) is cut
 * at their boundaries so the code between them (`" + "`) is never touched: the new text goes into the first literal,
 * the rest of the range is deleted literal by literal. An insertion goes into the literal that holds `start`.
 */
export function replaceDecoded(d: DecodedString, start: number, end: number, newText: string): TextEdit[] {
  const pieceAt = (i: number): DecodedPiece => d.pieces.find((p) => p.start <= i && i < p.end) ?? d.pieces[d.pieces.length - 1];
  if (end <= start) {
    const piece = start < d.value.length ? pieceAt(start) : d.pieces[d.pieces.length - 1];
    const at = sourceSpan(d, start, start).start;
    return [{ start: at, end: at, newText: escapeFor(newText, piece?.escaping ?? 'none') }];
  }
  const edits: TextEdit[] = [];
  let first = true;
  for (const piece of d.pieces) {
    const a = Math.max(start, piece.start);
    const b = Math.min(end, piece.end);
    if (a >= b) continue;
    const span = sourceSpan(d, a, b);
    edits.push({ start: span.start, end: span.end, newText: first ? escapeFor(newText, piece.escaping) : '' });
    first = false;
  }
  return edits;
}
