/**
 * Re-lexing only what an edit touched. Batch separators (`GO` alone on its line) are hard boundaries for the lexer:
 * from the separator before the change to a separator after it, the text is lexed anew; tokens before are kept, tokens
 * after are shifted. If the edit opened a comment or string that runs past the next separator (the new tokens end up
 * unterminated at the boundary), the region grows to the following separator, up to the whole text — the result is
 * always exactly what lexing the whole text gives.
 */
import { lex, Tok, UNTERMINATED, type CommentSpan, type Tokens } from './lexer';

/** Length of the common prefix and suffix of two texts (the suffix never overlaps the prefix). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Index of the first token whose start is ≥ offset (binary search). */
function firstAtOrAfter(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function relex(old: Tokens, text: string): Tokens {
  const { prefix, suffix } = commonEnds(old.text, text);
  if (prefix === old.text.length && prefix === text.length) return { ...old, text };
  const delta = text.length - old.text.length;
  const changeEndOld = old.text.length - suffix; // first unchanged offset after the change, old coordinates

  // start: just after the last separator that ends before the change (its line is untouched)
  let first = firstAtOrAfter(old, prefix);
  while (first > 0 && !(old.kinds[first - 1] === Tok.Go && old.ends[first - 1] < prefix)) first--;
  const from = first > 0 ? old.ends[first - 1] : 0;
  // a separator whose own text starts within the change is not a safe boundary: look for the next ones
  let next = firstAtOrAfter(old, changeEndOld);
  for (;;) {
    while (next < old.count && old.kinds[next] !== Tok.Go) next++;
    const to = next < old.count ? old.starts[next] + delta : text.length;
    const region = lex(text, from, to);
    const lastEnd = region.count > 0 ? region.ends[region.count - 1] : from;
    const open = (region.count > 0 && region.flags[region.count - 1] & UNTERMINATED) || region.comments.some((c) => c.unterminated);
    // the separator must still be a separator in the new text: it follows a line break and nothing runs into it
    const boundaryHolds = next >= old.count || (!open && lastEnd <= to && isLineStart(text, to));
    if (boundaryHolds) return splice(old, first, next, region, delta, text);
    next++;
  }
}

function isLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
}

/** old tokens [0, first) + region + old tokens [next, count) shifted by delta. */
function splice(old: Tokens, first: number, next: number, region: Tokens, delta: number, text: string): Tokens {
  const tail = old.count - next;
  const count = first + region.count + tail;
  const kinds = new Uint8Array(Math.max(16, count));
  const starts = new Int32Array(Math.max(16, count));
  const ends = new Int32Array(Math.max(16, count));
  const flags = new Uint8Array(Math.max(16, count));
  kinds.set(old.kinds.subarray(0, first));
  starts.set(old.starts.subarray(0, first));
  ends.set(old.ends.subarray(0, first));
  flags.set(old.flags.subarray(0, first));
  kinds.set(region.kinds.subarray(0, region.count), first);
  starts.set(region.starts.subarray(0, region.count), first);
  ends.set(region.ends.subarray(0, region.count), first);
  flags.set(region.flags.subarray(0, region.count), first);
  const at = first + region.count;
  kinds.set(old.kinds.subarray(next, old.count), at);
  flags.set(old.flags.subarray(next, old.count), at);
  for (let k = 0; k < tail; k++) {
    starts[at + k] = old.starts[next + k] + delta;
    ends[at + k] = old.ends[next + k] + delta;
  }
  const fromOffset = first > 0 ? old.ends[first - 1] : 0;
  const tailOffset = next < old.count ? old.starts[next] : old.text.length;
  const comments: CommentSpan[] = [];
  for (const c of old.comments) if (c.end <= fromOffset) comments.push(c);
  comments.push(...region.comments);
  for (const c of old.comments) if (c.start >= tailOffset) comments.push({ ...c, start: c.start + delta, end: c.end + delta });
  return { text, count, kinds, starts, ends, flags, comments };
}
