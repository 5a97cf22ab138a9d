/**
 * Turning paths into analysed files: collect (walking folders), group by the config in force, read, and run one
 * analysis per config group. Files under different configs never share a workspace, so each gets its own settings.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../core/positions';
import type { Finding, SeveritySetting, Span } from '../core/types';
import type { AnalysisConfig } from '../service/config';
import { AnalysisService } from '../service/service';
import { CONFIG_FILE_NAME, ConfigResolver, displayPath, type ConfigScope } from './config-file';
import { fail } from './errors';
import { reasonOf, walk } from './files';
import { SECRET_RULE } from './secrets';

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
  /** analysed files, in the order the paths were given and walked */
  readonly files: readonly ScannedFile[];
  /** the folder SARIF's %SRCROOT% and fingerprints are relative to */
  readonly root: string;
  /** one line each: skipped or unreadable files */
  readonly warnings: readonly string[];
}

export interface ScanOptions {
  /** `--config`: one config for every file */
  readonly config?: string;
  /** absolute paths never analysed (the baseline files: their messages could look like findings) */
  readonly skip?: ReadonlySet<string>;
  readonly onProgress?: (phase: 'reading' | 'analysing', done: number, total: number) => void;
  readonly onRuleError?: (rule: string, uri: string, error: unknown) => void;
}

interface Collected {
  readonly absolute: string;
  readonly scope: ConfigScope;
}

interface Loaded extends Collected {
  readonly uri: string;
  readonly text: string;
}

export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const cwd = process.cwd();
  const resolver = new ConfigResolver(options.config, cwd);
  const warnings: string[] = [];
  const collected = collect(paths, resolver, warnings);
  const root = resolver.explicit?.dir ?? commonAncestor([...new Set(collected.map((c) => c.scope.dir))]) ?? cwd;

  const loaded: Loaded[] = [];
  const skip = options.skip ?? new Set<string>();
  collected.forEach((c, i) => {
    options.onProgress?.('reading', i, collected.length);
    if (c.absolute.endsWith(sep + CONFIG_FILE_NAME) || skip.has(c.absolute)) return;
    const text = readText(c, warnings);
    if (text !== undefined) loaded.push({ ...c, uri: pathToFileURL(c.absolute).href, text });
  });

  const results = new Map<string, { findings: Finding[]; secrets: Span[] }>();
  let done = 0;
  for (const [scope, group] of groupBy(loaded, (l) => l.scope)) {
    const { service, secretsHidden } = serviceFor(scope.config, options.onRuleError);
    for (const l of group) service.update({ uri: l.uri, text: l.text });
    for (const l of group) {
      options.onProgress?.('analysing', done++, loaded.length);
      const all = service.analyzeAll(l.uri);
      results.set(l.uri, {
        findings: secretsHidden ? all.filter((f) => f.rule !== SECRET_RULE) : all,
        secrets: all.filter((f) => f.rule === SECRET_RULE).map((f) => f.span),
      });
    }
  }

  const files = loaded.map((l): ScannedFile => {
    const inside = isInside(root, l.absolute);
    const { findings, secrets } = results.get(l.uri) ?? { findings: [], secrets: [] };
    return {
      absolute: l.absolute,
      display: toSlashes(displayPath(l.absolute)),
      rootPath: toSlashes(inside ? relative(root, l.absolute) : l.absolute),
      insideRoot: inside,
      uri: l.uri,
      text: l.text,
      lines: new LineIndex(l.text),
      findings,
      secrets,
    };
  });
  return { files, root, warnings };
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

function readText(c: Collected, warnings: string[]): string | undefined {
  const shown = toSlashes(displayPath(c.absolute));
  let buffer: Buffer;
  try {
    buffer = readFileSync(c.absolute);
  } catch (error) {
    warnings.push(`skipped '${shown}': ${reasonOf(error)}`);
    return undefined;
  }
  const limit = c.scope.config.maxFileSize;
  if (buffer.length > limit) {
    warnings.push(`skipped '${shown}': ${buffer.length} bytes is over the ${limit}-byte limit (maxFileSize)`);
    return undefined;
  }
  // A UTF-16LE file (SSMS saves scripts as "Unicode") has a NUL byte in every ASCII character: its BOM says it is
  // text, so it must not be taken for binary and skipped without a word (decode() reads it).
  const utf16 = buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe;
  return !utf16 && isBinary(buffer) ? undefined : decode(buffer);
}

/**
 * The service for one config group. `hardcoded-password` always runs, even when the config turns it off, because
 * its spans are what the CLI masks in printed code lines; its findings are then dropped from the report.
 */
function serviceFor(config: AnalysisConfig, onRuleError: ScanOptions['onRuleError']): { service: AnalysisService; secretsHidden: boolean } {
  const secretsHidden = config.rules[SECRET_RULE] === 'off';
  const rules: Record<string, SeveritySetting> = { ...config.rules };
  if (secretsHidden) delete rules[SECRET_RULE];
  return { service: new AnalysisService({ config: { ...config, rules }, onRuleError }), secretsHidden };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function isBinary(buffer: Buffer): boolean {
  const n = Math.min(buffer.length, 8000);
  for (let i = 0; i < n; i++) if (buffer[i] === 0) return true;
  return false;
}

function decode(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
