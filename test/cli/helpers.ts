/** Running the built CLI (dist/cli.js) in throw-away project folders. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tempDir } from '../helpers/temp';
import { join, resolve } from 'node:path';

export const CLI = resolve('dist/cli.js');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with colour variables removed from the environment (node's test runner sets FORCE_COLOR for its
 * children when it prints to a terminal), then `env` added.
 */
export function run(args: readonly string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...base, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary folder holding `files` (name → text; folders are created). */
export function project(files: Record<string, string>): string {
  const root = tempDir('sqlguard-cli-');
  write(root, files);
  return root;
}

export function write(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
}

export const RC4 = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)\nFOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4)\n';
export const SUPPORTED = 'ALTER ENDPOINT b FOR SERVICE_BROKER (ENCRYPTION = SUPPORTED ALGORITHM AES)\n';
export const CLEAN = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)\nFOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES)\n';
/** 1-based column of `ALGORITHM RC4` on line 2 of RC4 */
export const RC4_COLUMN = RC4.split('\n')[1].indexOf('ALGORITHM RC4') + 1;

/** Text without ANSI colour sequences. */
export function plain(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
