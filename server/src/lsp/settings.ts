/** Editor settings (`sqlTransportGuard.*`) layered over `.sqlguard.json` from the workspace folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_IDS } from '../rules';
import { DEFAULT_CONFIG, readConfig, type AnalysisConfig } from '../service/config';

export interface ScanSettings {
  readonly enable: boolean;
  readonly exclude: readonly string[];
  readonly maxFiles: number;
}

export interface EditorSettings {
  readonly enable: boolean;
  readonly config: AnalysisConfig;
  readonly scan: ScanSettings;
  /** problems found in .sqlguard.json or the settings, shown once in the output channel */
  readonly problems: readonly string[];
}

/** Reads `.sqlguard.json` in a workspace folder; a missing file is not a problem, a broken one is reported. */
export function readWorkspaceConfig(folderUri: string | undefined): { config: AnalysisConfig; problems: string[] } {
  if (!folderUri || !folderUri.startsWith('file:')) return { config: DEFAULT_CONFIG, problems: [] };
  const path = join(fileURLToPath(folderUri), '.sqlguard.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { config: DEFAULT_CONFIG, problems: [] };
  }
  try {
    const { config, errors } = readConfig(JSON.parse(text.replace(/^\uFEFF/, '')), DEFAULT_CONFIG, RULE_IDS);
    return { config, problems: errors.map((e) => `${path}: ${e}`) };
  } catch (error) {
    return { config: DEFAULT_CONFIG, problems: [`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
}

/** Merges the `sqlTransportGuard` settings section over a base configuration; `filesExclude` are VS Code's excludes. */
export function mergeSettings(base: AnalysisConfig, section: unknown, filesExclude: readonly string[] = []): EditorSettings {
  const s = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const scanSection = (s.workspaceScan && typeof s.workspaceScan === 'object' ? s.workspaceScan : {}) as Record<string, unknown>;
  const scanExclude = Array.isArray(scanSection.exclude) ? scanSection.exclude.filter((g): g is string => typeof g === 'string') : [];
  const scan: ScanSettings = {
    enable: scanSection.enable !== false,
    exclude: [...filesExclude, ...scanExclude],
    maxFiles: typeof scanSection.maxFiles === 'number' && scanSection.maxFiles > 0 ? scanSection.maxFiles : 5000,
  };
  const overlay: Record<string, unknown> = {};
  if (typeof s.sqlServerVersion === 'string' && s.sqlServerVersion !== '') overlay.sqlServerVersion = s.sqlServerVersion;
  if (s.rules && typeof s.rules === 'object' && Object.keys(s.rules).length > 0) overlay.rules = s.rules;
  if (s.drivers && typeof s.drivers === 'object' && Object.keys(s.drivers).length > 0) overlay.drivers = s.drivers;
  if (typeof s.maxFileSize === 'number') overlay.maxFileSize = s.maxFileSize;
  const { config, errors } = readConfig(overlay, base, RULE_IDS);
  return { enable: s.enable !== false, config, scan, problems: errors.map((e) => `settings: ${e.replace(/^"/, '"sqlTransportGuard.')}`) };
}
