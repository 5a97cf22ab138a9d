/** Applies non-overlapping text edits (offsets into the original text). Used by fix-all, the CLI and the tests. */
import type { TextEdit } from './types';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) continue; // overlaps an edit already applied: skip rather than corrupt the text
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
