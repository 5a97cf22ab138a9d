/**
 * XML: attribute values (either quote) keyed by the attribute name, and element text keyed by the element name.
 * Entities `&amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;` decode, each mapped to its whole source range; unknown
 * entities stay as written. Attribute values are normalised as a parser does (tab and line breaks become spaces);
 * in text `\r\n` becomes `\n`. A text run joins the CDATA sections in it (one piece each, not decoded) and is trimmed;
 * white-space-only runs are skipped. Comments, processing instructions and declarations are skipped.
 */
import type { Span } from '../../core/types';
import type { Escaping } from '../decoded';
import { MAX_DECODED, Sink, type KeyedString } from './common';

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isNameChar = (c: string | undefined): boolean => c !== undefined && !isSpace(c) && !'/>=<"\''.includes(c);

/** Decodes the entity at i (`&…;`) into push(); returns the index after it, or i when it is no entity we know. */
function entity(text: string, i: number, push: (s: string, start: number, end: number) => void): number {
  let j = i + 1;
  while (j < text.length && j - i <= 12 && text[j] !== ';' && text[j] !== '&' && text[j] !== '<' && !isSpace(text[j])) j++;
  if (text[j] !== ';') return i;
  const name = text.slice(i + 1, j);
  let decoded = ENTITIES[name];
  if (decoded === undefined && name[0] === '#') {
    const hex = name[1] === 'x' || name[1] === 'X';
    const digits = name.slice(hex ? 2 : 1);
    if (digits !== '' && (hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits)) {
      const code = parseInt(digits, hex ? 16 : 10);
      if (code > 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
    }
  }
  if (decoded === undefined) return i;
  push(decoded, i, j + 1);
  return j + 1;
}

/** Decoded characters collected before building, so a text run can be trimmed across its pieces. */
class Collected {
  chars: string[] = [];
  starts: number[] = [];
  ends: number[] = [];
  /** [end index in chars, escaping] per piece */
  pieces: [number, Escaping][] = [];
  full = false;
  push = (s: string, start: number, end: number): void => {
    if (this.chars.length >= MAX_DECODED) {
      this.full = true;
      return;
    }
    for (let k = 0; k < s.length; k++) {
      this.chars.push(s[k]);
      this.starts.push(start);
      this.ends.push(end);
    }
  };
  endPiece(escaping: Escaping): void {
    this.pieces.push([this.chars.length, escaping]);
  }
  /** The trimmed run as a KeyedString, or undefined when it is blank. */
  build(key: string | undefined, keySpan: Span | undefined): KeyedString | undefined {
    let lo = 0;
    let hi = this.chars.length;
    while (lo < hi && isSpace(this.chars[lo])) lo++;
    while (hi > lo && isSpace(this.chars[hi - 1])) hi--;
    if (lo === hi || this.full) return undefined;
    const sink = new Sink(this.starts[lo]);
    let from = 0;
    for (const [end, escaping] of this.pieces) {
      const a = Math.max(from, lo);
      const b = Math.min(end, hi);
      if (a < b) {
        for (let k = a; k < b; k++) sink.push(this.chars[k], this.starts[k], this.ends[k]);
        sink.endPiece(escaping);
      }
      from = end;
    }
    return sink.build(this.ends[hi - 1], key, keySpan);
  }
}

export function scanXml(text: string, out: KeyedString[]): void {
  const n = text.length;
  // open elements (name and where it is written), for keying text; bounded so garbage cannot grow it without limit
  const open: { name: string; span: Span }[] = [];
  let i = 0;
  while (i < n) {
    if (text[i] !== '<') {
      i = textRun(text, i, open[open.length - 1], out);
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const e = text.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      i = textRun(text, i, open[open.length - 1], out);
    } else if (text[i + 1] === '?') {
      const e = text.indexOf('?>', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (text[i + 1] === '!') {
      i = declarationEnd(text, i);
    } else if (text[i + 1] === '/') {
      let j = i + 2;
      while (j < n && isNameChar(text[j])) j++;
      const name = text.slice(i + 2, j);
      const at = open.map((o) => o.name).lastIndexOf(name);
      if (at >= 0) open.length = at;
      while (j < n && text[j] !== '>' && text[j] !== '<') j++;
      i = text[j] === '>' ? j + 1 : j;
    } else if (isNameChar(text[i + 1])) {
      const r = startTag(text, i, out);
      if (!r.selfClosing && open.length < 256) open.push({ name: r.name, span: r.nameSpan });
      i = r.end;
    } else {
      i = textRun(text, i, open[open.length - 1], out);
    }
  }
}

/** `<!DOCTYPE …>` and friends, with an internal subset `[…]` and quoted strings. */
function declarationEnd(text: string, i: number): number {
  let depth = 0;
  for (let j = i + 2; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const e = text.indexOf(c, j + 1);
      if (e < 0) return text.length;
      j = e;
    } else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return j + 1;
  }
  return text.length;
}

function startTag(text: string, i: number, out: KeyedString[]): { name: string; nameSpan: Span; end: number; selfClosing: boolean } {
  const n = text.length;
  let j = i + 1;
  while (j < n && isNameChar(text[j])) j++;
  const name = text.slice(i + 1, j);
  const nameSpan = { start: i + 1, end: j };
  for (;;) {
    while (j < n && isSpace(text[j])) j++;
    if (j >= n || text[j] === '<') return { name, nameSpan, end: j, selfClosing: true };
    if (text[j] === '>') return { name, nameSpan, end: j + 1, selfClosing: false };
    if (text[j] === '/' && text[j + 1] === '>') return { name, nameSpan, end: j + 2, selfClosing: true };
    const attrStart = j;
    while (j < n && isNameChar(text[j])) j++;
    const attrEnd = j;
    if (attrEnd === attrStart) {
      j++; // a stray `/`, `=` or quote: skip it
      continue;
    }
    while (j < n && isSpace(text[j])) j++;
    if (text[j] !== '=') continue;
    j++;
    while (j < n && isSpace(text[j])) j++;
    const q = text[j];
    if (q !== '"' && q !== "'") continue; // unquoted (HTML style): the next loop skips it as a name
    j = attributeValue(text, j, text.slice(attrStart, attrEnd), { start: attrStart, end: attrEnd }, out);
  }
}

/** The quoted attribute value at i; ends at its quote, or unterminated at a `<` or the end. */
function attributeValue(text: string, i: number, key: string, keySpan: Span, out: KeyedString[]): number {
  const n = text.length;
  const q = text[i];
  const sink = new Sink(i);
  const push = (s: string, a: number, b: number): void => sink.push(s, a, b);
  sink.contentAt(i + 1);
  let j = i + 1;
  while (j < n && text[j] !== q && text[j] !== '<') {
    const c = text[j];
    if (c === '&') {
      const e = entity(text, j, push);
      if (e > j) {
        j = e;
        continue;
      }
    }
    if (c === '\r' && text[j + 1] === '\n') {
      sink.push(' ', j, j + 2);
      j += 2;
      continue;
    }
    sink.push(c === '\t' || c === '\n' || c === '\r' ? ' ' : c, j, j + 1);
    j++;
  }
  const end = text[j] === q ? j + 1 : j;
  sink.endPiece('xml');
  const s = sink.build(end, key, keySpan);
  if (s) out.push(s);
  return end;
}

/** Text and CDATA from i up to the next other markup. */
function textRun(text: string, i: number, element: { name: string; span: Span } | undefined, out: KeyedString[]): number {
  const n = text.length;
  const run = new Collected();
  let j = i;
  let first = true;
  while (j < n) {
    if (text.startsWith('<![CDATA[', j)) {
      run.endPiece('xml'); // the text before it (empty pieces are dropped)
      const e = text.indexOf(']]>', j + 9);
      const stop = e < 0 ? n : e;
      for (let k = j + 9; k < stop; k++) run.push(text[k], k, k + 1);
      run.endPiece('none');
      j = e < 0 ? n : e + 3;
      first = false;
      continue;
    }
    if (text[j] === '<' && !(first && j === i)) break;
    first = false;
    const c = text[j];
    if (c === '&') {
      const e = entity(text, j, run.push);
      if (e > j) {
        j = e;
        continue;
      }
    }
    if (c === '\r') {
      const e = text[j + 1] === '\n' ? j + 2 : j + 1;
      run.push('\n', j, e);
      j = e;
      continue;
    }
    run.push(c, j, j + 1);
    j++;
  }
  run.endPiece('xml');
  const s = run.build(element?.name, element?.span);
  if (s) out.push(s);
  return j;
}
