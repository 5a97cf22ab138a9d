/**
 * Python: '…', "…", '''…''', """…""" with r/u/b/f/t prefixes (any case, valid pairs), `#` comments. Adjacent
 * literals concatenate implicitly — on one line, or across lines (and comments) inside brackets or after a `\`
 * line join — and `+` joins them too; either way they become one DecodedString with a piece per literal.
 */
import { isIdentPart, isLineBreak, Sink, type KeyedString } from './common';
import type { Opener } from './c-like';
import { PYTHON_BYTES, PYTHON_STR } from './escapes';
import { scanQuoted, type NestedScanner } from './quoted';

const PREFIXES = new Set(['', 'r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const openers = new Map<string, Opener>();

const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

const nested: NestedScanner = (text, i, depth) => pythonLiteralAt(text, i)?.scan(text, i, null, depth);

/** The string literal (prefix included) starting at i, if any. */
export function pythonLiteralAt(text: string, i: number): Opener | undefined {
  let j = i;
  while (j - i < 3 && isLetter(text[j])) j++;
  const q = text[j];
  if (j - i > 2 || (q !== '"' && q !== "'")) return undefined;
  const prefix = text.slice(i, j).toLowerCase();
  if (!PREFIXES.has(prefix)) return undefined;
  const triple = text.startsWith(q + q + q, j);
  const key = `${prefix}${triple ? q + q + q : q}`;
  let op = openers.get(key);
  if (!op) {
    const raw = prefix.includes('r');
    const spec = {
      prefix: prefix.length,
      delim: triple ? q + q + q : q,
      multiline: triple,
      escapes: raw ? undefined : prefix.includes('b') ? PYTHON_BYTES : PYTHON_STR,
      rawBackslash: raw,
      holes: prefix.includes('f') || prefix.includes('t') ? ('braces' as const) : undefined,
      newlines: 'lf' as const, // the tokenizer reads source with universal newlines
      escaping: raw ? ('none' as const) : q === '"' ? ('backslash-double' as const) : ('backslash-single' as const),
    };
    op = { escaping: spec.escaping, scan: (t, s, out, depth) => scanQuoted(t, s, spec, out, nested, depth) };
    openers.set(key, op);
  }
  return op;
}

/** What may separate implicitly concatenated literals: blanks and `\` line joins; inside brackets also line breaks and comments. */
function gap(text: string, i: number, depth: number): number {
  const n = text.length;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\f') i++;
    else if (c === '\\' && isLineBreak(text[i + 1])) i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
    else if (depth > 0 && isLineBreak(c)) i++;
    else if (depth > 0 && c === '#') while (i < n && !isLineBreak(text[i])) i++;
    else return i;
  }
}

function chain(text: string, i: number, first: Opener, depth: number, out: KeyedString[]): number {
  const sink = new Sink(i);
  let end = first.scan(text, i, sink, 0);
  sink.endPiece(first.escaping);
  for (;;) {
    let j = gap(text, end, depth);
    let next = pythonLiteralAt(text, j);
    if (!next && text[j] === '+' && text[j + 1] !== '=') {
      j = gap(text, j + 1, depth);
      next = pythonLiteralAt(text, j);
    }
    if (!next) break;
    end = next.scan(text, j, sink, 0);
    sink.endPiece(next.escaping);
  }
  const s = sink.build(end);
  if (s) out.push(s);
  return end;
}

export function scanPython(text: string, out: KeyedString[]): void {
  const n = text.length;
  let depth = 0; // bracket depth: inside brackets, line breaks do not end the statement
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '#') {
      while (i < n && !isLineBreak(text[i])) i++;
      continue;
    }
    const op = pythonLiteralAt(text, i);
    if (op) {
      i = chain(text, i, op, depth, out);
      continue;
    }
    const code = text.charCodeAt(i);
    if (isIdentPart(code, false)) {
      while (i < n && isIdentPart(text.charCodeAt(i), false)) i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    i++;
  }
}
