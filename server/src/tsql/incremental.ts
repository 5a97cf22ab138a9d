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

/**
 * What an edit did to the tokens: `[first, newNext)` are new; those before are unchanged, and the old tokens from
 * `oldNext` on follow them, shifted by `delta` characters. `first` is 0 or just after a batch separator.
 */
export interface TokenChange {
  readonly tokens: Tokens;
  readonly first: number;
  readonly oldNext: number;
  readonly newNext: number;
  readonly delta: number;
}

export function relex(old: Tokens, text: string, ends = commonEnds(old.text, text)): Tokens {
  return relexChange(old, text, ends, false).tokens;
}

/**
 * `relex` for a caller that owns `old` and never reads it again (an edited document handing its tokens to its next
 * version): the arrays are reused in place when they have room, so an edit moves the tail of the arrays instead of
 * allocating and copying all four (the arrays get some slack on the first edit).
 */
export function relexOwned(old: Tokens, text: string, ends = commonEnds(old.text, text)): TokenChange {
  return relexChange(old, text, ends, true);
}

function relexChange(old: Tokens, text: string, ends: { prefix: number; suffix: number }, inPlace: boolean): TokenChange {
  const { prefix, suffix } = ends;
  if (prefix === old.text.length && prefix === text.length) return { tokens: { ...old, text }, first: old.count, oldNext: old.count, newNext: old.count, delta: 0 };
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
    if (boundaryHolds) {
      const tokens = splice(old, first, next, region, delta, text, inPlace);
      return { tokens, first, oldNext: next, newNext: first + region.count, delta };
    }
    k += step;
    step *= 2;
  }
}

function isLineStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i--;
  return i < 0 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
}

/** old tokens [0, first) + region + old tokens [next, count) shifted by delta; in old's arrays when `inPlace` and they fit. */
function splice(old: Tokens, first: number, next: number, region: Tokens, delta: number, text: string, inPlace: boolean): Tokens {
  const tail = old.count - next;
  const count = first + region.count + tail;
  // everything read from old's arrays is read before they are overwritten
  const comments = inPlace ? splicedCommentsInPlace(old, first, next, region, delta) : splicedComments(old, first, next, region, delta);
  const seps = splicedSeparators(old, first, next, region);
  const reuse = inPlace && old.kinds.length >= count && old.starts.length >= count && old.ends.length >= count && old.flags.length >= count;
  const size = reuse ? old.kinds.length : inPlace ? count + (count >> 4) + 256 : Math.max(16, count);
  const kinds = reuse ? old.kinds : new Uint8Array(size);
  const starts = reuse ? old.starts : new Int32Array(size);
  const ends = reuse ? old.ends : new Int32Array(size);
  const flags = reuse ? old.flags : new Uint8Array(size);
  const at = first + region.count;
  if (reuse) {
    // copyWithin moves overlapping ranges correctly (memmove)
    kinds.copyWithin(at, next, old.count);
    starts.copyWithin(at, next, old.count);
    ends.copyWithin(at, next, old.count);
    flags.copyWithin(at, next, old.count);
  } else {
    kinds.set(old.kinds.subarray(0, first));
    starts.set(old.starts.subarray(0, first));
    ends.set(old.ends.subarray(0, first));
    flags.set(old.flags.subarray(0, first));
    kinds.set(old.kinds.subarray(next, old.count), at);
    flags.set(old.flags.subarray(next, old.count), at);
    starts.set(old.starts.subarray(next, old.count), at);
    ends.set(old.ends.subarray(next, old.count), at);
  }
  kinds.set(region.kinds.subarray(0, region.count), first);
  starts.set(region.starts.subarray(0, region.count), first);
  ends.set(region.ends.subarray(0, region.count), first);
  flags.set(region.flags.subarray(0, region.count), first);
  if (delta !== 0) {
    for (let k = at; k < count; k++) {
      starts[k] += delta;
      ends[k] += delta;
    }
  }
  return { text, count, kinds, starts, ends, flags, comments, separators: seps };
}

function splicedComments(old: Tokens, first: number, next: number, region: Tokens, delta: number): CommentSpan[] {
  const fromOffset = first > 0 ? old.ends[first - 1] : 0;
  const tailOffset = next < old.count ? old.starts[next] : old.text.length;
  const comments: CommentSpan[] = [];
  for (const c of old.comments) if (c.end <= fromOffset) comments.push(c);
  for (const c of region.comments) comments.push(c); // not push(...): a region can hold more comments than a call has arguments
  for (const c of old.comments) if (c.start >= tailOffset) comments.push(delta === 0 ? c : { ...c, start: c.start + delta, end: c.end + delta });
  return comments;
}

/**
 * splicedComments for an owned `old`: its comment list is edited in place (the comments the region replaces go, the
 * tail's are moved by delta), so an edit allocates nothing for the thousands of comments of a long script.
 */
function splicedCommentsInPlace(old: Tokens, first: number, next: number, region: Tokens, delta: number): CommentSpan[] {
  const fromOffset = first > 0 ? old.ends[first - 1] : 0;
  const tailOffset = next < old.count ? old.starts[next] : old.text.length;
  const list = old.comments as CommentSpan[];
  // comments are in order and never overlap, so both bounds are binary searches
  const a = firstComment(list, (c) => c.end > fromOffset);
  const b = firstComment(list, (c) => c.start >= tailOffset);
  if (delta !== 0) {
    for (let k = b; k < list.length; k++) {
      const c = list[k] as { start: number; end: number };
      c.start += delta;
      c.end += delta;
    }
  }
  replaceRange(list, a, b, region.comments);
  return list;
}

/** list[a, b) = items, in place; splice(a, n, ...items) throws when items has more elements than a call has arguments. */
function replaceRange<T>(list: T[], a: number, b: number, items: readonly T[]): void {
  if (items.length <= 1024) {
    list.splice(a, b - a, ...items);
    return;
  }
  const tail = list.slice(b);
  list.length = a;
  for (const x of items) list.push(x);
  for (const x of tail) list.push(x);
}

/** Index of the first comment for which `past` holds (`past` is false, then true, along the list). */
function firstComment(list: readonly CommentSpan[], past: (c: CommentSpan) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (past(list[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** separators: those before, the region's, and the tail's (shifted to the new indices) */
function splicedSeparators(old: Tokens, first: number, next: number, region: Tokens): Int32Array {
  const oldSeps = separators(old);
  const at = first + region.count;
  const seps: number[] = [];
  for (const i of oldSeps) if (i < first) seps.push(i);
  for (let i = 0; i < region.count; i++) if (region.kinds[i] === Tok.Go) seps.push(first + i);
  for (const i of oldSeps) if (i >= next) seps.push(i - next + at);
  return Int32Array.from(seps);
}
