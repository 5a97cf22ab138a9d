/**
 * Findings as the CLI reports them, and the text and JSON formats. Positions: 1-based lines and columns (UTF-16
 * code units); endColumn is just past the range.
 */
import type { Finding, Severity } from '../core/types';
import { codeFrame } from './code-frame';
import { fingerprintsOf } from './fingerprint';
import type { ScannedFile } from './scan';
import { sanitize, type Style } from './terminal';

/** The JSON shape fixed by the CLI contract (DESIGN.md). */
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

export interface Reported {
  readonly source: ScannedFile;
  readonly finding: Finding;
  readonly located: LocatedFinding;
  readonly fingerprint: string;
  /**
   * Silenced by a `sqlguard-disable-…` comment: it stays in SARIF with `suppressions: [{ kind: "inSource" }]` and is
   * left out of text, JSON and the exit status.
   */
  readonly suppressed?: boolean;
}

export function reportFindings(files: readonly ScannedFile[]): Reported[] {
  const out: Reported[] = [];
  for (const source of files) {
    const fingerprints = fingerprintsOf(source);
    source.findings.forEach((finding, i) => {
      const start = source.lines.positionAt(finding.span.start);
      const end = source.lines.positionAt(finding.span.end);
      out.push({
        source,
        finding,
        fingerprint: fingerprints[i],
        suppressed: finding.suppressed,
        located: {
          file: source.display,
          line: start.line + 1,
          column: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          rule: finding.rule,
          severity: finding.severity,
          message: finding.message,
        },
      });
    });
  }
  return out;
}

export function formatJson(reported: readonly Reported[]): string {
  return JSON.stringify({ findings: reported.filter((r) => !r.suppressed).map((r) => r.located) }, null, 2);
}

export interface TextOptions {
  readonly fileCount: number;
  readonly quiet: boolean;
  readonly style: Style;
  /** findings left out because the baseline knows them (undefined: no baseline in use) */
  readonly baselined?: number;
}

/**
 * Each finding's first line is `path:line:col severity rule message`, which editors and CI log matchers turn into
 * links; the code line and a caret follow, indented. Files are separated by a blank line; a summary ends the report.
 */
export function formatText(reported: readonly Reported[], options: TextOptions): string {
  const { style } = options;
  const shown = reported.filter((r) => !r.suppressed);
  const lines: string[] = [];
  let previous: ScannedFile | undefined;
  for (const r of shown) {
    if (previous !== undefined && previous !== r.source) lines.push('');
    previous = r.source;
    const f = r.located;
    lines.push(`${style.bold(`${f.file}:${f.line}:${f.column}`)} ${style.severity(f.severity, f.severity)} ${style.dim(f.rule)} ${sanitize(f.message)}`);
    lines.push(...codeFrame(r.source, r.finding, style));
  }
  if (!options.quiet) {
    if (lines.length > 0) lines.push('');
    lines.push(summaryLine(shown.map((r) => r.located), options));
  }
  return lines.join('\n');
}

export function summaryLine(findings: readonly LocatedFinding[], options: Pick<TextOptions, 'fileCount' | 'style' | 'baselined'>): string {
  const { fileCount, style, baselined } = options;
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'} scanned`;
  const known = baselined === undefined ? '' : `; ${baselined} known problem${baselined === 1 ? '' : 's'} in the baseline not shown`;
  if (findings.length === 0) return style.green(`No ${baselined === undefined ? '' : 'new '}problems found`) + ` (${files}${known}).`;
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const parts = [
    ['error', 'error', 'errors'],
    ['warning', 'warning', 'warnings'],
    ['info', 'info', 'info'],
    ['hint', 'hint', 'hints'],
  ] as const;
  const detail = parts
    .map(([severity, one, many]) => [severity, count(severity), one, many] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n, one, many]) => style.severity(severity, `${n} ${n === 1 ? one : many}`))
    .join(', ');
  const withFindings = new Set(findings.map((f) => f.file)).size;
  const problems = `${findings.length} ${baselined === undefined ? '' : 'new '}problem${findings.length === 1 ? '' : 's'}`;
  return `${style.bold(problems)} (${detail}) in ${withFindings} file${withFindings === 1 ? '' : 's'}; ${files}${known}.`;
}
