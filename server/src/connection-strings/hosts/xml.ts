/**
 * XML: attribute values (either quote) keyed by the attribute name, and element text keyed by the element name.
 * Entities `&amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;` decode, each mapped to its whole source range; unknown
 * entities stay as written. Attribute values are normalised as a parser does (tab and line breaks become spaces);
 * in text `\r\n` becomes `\n`. A text run joins the CDATA sections in it (one piece each, not decoded) and is trimmed;
 * white-space-only runs are skipped. Comments, processing instructions and declarations are skipped.
 */
import type { Span } from '../../core/types';
import type { Escaping } from '../decoded';
import { Sink, type KeyedString } from './common';

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

/**
 * Text and CDATA from i up to the next other markup, trimmed. Two passes: the first finds the run's end and its first
 * and last characters that are not white space (an entity counts as text); the second decodes just that range.
 */
function textRun(text: string, i: number, element: { name: string; span: Span } | undefined, out: KeyedString[]): number {
  const n = text.length;
  let lo = -1;
  let hi = -1;
  const see = (k: number): void => {
    if (isSpace(text[k])) return;
    if (lo < 0) lo = k;
    hi = k + 1;
  };
  const end = walkRun(text, i, (k) => see(k), (a, b) => {
    for (let k = a; k < b; k++) see(k);
  });
  if (lo < 0) return end;
  const sink = new Sink(lo);
  let pieceStart = 0;
  const endPiece = (escaping: Escaping): void => {
    if (sink.length > pieceStart) sink.endPiece(escaping);
    pieceStart = sink.length;
  };
  const push = (s: string, a: number, b: number): void => sink.push(s, a, b);
  walkRun(
    text,
    i,
    (k) => {
      if (k < lo || k >= hi) return k + 1;
      const c = text[k];
      if (c === '&') {
        const e = entity(text, k, push);
        if (e > k) return e;
      }
      if (c === '\r') {
        const e = text[k + 1] === '\n' && k + 1 < hi ? k + 2 : k + 1;
        sink.push('\n', k, e);
        return e;
      }
      sink.push(c, k, k + 1);
      return k + 1;
    },
    (a, b) => {
      endPiece('xml');
      for (let k = Math.max(a, lo); k < Math.min(b, hi); k++) sink.push(text[k], k, k + 1);
      endPiece('none');
    },
  );
  if (sink.length > pieceStart || sink.length === 0) sink.endPiece('xml');
  const s = sink.build(hi, element?.name, element?.span);
  if (s) out.push(s);
  return end;
}

/**
 * Walks a text run from i: `char(k)` for each character outside CDATA (it returns where to continue; by default the
 * next character), `cdata(a, b)` for each CDATA section's content. Returns where the run ends: at markup other than
 * CDATA (a `<` at i itself is text: the caller found no markup there).
 */
function walkRun(text: string, i: number, char: (k: number) => number | void, cdata: (a: number, b: number) => void): number {
  const n = text.length;
  let j = i;
  while (j < n) {
    if (text.startsWith('<![CDATA[', j)) {
      const e = text.indexOf(']]>', j + 9);
      cdata(j + 9, e < 0 ? n : e);
      j = e < 0 ? n : e + 3;
      continue;
    }
    if (text[j] === '<' && j !== i) break;
    const next = char(j);
    j = typeof next === 'number' && next > j ? next : j + 1;
  }
  return j;
}
