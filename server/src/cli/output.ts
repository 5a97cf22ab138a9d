/** Turning findings into text and JSON. Positions: 1-based lines and columns; endColumn is just past the range. */
import { LineIndex } from '../core/positions';
import type { Finding, Severity } from '../core/types';

export interface FileFindings {
  /** path as shown to the user (relative to the working directory) */
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
}

export interface LocatedFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
}

export function locate(files: readonly FileFindings[]): LocatedFinding[] {
  const out: LocatedFinding[] = [];
  for (const f of files) {
    if (f.findings.length === 0) continue;
    const index = new LineIndex(f.text);
    for (const x of f.findings) {
      const start = index.positionAt(x.span.start);
      const end = index.positionAt(x.span.end);
      out.push({
        file: f.path,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        rule: x.rule,
        severity: x.severity,
        message: x.message,
      });
    }
  }
  return out;
}

export function formatJson(findings: readonly LocatedFinding[]): string {
  return JSON.stringify({ findings }, null, 2);
}

export function formatText(findings: readonly LocatedFinding[], fileCount: number, quiet: boolean): string {
  const lines: string[] = [];
  let previous: string | undefined;
  for (const f of findings) {
    if (previous !== undefined && previous !== f.file) lines.push('');
    previous = f.file;
    lines.push(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule} ${f.message}`);
  }
  if (!quiet) {
    if (lines.length > 0) lines.push('');
    lines.push(summaryLine(findings, fileCount));
  }
  return lines.join('\n');
}

export function summaryLine(findings: readonly LocatedFinding[], fileCount: number): string {
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'} scanned`;
  if (findings.length === 0) return `No problems found (${files}).`;
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const parts = [
    [count('error'), 'error', 'errors'],
    [count('warning'), 'warning', 'warnings'],
    [count('info'), 'info', 'info'],
    [count('hint'), 'hint', 'hints'],
  ] as const;
  const detail = parts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
  const withFindings = new Set(findings.map((f) => f.file)).size;
  return `${findings.length} problem${findings.length === 1 ? '' : 's'} (${detail}) in ${withFindings} file${withFindings === 1 ? '' : 's'}; ${files}.`;
}
