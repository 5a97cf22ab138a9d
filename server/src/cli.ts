/**
 * `sqlguard`: the command-line front end over the same analysis service as the language server.
 * Exit status: 0 nothing at or above --fail-on, 1 something is, 2 bad usage or unreadable input.
 */
import { resolve } from 'node:path';
import type { Severity } from './core/types';
import { parseArgs, USAGE, type CliArgs, type FailOn } from './cli/args';
import { readBaseline, writeBaseline } from './cli/baseline';
import { CliError } from './cli/errors';
import { formatJson, formatText, reportFindings, type Reported } from './cli/output';
import { NO_PROGRESS, TerminalProgress, type ProgressSink } from './cli/progress';
import { formatSarif } from './cli/sarif';
import { scan, type ScanResult } from './cli/scan';
import { firstLine } from './cli/unit';
import { isScanWorker, serveUnits } from './cli/worker';
import { colorEnabled, makeStyle, type Env } from './cli/terminal';
import { TOOL_VERSION } from './version';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

/** What the CLI knows about where it writes; the defaults (no terminal, empty environment) suit programmatic use. */
export interface Terminal {
  readonly env: Env;
  readonly stdoutIsTTY: boolean;
  /** present when stderr is a terminal: raw writes (no newline added) for the progress line */
  readonly stderrTTY?: { readonly columns: number; write(raw: string): void };
}

const NO_TERMINAL: Terminal = { env: {}, stdoutIsTTY: false };

export async function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, terminal: Terminal = NO_TERMINAL): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    err(`sqlguard: ${parsed.error}`);
    return 2;
  }
  const args = parsed.args;
  if (args.help) {
    out(USAGE);
    return 0;
  }
  if (args.version) {
    out(TOOL_VERSION);
    return 0;
  }
  const tty = terminal.stderrTTY;
  const progress: ProgressSink = tty && !args.quiet ? new TerminalProgress((raw) => tty.write(raw), tty.columns) : NO_PROGRESS;
  try {
    // Read the baseline first: a bad one should fail fast, before a long scan.
    const baseline = args.baseline !== undefined ? readBaseline(args.baseline) : undefined;
    const result = await scanWithProgress(args, progress, err);
    for (const w of result.warnings) err(`sqlguard: ${w}`);
    const all = reportFindings(result.files);

    if (args.writeBaseline !== undefined) {
      writeBaseline(
        args.writeBaseline,
        all.map((r) => ({ rule: r.finding.rule, file: r.source.rootPath, fingerprint: r.fingerprint, message: r.finding.message })),
      );
      if (!args.quiet) err(`sqlguard: wrote ${all.length} finding${all.length === 1 ? '' : 's'} to the baseline '${args.writeBaseline}'`);
      return 0;
    }

    const reported = baseline ? all.filter((r) => !baseline.has(r.fingerprint)) : all;
    out(format(args, reported, result, baseline ? all.length - reported.length : undefined, terminal));
    const threshold = THRESHOLD[args.failOn];
    return reported.some((r) => !r.suppressed && RANK[r.finding.severity] >= threshold) ? 1 : 0;
  } catch (error) {
    progress.clear();
    if (error instanceof CliError) {
      err(`sqlguard: ${error.message}`);
      return 2;
    }
    err(`sqlguard: internal error: ${firstLine(error)}`);
    return 2;
  }
}

async function scanWithProgress(args: CliArgs, progress: ProgressSink, err: (s: string) => void): Promise<ScanResult> {
  // Baseline files are never analysed: their messages could read like connection strings.
  const skip = new Set([args.baseline, args.writeBaseline].filter((p): p is string => p !== undefined).map((p) => resolve(p)));
  try {
    return await scan(args.paths, {
      config: args.config,
      skip,
      workers: args.workers,
      onProgress: (phase, done, total) => progress.update(phase, done, total),
      onRuleError: (failure) => {
        progress.clear();
        err(`sqlguard: internal error in rule ${failure.rule} on ${failure.uri}: ${failure.message}`);
      },
    });
  } finally {
    progress.clear();
  }
}


function format(args: CliArgs, reported: readonly Reported[], result: ScanResult, baselined: number | undefined, terminal: Terminal): string {
  switch (args.format) {
    case 'json':
      return formatJson(reported);
    case 'sarif':
      return formatSarif(reported, { root: result.root, files: result.files, baselineUsed: baselined !== undefined });
    case 'text':
      return formatText(reported, {
        fileCount: result.scanned,
        quiet: args.quiet,
        baselined,
        style: makeStyle(colorEnabled(terminal.stdoutIsTTY, terminal.env)),
      });
  }
}

if (isScanWorker()) {
  serveUnits();
} else if (require.main === module) {
  const stderr = process.stderr;
  // A reader that stops early (`sqlguard … | head`) closes the pipe: end quietly with the status already decided
  // instead of dying with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') stderr.write(`sqlguard: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
  });
  void run(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => stderr.write(s + '\n'),
    {
      env: process.env,
      stdoutIsTTY: process.stdout.isTTY === true,
      stderrTTY: stderr.isTTY ? { columns: stderr.columns || 80, write: (raw) => stderr.write(raw) } : undefined,
    },
  ).then((status) => {
    process.exitCode = status;
  });
}
