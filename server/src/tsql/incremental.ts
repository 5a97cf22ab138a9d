/**
 * Re-lexing only what an edit touched. Batch separators (`GO` alone on its line) are hard boundaries for the lexer:
 * from the separator before the change to a separator after it, the text is lexed anew; tokens before are kept, tokens
 * after are shifted. If the edit opened a comment or string that runs past the next separator (the new tokens end up
 * unterminated at the boundary), the region grows to the following separator, up to the whole text — the result is
 * always exactly what lexing the whole text gives.
 */
import { lex, Tok, UNTERMINATED, type CommentSpan, type Tokens } from './lexer';

const BLOCK = 2048;

/**
 * Length of the common prefix and suffix of two texts (the suffix never overlaps the prefix). Whole blocks are compared
 * as substrings first — the engine compares those with memcmp speed — and only the last block character by character.
 */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix + BLOCK <= max && a.substring(prefix, prefix + BLOCK) === b.substring(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = max - prefix;
  while (suffix + BLOCK <= room && a.substring(a.length - suffix - BLOCK, a.length - suffix) === b.substring(b.length - suffix - BLOCK, b.length - suffix)) suffix += BLOCK;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
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

/** Indices of the batch separators (GO tokens), in order. */
function separators(t: Tokens): Int32Array {
  if (t.separators) return t.separators;
  const out: number[] = [];
  for (let i = 0; i < t.count; i++) if (t.kinds[i] === Tok.Go) out.push(i);
  return Int32Array.from(out);
}

/** Position in a sorted Int32Array of the first value ≥ x. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function relex(old: Tokens, text: string, ends = commonEnds(old.text, text)): Tokens {
  const { prefix, suffix } = ends;
  if (prefix === old.text.length && prefix === text.length) return { ...old, text };
  const delta = text.length - old.text.length;
  const changeEndOld = old.text.length - suffix; // first unchanged offset after the change, old coordinates
  const seps = separators(old);

  // start: just after the last separator that ends before the change (its line is untouched)
  let s = lowerBound(seps, firstAtOrAfter(old, prefix)) - 1;
  while (s >= 0 && old.ends[seps[s]] >= prefix) s--;
  const first = s >= 0 ? seps[s] + 1 : 0;
  const from = s >= 0 ? old.ends[seps[s]] : 0;
  // the first separator that starts after the change; if the boundary does not hold, try further ones, doubling the
  // step so that an edit opening a comment to the end of a long file costs a few passes, not one per batch
  let k = lowerBound(seps, firstAtOrAfter(old, changeEndOld));
  let step = 1;
  for (;;) {
    const next = k < seps.length ? seps[k] : old.count;
    const to = next < old.count ? old.starts[next] + delta : text.length;
    const region = lex(text, from, to);
    const lastEnd = region.count > 0 ? region.ends[region.count - 1] : from;
    const open = (region.count > 0 && region.flags[region.count - 1] & UNTERMINATED) || region.comments.some((c) => c.unterminated);
    // the separator must still be a separator in the new text: it follows a line break and nothing runs into it
    const boundaryHolds = next >= old.count || (!open && lastEnd <= to && isLineStart(text, to));
    if (boundaryHolds) return splice(old, first, next, region, delta, text);
    k += step;
    step *= 2;
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
  // separators: those before, the region's, and the tail's (shifted to the new indices)
  const oldSeps = separators(old);
  const seps: number[] = [];
  for (const i of oldSeps) if (i < first) seps.push(i);
  for (let i = 0; i < region.count; i++) if (region.kinds[i] === Tok.Go) seps.push(first + i);
  for (const i of oldSeps) if (i >= next) seps.push(i - next + at);
  return { text, count, kinds, starts, ends, flags, comments, separators: Int32Array.from(seps) };
}
