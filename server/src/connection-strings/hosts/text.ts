/** Markdown and plain text: no decoding; each line with something on it is one identity string. */
import { identity } from '../decoded';
import { isBlank, lineEnd, MAX_DECODED, nextLine, type KeyedString } from './common';

export function scanLines(text: string, out: KeyedString[]): void {
  const n = text.length;
  let ls = 0;
  while (ls < n) {
    const le = lineEnd(text, ls);
    let p = ls;
    while (p < le && (isBlank(text[p]) || text[p] === '\f' || text[p] === '\v')) p++;
    // white-space-only lines hold nothing to find; giant lines are data (see MAX_DECODED)
    if (p < le && le - ls <= MAX_DECODED) out.push(identity(text, ls, le));
    ls = nextLine(text, le);
  }
}
