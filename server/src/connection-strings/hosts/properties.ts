/**
 * Java .properties, read the way java.util.Properties.load reads them: `key=value`, `key: value`, `key value`;
 * `#`/`!` comment lines; a line ending in an odd number of backslashes continues on the next line, whose leading
 * white space is dropped; escapes `\t \n \r \f \uXXXX`, and `\x` for any other x decodes to x.
 */
import { isLineBreak, nextLine, Sink, type KeyedString } from './common';
import { decodeEscape, PROPERTIES } from './escapes';

const isWhite = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/** Skips a `\` + line break continuation at i and the next line's leading white space; returns i when there is none. */
function continuation(text: string, i: number): number {
  if (text[i] !== '\\' || !isLineBreak(text[i + 1])) return i;
  let j = nextLine(text, i + 1);
  while (isWhite(text[j])) j++;
  return j;
}

export function scanProperties(text: string, out: KeyedString[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (isWhite(text[i])) i++;
    if (i >= n) break;
    if (isLineBreak(text[i])) {
      i = nextLine(text, i);
      continue;
    }
    if (text[i] === '#' || text[i] === '!') {
      while (i < n && !isLineBreak(text[i])) i++;
      continue;
    }
    // the key, up to an unescaped `=`, `:` or white space
    const keyStart = i;
    const key = new Sink(i);
    let keyEnd = i;
    while (i < n && !isLineBreak(text[i])) {
      const c = text[i];
      if (c === '\\') {
        const j = continuation(text, i);
        if (j > i) {
          i = j;
          continue;
        }
        i = decodeEscape(text, i, n, PROPERTIES, key);
        keyEnd = i;
        continue;
      }
      if (c === '=' || c === ':' || isWhite(c)) break;
      key.push(c, i, i + 1);
      i++;
      keyEnd = i;
    }
    // the separator: white space, then at most one `=` or `:`, then white space (continuations count as white space)
    const skipWhite = (): void => {
      for (;;) {
        while (isWhite(text[i])) i++;
        const j = continuation(text, i);
        if (j === i) return;
        i = j;
      }
    };
    skipWhite();
    if (text[i] === '=' || text[i] === ':') {
      i++;
      skipWhite();
    }
    const value = new Sink(i);
    value.contentAt(i);
    let valueEnd = i;
    while (i < n && !isLineBreak(text[i])) {
      if (text[i] === '\\') {
        const j = continuation(text, i);
        if (j > i) {
          i = j;
          continue;
        }
        i = decodeEscape(text, i, n, PROPERTIES, value);
      } else {
        value.push(text[i], i, i + 1);
        i++;
      }
      valueEnd = i;
    }
    value.endPiece('properties');
    const keyText = key.build(keyEnd)?.value ?? '';
    const s = value.build(valueEnd, keyText || undefined, keyText ? { start: keyStart, end: keyEnd } : undefined);
    if (s) out.push(s);
  }
}
