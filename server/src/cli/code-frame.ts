/**
 * The code line under a finding, with a caret under its range:
 *     16 | ENCRYPTION = REQUIRED ALGORITHM RC4 AES
 *        |                       ^~~~~~~~~~~~~~~~~
 * Secrets are masked, control characters neutralised, and very long lines (minified JSON…) cut to a window around
 * the range. Multi-line ranges are underlined to the end of their first line.
 */
import type { Finding, Span } from '../core/types';
import type { ScannedFile } from './scan';
import { likelySecrets, maskRange } from './secrets';
import { sanitize, type Style } from './terminal';

/** Widest code line printed; longer lines are cut around the range with an ellipsis on each cut side. */
export const MAX_CODE_WIDTH = 160;
const LEAD = 40;
const WINDOW = 4 * MAX_CODE_WIDTH;
const SECRET_REACH = 256;

const sortedSecrets = new WeakMap<ScannedFile, readonly Span[]>();

/** The file's flagged secrets that overlap [from, to), by binary search (not a pass over all of them per finding). */
function secretsIn(file: ScannedFile, from: number, to: number): Span[] {
  let sorted = sortedSecrets.get(file);
  if (!sorted) sortedSecrets.set(file, (sorted = [...file.secrets].sort((a, b) => a.start - b.start)));
  // secrets do not overlap each other much; step back over any that start before `from` but reach into it
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Span[] = [];
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) if (sorted[i].end > from) out.push(sorted[i]);
  for (let i = lo; i < sorted.length && sorted[i].start < to; i++) out.push(sorted[i]);
  return out;
}

export function codeFrame(file: ScannedFile, finding: Finding, style: Style, indent = '  '): string[] {
  const { lines } = file;
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  const lineStart = lines.lineStart(start.line);
  const lineEnd = lines.lineEnd(start.line);
  // Only a window of the line around the range is masked and measured: doing it over the whole line for every
  // finding was quadratic on long lines (16,000 findings on one 700 KB line took a minute). The window is 4× what is
  // printed, so the cut below is the same; secrets are looked for a little further out, so one that the window's
  // edge cuts is still masked.
  const winStart = Math.max(lineStart, finding.span.start - WINDOW);
  const winEnd = Math.min(lineEnd, Math.max(winStart, finding.span.start) + WINDOW);
  const secrets = [...secretsIn(file, winStart, winEnd), ...likelySecrets(file.text, Math.max(lineStart, winStart - SECRET_REACH), Math.min(lineEnd, winEnd + SECRET_REACH))];
  const masked = maskRange(file.text, winStart, winEnd, secrets);
  let code = sanitize(masked.text);
  let from = masked.map(finding.span.start);
  let to = end.line === start.line ? masked.map(finding.span.end, true) : code.length;

  if (code.length > MAX_CODE_WIDTH || winStart > lineStart || winEnd < lineEnd) {
    const cut = Math.max(0, Math.min(from - LEAD, code.length - MAX_CODE_WIDTH));
    const head = cut > 0 || winStart > lineStart ? '…' : '';
    const tail = cut + MAX_CODE_WIDTH < code.length || winEnd < lineEnd ? '…' : '';
    code = head + code.slice(cut, cut + MAX_CODE_WIDTH) + tail;
    from = from - cut + head.length;
    to = Math.min(to - cut + head.length, code.length - tail.length);
  }

  // Tabs stay tabs under tabs so the caret lines up whatever the terminal's tab width.
  let pad = '';
  for (let i = 0; i < from; i++) pad += code[i] === '\t' ? '\t' : ' ';
  const caret = '^' + '~'.repeat(Math.max(0, to - from - 1));
  const number = String(start.line + 1);
  const gutter = (text: string): string => style.dim(`${indent}${text} |`);
  return [`${gutter(number)} ${code}`.trimEnd(), `${gutter(' '.repeat(number.length))} ${pad}${style.severity(finding.severity, caret)}`];
}
