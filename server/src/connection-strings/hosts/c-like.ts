/**
 * The scanner for languages with C-like lexical structure (the languages themselves are in c-languages.ts): one pass
 * over the code that skips comments, character literals and (JS, Groovy) regular expressions, decodes every string
 * literal, and joins literals chained with `+` (PHP: `.`) into one DecodedString with a piece per literal.
 */
import type { Escaping } from '../decoded';
import { isIdentPart, isLineBreak, Sink, type KeyedString } from './common';

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
  let inCode = !lang.php || !PHP_OPEN.test(text); // a PHP file without an open tag is read as code
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
    const ce = c === '/' || c === '#' ? commentEnd(text, i, lang) : i;
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
    if ((c === '+' || c === '-') && text[i + 1] === c) {
      i += 2; // `x++ / 2` divides, `++x` is followed by its operand: either way the state stands
      continue;
    }
    operand = c === ')' || c === ']' || c === '}';
    i++;
  }
}
