/**
 * Line-oriented `key = value` files.
 * - .env (as python-dotenv / docker compose read it): `[export ]KEY=value`; "…" values decode backslash escapes and
 *   may span lines; '…' and `…` values are literal and may span lines; an unquoted value ends at ` #` and is trimmed.
 * - INI: `[section]` headers, `;`/`#` comment lines, `key = value` or `key: value`; a value wholly in matching quotes
 *   loses them (nothing inside is an escape); no inline comments (a `;` is common inside connection strings).
 */
import type { Escaping } from '../decoded';
import { isBlank, lineEnd, nextLine, Sink, type KeyedString } from './common';
import { decodeEscape, DOTENV } from './escapes';

const isKeyChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '-');

export function scanDotenv(text: string, out: KeyedString[]): void {
  const n = text.length;
  // where a search for a closing quote already failed: a later search from further on fails too (keeps it linear)
  const noClose: Record<string, number> = { '"': n + 1, "'": n + 1, '`': n + 1 };
  let ls = 0;
  while (ls < n) {
    const le = lineEnd(text, ls);
    let i = ls;
    while (i < le && isBlank(text[i])) i++;
    if (text.startsWith('export', i) && isBlank(text[i + 6])) {
      i += 6;
      while (i < le && isBlank(text[i])) i++;
    }
    const keyStart = i;
    while (i < le && isKeyChar(text[i])) i++;
    const keyEnd = i;
    while (i < le && isBlank(text[i])) i++;
    const sep = text[i];
    if (keyEnd === keyStart || text[keyStart] === '#' || !(sep === '=' || (sep === ':' && isBlank(text[i + 1])))) {
      ls = nextLine(text, le);
      continue;
    }
    i++;
    while (i < le && isBlank(text[i])) i++;
    const key = text.slice(keyStart, keyEnd);
    const keySpan = { start: keyStart, end: keyEnd };
    const q = text[i];
    let resume = nextLine(text, le);
    if (q === '"' || q === "'" || q === '`') {
      const sink = new Sink(i);
      let j = i + 1;
      sink.contentAt(j);
      const multiline = noClose[q] > j;
      const limit = multiline ? n : le;
      let closed = false;
      while (j < limit) {
        const c = text[j];
        if (c === q) {
          closed = true;
          break;
        }
        if (q === '"' && c === '\\') j = decodeEscape(text, j, limit, DOTENV, sink);
        else {
          sink.push(c, j, j + 1);
          j++;
        }
      }
      let escaping: Escaping = q === '"' ? 'backslash-double' : 'none';
      let s: KeyedString | undefined;
      if (closed) {
        sink.endPiece(escaping);
        s = sink.build(j + 1, key, keySpan);
        resume = nextLine(text, lineEnd(text, j + 1));
      } else if (multiline) {
        // no closing quote anywhere: the value is the rest of this line, read again as one line
        noClose[q] = i;
        continue;
      } else {
        escaping = 'none';
        const plain = new Sink(i);
        plain.pushRaw(text, i, trimmedEnd(text, i, le));
        plain.endPiece(escaping);
        s = plain.build(trimmedEnd(text, i, le), key, keySpan);
      }
      if (s) out.push(s);
    } else {
      // unquoted: up to ` #`, trimmed
      let e = i;
      while (e < le && !(text[e] === '#' && e > i && isBlank(text[e - 1]))) e++;
      const end = trimmedEnd(text, i, e);
      const sink = new Sink(i);
      sink.contentAt(i);
      sink.pushRaw(text, i, end);
      sink.endPiece('none');
      const s = sink.build(end, key, keySpan);
      if (s) out.push(s);
    }
    ls = resume;
  }
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isBlank(text[end - 1])) end--;
  return end;
}

export function scanIni(text: string, out: KeyedString[]): void {
  const n = text.length;
  let section = '';
  let ls = 0;
  while (ls < n) {
    const le = lineEnd(text, ls);
    const next = nextLine(text, le);
    let i = ls;
    while (i < le && isBlank(text[i])) i++;
    const c = text[i];
    if (i === le || c === ';' || c === '#') {
      ls = next;
      continue;
    }
    if (c === '[') {
      let close = i;
      while (close < le && text[close] !== ']') close++;
      if (close < le) section = text.slice(i + 1, close).trim();
      ls = next;
      continue;
    }
    let sep = i;
    while (sep < le && text[sep] !== '=' && text[sep] !== ':') sep++;
    const keyEnd = trimmedEnd(text, i, sep);
    if (sep >= le || keyEnd === i) {
      ls = next;
      continue;
    }
    const name = text.slice(i, keyEnd);
    let v = sep + 1;
    while (v < le && isBlank(text[v])) v++;
    const ve = trimmedEnd(text, v, le);
    const q = text[v];
    const quoted = ve - v >= 2 && (q === '"' || q === "'") && text[ve - 1] === q;
    const sink = new Sink(v);
    sink.contentAt(quoted ? v + 1 : v);
    sink.pushRaw(text, quoted ? v + 1 : v, quoted ? ve - 1 : ve);
    sink.endPiece('none');
    const s = sink.build(ve, section ? `${section}.${name}` : name, { start: i, end: keyEnd });
    if (s) out.push(s);
    ls = next;
  }
}
