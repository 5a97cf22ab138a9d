/**
 * The code line under a finding, with a caret under its range:
 *     16 | ENCRYPTION = REQUIRED ALGORITHM RC4 AES
 *        |                       ^~~~~~~~~~~~~~~~~
 * Secrets are masked, control characters neutralised, and very long lines (minified JSON…) cut to a window around
 * the range. Multi-line ranges are underlined to the end of their first line.
 */
import type { Finding } from '../core/types';
import type { ScannedFile } from './scan';
import { likelySecrets, maskRange } from './secrets';
import { sanitize, type Style } from './terminal';

/** Widest code line printed; longer lines are cut around the range with an ellipsis on each cut side. */
export const MAX_CODE_WIDTH = 160;
const LEAD = 40;

export function codeFrame(file: ScannedFile, finding: Finding, style: Style, indent = '  '): string[] {
  const { lines } = file;
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  const lineStart = lines.lineStart(start.line);
  const lineEnd = lines.lineEnd(start.line);
  // the flagged secrets, and anything on the line that looks like one (see likelySecrets)
  const masked = maskRange(file.text, lineStart, lineEnd, [...file.secrets, ...likelySecrets(file.text, lineStart, lineEnd)]);
  let code = sanitize(masked.text);
  let from = masked.map(finding.span.start);
  let to = end.line === start.line ? masked.map(finding.span.end, true) : code.length;

  if (code.length > MAX_CODE_WIDTH) {
    const cut = Math.max(0, Math.min(from - LEAD, code.length - MAX_CODE_WIDTH));
    const head = cut > 0 ? '…' : '';
    const tail = cut + MAX_CODE_WIDTH < code.length ? '…' : '';
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
