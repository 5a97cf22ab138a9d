/** Command-line arguments of `sqlguard`; errors are messages, never exceptions. */
export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'info' | 'never';

export interface CliArgs {
  readonly format: OutputFormat;
  readonly failOn: FailOn;
  readonly config?: string;
  /** report only findings whose fingerprint is not in this baseline file */
  readonly baseline?: string;
  /** write the current findings' fingerprints to this file instead of reporting them */
  readonly writeBaseline?: string;
  readonly paths: readonly string[];
  readonly help: boolean;
  readonly version: boolean;
  readonly quiet: boolean;
  /** threads analysing files: a count (1 = this thread only) or `auto` */
  readonly workers: number | 'auto';
}

/** More threads than this only add start-up cost and memory: the main thread just collects results. */
export const MAX_WORKERS = 64;

export const USAGE = `Usage: sqlguard [options] <files or folders…>

Reviews SQL Server transport security in T-SQL scripts, Markdown runbooks and connection strings.

Options:
  --format text|json|sarif   output format (default: text; sarif is SARIF 2.1.0 for code scanning)
  --fail-on error|warning|info|never
                             exit with status 1 when a finding is at or above this severity (default: warning)
  --config FILE              use this .sqlguard.json for every file instead of the nearest one above each file
  --baseline FILE            report only findings that are not in this baseline
  --write-baseline FILE      record the current findings in FILE and exit with status 0
  --workers N|auto           analyse in N worker threads (1: in the main thread); auto (the default) uses
                             threads for 400 files or more on machines with 4 cores or more
  --quiet                    print findings only (no summary line, no progress)
  -h, --help                 show this help
  -v, --version              show the version

Environment: NO_COLOR disables colours; FORCE_COLOR=1 colours text output even when it is not a terminal.

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or unreadable input.`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export function parseArgs(argv: readonly string[]): { args: CliArgs } | { error: string } {
  let format: OutputFormat = 'text';
  let failOn: FailOn = 'warning';
  let config: string | undefined;
  let baseline: string | undefined;
  let writeBaseline: string | undefined;
  let help = false;
  let version = false;
  let quiet = false;
  let workers: number | 'auto' = 'auto';
  const paths: string[] = [];
  let onlyPaths = false;

  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (onlyPaths || !raw.startsWith('-') || raw === '-') {
      paths.push(raw);
      continue;
    }
    if (raw === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = raw.indexOf('=');
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) return undefined;
      i++;
      return next;
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (!v || !(FORMATS as readonly string[]).includes(v)) return { error: `--format needs one of ${FORMATS.join(', ')}${v ? ` (got '${v}')` : ''}` };
        format = v as OutputFormat;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!v || !(FAIL_ON as readonly string[]).includes(v)) return { error: `--fail-on needs one of ${FAIL_ON.join(', ')}${v ? ` (got '${v}')` : ''}` };
        failOn = v as FailOn;
        break;
      }
      case '--config': {
        const v = value();
        if (!v) return { error: '--config needs a file name' };
        config = v;
        break;
      }
      case '--baseline': {
        const v = value();
        if (!v) return { error: '--baseline needs a file name' };
        baseline = v;
        break;
      }
      case '--write-baseline': {
        const v = value();
        if (!v) return { error: '--write-baseline needs a file name' };
        writeBaseline = v;
        break;
      }
      case '--workers': {
        const v = value();
        if (v === 'auto') workers = 'auto';
        else if (v !== undefined && /^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_WORKERS) workers = Number(v);
        else return { error: `--workers needs a number from 1 to ${MAX_WORKERS} or 'auto'${v ? ` (got '${v}')` : ''}` };
        break;
      }
      case '--quiet':
      case '-q':
        quiet = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
      case '-v':
        version = true;
        break;
      default:
        return { error: `unknown option '${flag}' (see sqlguard --help)` };
    }
  }
  if (help || version) return { args: { format, failOn, config, baseline, writeBaseline, paths, help, version, quiet, workers } };
  if (paths.length === 0) return { error: 'no files or folders given (see sqlguard --help)' };
  // Reading and rewriting one baseline in a single run has no clear meaning; refreshing it is --write-baseline alone.
  if (baseline !== undefined && writeBaseline !== undefined) return { error: '--baseline and --write-baseline cannot be used together' };
  return { args: { format, failOn, config, baseline, writeBaseline, paths, help, version, quiet, workers } };
}
