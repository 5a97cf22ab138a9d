/**
 * Turning paths into analysed files: collect (walking folders), cut the list into units (one folder each, under the
 * config in force there), analyse the units in this thread or in worker threads, and put the results back in walk
 * order. Files under different configs never share a service, so each gets its own settings.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LineIndex } from '../core/positions';
import type { Finding, Span } from '../core/types';
import { CONFIG_FILE_NAME, ConfigResolver, displayPath, type ConfigScope } from './config-file';
import { fail } from './errors';
import { reasonOf, walk } from './files';
import { InlineRunner, WorkerPool, type UnitRunner } from './pool';
import type { FileOutcome, RuleFailure, UnitFile, UnitRequest, UnitResult } from './unit';

export interface ScannedFile {
  readonly absolute: string;
  /** as shown in text and JSON output: relative to the working directory (absolute when outside it) */
  readonly display: string;
  /** relative to the scan root with `/` (absolute when outside it): SARIF uris, fingerprints and baselines use it */
  readonly rootPath: string;
  readonly insideRoot: boolean;
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly findings: readonly Finding[];
  /** literal secrets in this file (masked wherever the CLI prints or hashes source text) */
  readonly secrets: readonly Span[];
}

export interface ScanResult {
  /**
   * The analysed files the output needs (those with findings, and those related locations point into), in the
   * order the paths were given and walked. The others are counted in `scanned` and not kept: their text would only
   * cost memory.
   */
  readonly files: readonly ScannedFile[];
  /** how many files were analysed */
  readonly scanned: number;
  /** the folder SARIF's %SRCROOT% and fingerprints are relative to */
  readonly root: string;
  /** one line each: skipped or unreadable files */
  readonly warnings: readonly string[];
}

/** `auto` below this many files: starting threads costs more than it saves. */
export const AUTO_WORKERS_MIN_FILES = 400;

export interface ScanOptions {
  /** `--config`: one config for every file */
  readonly config?: string;
  /** absolute paths never analysed (the baseline files: their messages could look like findings) */
  readonly skip?: ReadonlySet<string>;
  /** threads analysing (1: this thread only); `auto`: see workerCount */
  readonly workers?: number | 'auto';
  /** the bundled CLI that worker threads run (default: this bundle, dist/cli.js) */
  readonly workerScript?: string;
  readonly onProgress?: (phase: 'analysing', done: number, total: number) => void;
  readonly onRuleError?: (failure: RuleFailure) => void;
}

interface Collected {
  readonly absolute: string;
  readonly scope: ConfigScope;
}

interface Unit {
  readonly scope: ConfigScope;
  readonly files: UnitFile[];
}

export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = process.cwd();
  const resolver = new ConfigResolver(options.config, cwd);
  const walkWarnings: string[] = [];
  const collected = collect(paths, resolver, walkWarnings);
  const root = resolver.explicit?.dir ?? commonAncestor([...new Set(collected.map((c) => c.scope.dir))]) ?? cwd;
  const skip = options.skip ?? new Set<string>();
  const wanted = collected.filter((c) => !c.absolute.endsWith(sep + CONFIG_FILE_NAME) && !skip.has(c.absolute));
  const units = unitsOf(wanted);

  const outcomes = new Map<number, FileOutcome>();
  const skipped = new Map<number, string>();
  const runner = runnerFor(workerCount(options.workers, wanted.length), options.workerScript);
  try {
    // Phase 1: every unit alone; units holding a peer address are deferred.
    const requests = units.map((u, id): UnitRequest => ({ id, config: u.scope.config, files: u.files, mayDefer: true }));
    const deferred: number[] = [];
    const listening: number[] = [];
    let done = 0;
    // later results replace earlier ones: phase 2 re-analyses units of phase 1
    const absorb = (result: Extract<UnitResult, { deferred: false }>): void => {
      for (const f of result.files) outcomes.set(f.index, f);
      for (const s of result.skipped) skipped.set(s.index, s.message);
      for (const failure of result.ruleFailures) options.onRuleError?.(failure);
    };
    const record = (result: UnitResult): void => {
      if (result.deferred) {
        deferred.push(result.id);
        return;
      }
      if (result.listens) listening.push(result.id);
      absorb(result);
      done += units[result.id].files.length;
      options.onProgress?.('analysing', done, wanted.length);
    };
    await runner.run(requests, record);

    // Phase 2: per config, the deferred units together with every unit that listens on a port, in one service
    // (their results replace the ones of phase 1), so that addresses reach endpoints in other folders.
    const linked = linkedUnits(units, deferred, listening);
    await runner.run(
      linked.map((unit, i): UnitRequest => ({ id: units.length + i, config: unit.scope.config, files: unit.files, mayDefer: false })),
      (result) => {
        if (!result.deferred) absorb(result);
      },
    );
  } finally {
    await runner.close();
  }

  const files: ScannedFile[] = [];
  for (const [index, c] of wanted.entries()) {
    const o = outcomes.get(index);
    if (o?.text === undefined) continue;
    const inside = isInside(root, c.absolute);
    files.push({
      absolute: c.absolute,
      display: toSlashes(displayPath(c.absolute)),
      rootPath: toSlashes(inside ? relative(root, c.absolute) : c.absolute),
      insideRoot: inside,
      uri: o.uri,
      text: o.text,
      lines: new LineIndex(o.text),
      findings: o.findings,
      secrets: o.secrets,
    });
  }
  const warnings = [...walkWarnings, ...[...skipped.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m)];
  return { files, scanned: outcomes.size, root, warnings };
}

/** One unit per folder (under the config in force there), in walk order. */
function unitsOf(files: readonly Collected[]): Unit[] {
  const byFolder = new Map<string, Unit>();
  for (const [index, c] of files.entries()) {
    const folder = dirname(c.absolute);
    let unit = byFolder.get(folder);
    if (!unit) byFolder.set(folder, (unit = { scope: c.scope, files: [] }));
    unit.files.push({ index, absolute: c.absolute, shown: toSlashes(displayPath(c.absolute)) });
  }
  return [...byFolder.values()];
}

/** Per config scope with a deferred unit: that scope's deferred and listening units merged into one. */
function linkedUnits(units: readonly Unit[], deferred: readonly number[], listening: readonly number[]): Unit[] {
  const byScope = new Map<ConfigScope, Unit>();
  const deferredScopes = new Set(deferred.map((id) => units[id].scope));
  for (const id of [...deferred, ...listening].sort((a, b) => a - b)) {
    const unit = units[id];
    if (!deferredScopes.has(unit.scope)) continue;
    let merged = byScope.get(unit.scope);
    if (!merged) byScope.set(unit.scope, (merged = { scope: unit.scope, files: [] }));
    merged.files.push(...unit.files);
  }
  return [...byScope.values()];
}

/**
 * `auto`: threads only for many files on a machine with four cores or more, one core left to the main thread and
 * V8's helper threads. On two cores, two workers scanned the bench's 10,000- and 30,000-file trees slower than the
 * main thread alone (each thread warms up its own compiled code and heap), so there it stays at one.
 */
function workerCount(requested: number | 'auto' | undefined, files: number): number {
  if (typeof requested === 'number') return requested;
  const cores = availableParallelism();
  return files < AUTO_WORKERS_MIN_FILES || cores < 4 ? 1 : Math.min(4, cores - 1);
}

function runnerFor(workers: number, script: string | undefined): UnitRunner {
  return workers <= 1 ? new InlineRunner() : new WorkerPool(script ?? __filename, workers);
}

function collect(paths: readonly string[], resolver: ConfigResolver, warnings: string[]): Collected[] {
  const out: Collected[] = [];
  const seen = new Set<string>();
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, scope: resolver.forDir(dirname(absolute)) });
  };
  for (const p of paths) {
    const absolute = resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(absolute).isDirectory();
    } catch (error) {
      fail(`cannot read '${p}': ${reasonOf(error)}`);
    }
    if (!isDir) {
      add(absolute);
      continue;
    }
    const result = walk(absolute, (dir) => resolver.forDir(dir));
    for (const u of result.unreadable) warnings.push(`skipped '${toSlashes(displayPath(u.path))}': ${u.reason}`);
    for (const f of result.files) add(f);
  }
  return out;
}

export function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** The deepest folder containing all of `dirs` (undefined when there are none or they share no root, e.g. two drives). */
export function commonAncestor(dirs: readonly string[]): string | undefined {
  if (dirs.length === 0) return undefined;
  let common = dirs[0];
  for (const d of dirs.slice(1)) {
    while (!isInside(common, d)) {
      const parent = dirname(common);
      if (parent === common) return undefined;
      common = parent;
    }
  }
  return common;
}

function toSlashes(path: string): string {
  return path.split(sep).join('/');
}
