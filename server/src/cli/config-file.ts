/** Locating and reading `.sqlguard.json` for the CLI (the server has its own reader over workspace folders). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RULE_IDS } from '../rules';
import { DEFAULT_CONFIG, readConfig, type AnalysisConfig } from '../service/config';
import { reasonOf } from './files';

export const CONFIG_FILE_NAME = '.sqlguard.json';

/** The nearest `.sqlguard.json` in `start` (a file or folder) or its ancestors. */
export function discoverConfig(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfigFile(path: string): { config: AnalysisConfig } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { error: `cannot read config '${path}': ${reasonOf(error)}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const { config, errors } = readConfig(raw, DEFAULT_CONFIG, RULE_IDS);
  if (errors.length > 0) return { error: `${path}: ${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}` };
  return { config };
}
