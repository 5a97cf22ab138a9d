/**
 * Finding the files to scan: named files are always read; folders are walked, skipping dependency and build folders
 * and the config's exclude globs, and reading only file types that can hold SQL or connection strings.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { GlobSet } from './glob';

export const DEFAULT_EXCLUDED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', 'bin', 'obj', '.vs', '.idea', '.vscode-test',
  'coverage', '.gradle', '.mvn', '__pycache__', '.venv', 'venv', '.tox', '.next', '.nuxt',
]);

/** Extensions of files that may hold T-SQL or connection strings. */
const SCANNED_EXTENSIONS = new Set([
  'sql', 'tsql', 'md', 'markdown', 'java', 'kt', 'kts', 'scala', 'groovy', 'properties', 'yml', 'yaml', 'json', 'jsonc',
  'xml', 'config', 'cs', 'vb', 'fs', 'py', 'js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'jsx', 'tsx', 'go', 'php', 'env', 'ini',
  'toml', 'conf', 'cfg', 'ps1', 'sh', 'tf', 'dockerfile',
]);

export function isScannedName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.') || lower === 'dockerfile') return true;
  const dot = lower.lastIndexOf('.');
  return dot >= 0 && SCANNED_EXTENSIONS.has(lower.slice(dot + 1));
}

export interface WalkResult {
  readonly files: string[];
  /** paths that could not be listed, with the reason */
  readonly unreadable: { path: string; reason: string }[];
}

/** The globs in force in a folder, and the folder they are written relative to. */
export interface WalkScope {
  readonly dir: string;
  readonly includes: GlobSet;
  readonly excludes: GlobSet;
}

/**
 * Walks `root`; `scopeOf(dir)` gives the globs for the entries of each folder, so a nested `.sqlguard.json` governs
 * its own subtree (whether to enter a folder is decided by the scope of the folder that lists it).
 */
export function walk(root: string, scopeOf: (dir: string) => WalkScope): WalkResult {
  const files: string[] = [];
  const unreadable: { path: string; reason: string }[] = [];

  const visit = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: dir, reason: reasonOf(error) });
      return;
    }
    const { dir: base, includes, excludes } = scopeOf(dir);
    const rel = (p: string): string => relative(base, p).split(sep).join('/');
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      const r = rel(p);
      if (e.isDirectory()) {
        if (DEFAULT_EXCLUDED_DIRS.has(e.name) || excludes.matches(r)) continue;
        visit(p);
      } else if (e.isFile() || e.isSymbolicLink()) {
        if (excludes.matches(r)) continue;
        if (!(includes.empty ? isScannedName(e.name) : includes.matches(r))) continue;
        if (e.isSymbolicLink()) {
          // Follow links to files (never to folders: no cycles); a broken link is reported, not fatal.
          try {
            if (!statSync(p).isFile()) continue;
          } catch (error) {
            unreadable.push({ path: p, reason: reasonOf(error) });
            continue;
          }
        }
        files.push(p);
      }
    }
  };
  visit(root);
  return { files, unreadable };
}

export function reasonOf(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

export function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}
