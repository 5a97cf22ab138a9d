/**
 * Fingerprints that survive unrelated edits: a finding is identified by its rule, its file, the text of its line(s)
 * (whitespace-normalised, secrets masked) and which occurrence of that same key it is in the file — not by its line
 * number, so inserting or moving other lines does not change it. SARIF's partialFingerprints and baselines share it.
 */
import { createHash, type Hash } from 'node:crypto';
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

/**
 * One fingerprint per finding of `file`, in the same order: sha256 of `rule \0 rootPath \0 normalisedLines \0 n`.
 * Many findings share a line (a minified file is one line): each line is normalised once, and the hash of each
 * distinct `rule \0 rootPath \0 lines \0` prefix is computed once and copied for its occurrences — normalising and
 * hashing the whole line for every finding on it was quadratic (3,000 findings on a 140 KB line took 10 s). The
 * fingerprints are the same as before.
 */
export function fingerprintsOf(file: ScannedFile, findings: readonly Finding[] = file.findings): string[] {
  const byRange = new Map<string, number>();
  const byText = new Map<string, number>();
  const texts: string[] = [];
  const prefixes = new Map<string, { hash: Hash; occurrences: number }>();
  return findings.map((f) => {
    const range = lineRange(file, f);
    let id = byRange.get(range);
    if (id === undefined) {
      const text = normalisedLines(file, f);
      id = byText.get(text);
      if (id === undefined) byText.set(text, (id = byText.size));
      byRange.set(range, id);
      texts[id] = text;
    }
    const key = `${f.rule}\u0000${id}`;
    let prefix = prefixes.get(key);
    if (!prefix) prefixes.set(key, (prefix = { hash: createHash('sha256').update(`${f.rule}\u0000${file.rootPath}\u0000${texts[id]}\u0000`), occurrences: 0 }));
    return prefix.hash.copy().update(`${prefix.occurrences++}`).digest('hex');
  });
}

/** The lines normalisedLines reads, as a key. */
function lineRange(file: ScannedFile, finding: Finding): string {
  const start = file.lines.positionAt(finding.span.start);
  const end = file.lines.positionAt(finding.span.end);
  const lastLine = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
  return `${start.line}:${lastLine}`;
}
