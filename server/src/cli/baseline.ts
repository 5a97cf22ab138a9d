/**
 * Baselines let a project adopt sqlguard without fixing everything first: `--write-baseline` records the fingerprints
 * of today's findings, `--baseline` then reports only findings whose fingerprint is not recorded.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { TOOL_NAME } from '../version';
import { fail } from './errors';
import { reasonOf } from './files';

export interface BaselineEntry {
  readonly rule: string;
  /** relative to the scan root, as in SARIF (for people reading the file; matching uses only the fingerprint) */
  readonly file: string;
  readonly fingerprint: string;
  readonly message: string;
}

export interface BaselineFile {
  readonly version: 1;
  readonly tool: typeof TOOL_NAME;
  readonly findings: readonly BaselineEntry[];
}

const SHAPE = `expected {"version": 1, "tool": "${TOOL_NAME}", "findings": [{"rule", "file", "fingerprint", "message"}]}`;

/** The fingerprints recorded in a baseline; a missing or malformed file is a usage error (exit 2). */
export function readBaseline(path: string): ReadonlySet<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read baseline '${path}': ${reasonOf(error)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const o = raw as Partial<Record<keyof BaselineFile, unknown>> | null;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) fail(`${path}: not a ${TOOL_NAME} baseline (${SHAPE})`);
  if (o.tool !== TOOL_NAME) fail(`${path}: "tool" must be "${TOOL_NAME}" (${SHAPE})`);
  if (o.version !== 1) fail(`${path}: "version" ${JSON.stringify(o.version)} is not supported (this sqlguard reads version 1)`);
  if (!Array.isArray(o.findings)) fail(`${path}: "findings" must be an array (${SHAPE})`);
  const fingerprints = new Set<string>();
  o.findings.forEach((entry: unknown, i) => {
    const fingerprint = (entry as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fingerprint !== 'string' || fingerprint === '') fail(`${path}: "findings[${i}].fingerprint" must be a non-empty string`);
    fingerprints.add(fingerprint);
  });
  return fingerprints;
}

export function writeBaseline(path: string, findings: readonly BaselineEntry[]): void {
  const file: BaselineFile = { version: 1, tool: TOOL_NAME, findings };
  try {
    writeFileSync(path, JSON.stringify(file, null, 2) + '\n');
  } catch (error) {
    fail(`cannot write baseline '${path}': ${reasonOf(error)}`);
  }
}
