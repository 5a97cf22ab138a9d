/**
 * The analysis configuration: `.sqlguard.json` (shared by the CLI and the editor) with editor settings layered over it.
 * Validation returns messages instead of throwing, naming the key that is wrong.
 */
import { isSqlServerVersion, type SeveritySetting, type SqlServerVersion } from '../core/types';

export interface AnalysisConfig {
  readonly sqlServerVersion: SqlServerVersion;
  /** per-rule severity overrides */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** assumed driver versions, e.g. { jdbc: "12.8", sqlclient: "5.2" } */
  readonly drivers: Readonly<Record<string, string>>;
  /** files larger than this many bytes are skipped with a notice */
  readonly maxFileSize: number;
}

export const DEFAULT_CONFIG: AnalysisConfig = {
  sqlServerVersion: '2022',
  rules: {},
  include: [],
  exclude: [],
  drivers: {},
  maxFileSize: 4 * 1024 * 1024,
};

const SEVERITIES = new Set(['off', 'hint', 'info', 'warning', 'error']);
const KNOWN_KEYS = new Set(['$schema', 'sqlServerVersion', 'rules', 'include', 'exclude', 'drivers', 'maxFileSize']);
const DRIVERS = new Set(['jdbc', 'sqlclient', 'odbc', 'oledb', 'tedious', 'mssql', 'go-mssqldb', 'php']);

export interface ConfigResult {
  readonly config: AnalysisConfig;
  readonly errors: readonly string[];
}

/**
 * Validates a parsed `.sqlguard.json` (or settings object) and merges it over `base`. Unknown rule ids are reported
 * only when `knownRules` is given.
 */
export function readConfig(raw: unknown, base: AnalysisConfig = DEFAULT_CONFIG, knownRules?: ReadonlySet<string>): ConfigResult {
  const errors: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config: base, errors: ['the configuration must be a JSON object'] };
  }
  const o = raw as Record<string, unknown>;
  let { sqlServerVersion, include, exclude, maxFileSize } = base;
  const rules: Record<string, SeveritySetting> = { ...base.rules };
  const drivers: Record<string, string> = { ...base.drivers };

  for (const key of Object.keys(o)) if (!KNOWN_KEYS.has(key)) errors.push(`unknown key "${key}" (expected one of ${[...KNOWN_KEYS].filter((k) => k !== '$schema').join(', ')})`);

  if (o.sqlServerVersion !== undefined) {
    const v = typeof o.sqlServerVersion === 'number' ? String(o.sqlServerVersion) : o.sqlServerVersion;
    if (isSqlServerVersion(v)) sqlServerVersion = v;
    else errors.push(`"sqlServerVersion": ${JSON.stringify(o.sqlServerVersion)} is not one of "2012", "2014", "2016", "2017", "2019", "2022", "2025"`);
  }
  if (o.rules !== undefined) {
    if (o.rules === null || typeof o.rules !== 'object' || Array.isArray(o.rules)) errors.push('"rules" must be an object of rule id → severity');
    else {
      for (const [id, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (typeof sev !== 'string' || !SEVERITIES.has(sev)) errors.push(`"rules.${id}": ${JSON.stringify(sev)} is not one of off, hint, info, warning, error`);
        else if (knownRules && !knownRules.has(id)) errors.push(`"rules.${id}": no rule has this id`);
        else rules[id] = sev as SeveritySetting;
      }
    }
  }
  for (const key of ['include', 'exclude'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || !v.every((g) => typeof g === 'string')) errors.push(`"${key}" must be an array of glob strings`);
    else if (key === 'include') include = v as string[];
    else exclude = v as string[];
  }
  if (o.drivers !== undefined) {
    if (o.drivers === null || typeof o.drivers !== 'object' || Array.isArray(o.drivers)) errors.push('"drivers" must be an object of driver → version');
    else {
      for (const [name, version] of Object.entries(o.drivers as Record<string, unknown>)) {
        if (!DRIVERS.has(name)) errors.push(`"drivers.${name}": unknown driver (expected one of ${[...DRIVERS].join(', ')})`);
        else if (typeof version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(version)) errors.push(`"drivers.${name}": ${JSON.stringify(version)} is not a version such as "12.8"`);
        else drivers[name] = version;
      }
    }
  }
  if (o.maxFileSize !== undefined) {
    if (typeof o.maxFileSize !== 'number' || !Number.isFinite(o.maxFileSize) || o.maxFileSize <= 0) errors.push('"maxFileSize" must be a positive number of bytes');
    else maxFileSize = o.maxFileSize;
  }
  return { config: { sqlServerVersion, rules, include, exclude, drivers, maxFileSize }, errors };
}
