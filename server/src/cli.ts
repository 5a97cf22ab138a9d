/**
 * `sqlguard`: the command-line front end over the same analysis service as the language server.
 * Exit status: 0 nothing at or above --fail-on, 1 something is, 2 bad usage or unreadable input.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from './core/types';
import { parseArgs, USAGE, type FailOn } from './cli/args';
import { CONFIG_FILE_NAME, discoverConfig, loadConfigFile } from './cli/config-file';
import { reasonOf, walk } from './cli/files';
import { formatJson, formatText, locate, type FileFindings } from './cli/output';
import { DEFAULT_CONFIG, type AnalysisConfig } from './service/config';
import { AnalysisService } from './service/service';
import { TOOL_VERSION } from './version';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const THRESHOLD: Record<FailOn, number> = { error: 3, warning: 2, info: 1, never: Infinity };

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

interface ScanFile {
  readonly absolute: string;
  readonly display: string;
}

function collectFiles(paths: readonly string[], config: AnalysisConfig, configRoot: string): { files: ScanFile[]; warnings: string[] } {
  const files: ScanFile[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    const rel = relative(process.cwd(), absolute);
    files.push({ absolute, display: (rel === '' || rel.startsWith('..') ? absolute : rel).split(sep).join('/') });
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
    const result = walk(absolute, configRoot, config.include, config.exclude);
    for (const u of result.unreadable) warnings.push(`skipped '${relative(process.cwd(), u.path) || u.path}': ${u.reason}`);
    for (const f of result.files) add(f);
  }
  return { files, warnings };
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

export function run(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): number {
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
  try {
    let config = DEFAULT_CONFIG;
    const configPath = args.config ?? discoverConfig(args.paths[0]);
    if (configPath) {
      const loaded = loadConfigFile(configPath);
      if ('error' in loaded) fail(loaded.error);
      config = loaded.config;
    }
    const configRoot = configPath ? dirname(resolve(configPath)) : process.cwd();
    const { files, warnings } = collectFiles(args.paths, config, configRoot);

    const service = new AnalysisService({ config, onRuleError: (rule, uri, e) => err(`sqlguard: internal error in rule ${rule} on ${uri}: ${e instanceof Error ? e.message : String(e)}`) });
    const loaded: { file: ScanFile; uri: string; text: string }[] = [];
    for (const file of files) {
      if (file.absolute.endsWith(sep + CONFIG_FILE_NAME)) continue;
      let buffer: Buffer;
      try {
        buffer = readFileSync(file.absolute);
      } catch (error) {
        warnings.push(`skipped '${file.display}': ${reasonOf(error)}`);
        continue;
      }
      if (buffer.length > config.maxFileSize) {
        warnings.push(`skipped '${file.display}': ${buffer.length} bytes is over the ${config.maxFileSize}-byte limit (maxFileSize)`);
        continue;
      }
      if (isBinary(buffer)) continue;
      const text = decode(buffer);
      const uri = pathToFileURL(file.absolute).href;
      service.update({ uri, text });
      loaded.push({ file, uri, text });
    }
    const results: FileFindings[] = loaded.map(({ file, uri, text }) => ({ path: file.display, text, findings: service.analyze(uri) }));
    for (const w of warnings) err(`sqlguard: ${w}`);
    const located = locate(results);
    if (args.format === 'json') out(formatJson(located));
    else if (args.format === 'sarif') fail('--format sarif is not available yet');
    else out(formatText(located, loaded.length, args.quiet));
    const threshold = THRESHOLD[args.failOn];
    return located.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`sqlguard: ${error.message}`);
      return 2;
    }
    err(`sqlguard: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
}
