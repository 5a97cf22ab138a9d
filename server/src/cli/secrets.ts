/**
 * Literal secrets never leave the CLI in full: wherever it prints or hashes source text (code lines under findings,
 * fingerprints), the spans `hardcoded-password` flags are replaced by a mask first.
 */
import type { Span } from '../core/types';

export const SECRET_RULE = 'hardcoded-password';
export const MASK = '••••••';

export interface MaskedText {
  readonly text: string;
  /** where an offset of the original text lands in `text`; inside a mask, its start (or its end for `end`) */
  map(offset: number, end?: boolean): number;
}

/** `text.slice(from, to)` with every secret span inside it (clipped to the range) replaced by MASK. */
export function maskRange(text: string, from: number, to: number, secrets: readonly Span[]): MaskedText {
  const inside = secrets
    .map((s) => ({ start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start);
  // pieces: [original start, original end, output start, masked]
  const pieces: [number, number, number, boolean][] = [];
  let out = '';
  let at = from;
  for (const s of inside) {
    if (s.end <= at) continue;
    const start = Math.max(s.start, at);
    if (start > at) {
      pieces.push([at, start, out.length, false]);
      out += text.slice(at, start);
    }
    pieces.push([start, s.end, out.length, true]);
    out += MASK;
    at = s.end;
  }
  if (to > at) {
    pieces.push([at, to, out.length, false]);
    out += text.slice(at, to);
  }
  const length = out.length;
  return {
    text: out,
    map(offset: number, end = false): number {
      if (offset < from) return 0;
      for (const [start, stop, outStart, masked] of pieces) {
        if (offset < start || offset >= stop) continue;
        if (!masked) return outStart + (offset - start);
        return end && offset > start ? outStart + MASK.length : outStart;
      }
      return length;
    },
  };
}

/**
 * Values that look like secrets on a line the CLI prints, whether or not a rule flagged them: a code frame shows the
 * whole line under a finding, and the line may hold a password the rules do not model (a `password:` key of a
 * driver config object next to a flagged `encrypt: false`…). A key named like a secret, then `=` or `:`, then a
 * quoted literal or a bare value up to the next separator. Defence in depth: masking a non-secret here only hides
 * a few characters of a printed line.
 */
const SECRET_KEY = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[-_]?key|credential)s?["']?\s*[:=]\s*(?:"((?:[^"\\\r\n]|\\.)*)"?|'((?:[^'\\\r\n]|\\.)*)'?|([^\s;&,'"`)}\]]+))/gi;

export function likelySecrets(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const line = text.slice(from, to);
  for (const m of line.matchAll(SECRET_KEY)) {
    const value = m[1] ?? m[2] ?? m[3];
    if (!value) continue;
    const end = (m.index ?? 0) + m[0].length - (m[0].endsWith('"') || m[0].endsWith("'") ? 1 : 0);
    out.push({ start: from + end - value.length, end: from + end });
  }
  return out;
}

