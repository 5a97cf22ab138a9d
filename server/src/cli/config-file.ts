/**
 * Locating and reading `.sqlguard.json` for the CLI (the server has its own reader over workspace folders).
 * Each scanned file uses the nearest `.sqlguard.json` in its folder or above (or the one `--config` names);
 * configs do not inherit from one another, so a nested config is the whole truth for its subtree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { RULE_IDS } from '../rules';
import { DEFAULT_CONFIG, readConfig, type AnalysisConfig } from '../service/config';
import { fail } from './errors';
import { reasonOf } from './files';
import { GlobSet } from './glob';

export const CONFIG_FILE_NAME = '.sqlguard.json';

/** A configuration in effect for some files, with its globs compiled once. */
export interface ConfigScope {
  /** absolute path of the config file; undefined when no config applies (defaults) */
  readonly path?: string;
  /** the folder globs and the SARIF source root are relative to: the config's folder, else the working directory */
  readonly dir: string;
  readonly config: AnalysisConfig;
  readonly includes: GlobSet;
  readonly excludes: GlobSet;
}

/** `shown`: the name errors use (what the user typed for `--config`, else the path from the working directory). */
export function loadConfigFile(path: string, shown = displayPath(path)): { config: AnalysisConfig } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { error: `cannot read config '${shown}': ${reasonOf(error)}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `${shown}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const { config, errors } = readConfig(raw, DEFAULT_CONFIG, RULE_IDS);
  if (errors.length > 0) return { error: `${shown}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}` };
  return { config };
}

function scopeOf(path: string | undefined, dir: string, config: AnalysisConfig): ConfigScope {
  return { path, dir, config, includes: new GlobSet(config.include), excludes: new GlobSet(config.exclude) };
}

/** Answers "which config applies in this folder?" with one lookup per folder; an invalid config fails the run. */
export class ConfigResolver {
  private readonly byDir = new Map<string, ConfigScope>();
  private readonly byFile = new Map<string, ConfigScope>();
  private readonly fixed?: ConfigScope;
  private readonly defaults: ConfigScope;

  /** `explicit`: the `--config` file, which then applies to everything. */
  constructor(explicit: string | undefined, cwd: string) {
    this.defaults = scopeOf(undefined, cwd, DEFAULT_CONFIG);
    if (explicit !== undefined) this.fixed = this.load(resolve(cwd, explicit), explicit);
  }

  get explicit(): ConfigScope | undefined {
    return this.fixed;
  }

  /** The scope for files directly inside `dir` (an absolute folder path). */
  forDir(dir: string): ConfigScope {
    if (this.fixed) return this.fixed;
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const candidate = join(dir, CONFIG_FILE_NAME);
    const parent = dirname(dir);
    const scope = existsSync(candidate) ? this.load(candidate) : parent === dir ? this.defaults : this.forDir(parent);
    this.byDir.set(dir, scope);
    return scope;
  }

  private load(path: string, shown = displayPath(path)): ConfigScope {
    const known = this.byFile.get(path);
    if (known) return known;
    const loaded = loadConfigFile(path, shown);
    if ('error' in loaded) fail(loaded.error);
    const scope = scopeOf(path, dirname(path), loaded.config);
    this.byFile.set(path, scope);
    return scope;
  }
}

/** A path as the user would type it from the working directory (absolute when it lies elsewhere). */
export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel === '' || rel.startsWith('..') ? absolute : rel;
}
