/**
 * Fingerprints that survive unrelated edits: a finding is identified by its rule, its file, the text of its line(s)
 * (whitespace-normalised, secrets masked) and which occurrence of that same key it is in the file — not by its line
 * number, so inserting or moving other lines does not change it. SARIF's partialFingerprints and baselines share it.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/types';
import type { ScannedFile } from './scan';
import { maskRange } from './secrets';

export const FINGERPRINT_VERSION = 'sqlguard/v1';

/** The finding's line(s), secrets masked, runs of whitespace collapsed to one space, trimmed. */
export function normalisedLines(file: ScannedFile, finding: Finding): string {
  const { lines } = file;
  const start = lines.positionAt(finding.span.start);
  const end = lines.positionAt(finding.span.end);
  // A range ending at the very start of a line does not involve that line.
  const lastLine = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  const from = lines.lineStart(start.line);
  const to = lines.lineEnd(lastLine);
  return maskRange(file.text, from, to, file.secrets).text.replace(/\s+/g, ' ').trim();
}

/** One fingerprint per finding of `file`, in the same order. */
export function fingerprintsOf(file: ScannedFile, findings: readonly Finding[] = file.findings): string[] {
  const occurrences = new Map<string, number>();
  return findings.map((f) => {
    const key = `${f.rule}\u0000${file.rootPath}\u0000${normalisedLines(file, f)}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex');
  });
}
