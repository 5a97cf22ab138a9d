/**
 * The workspace scan: files that are not open are read from disk so that cross-file rules (peer endpoints,
 * certificates created in other scripts) and the Problems view cover the whole workspace. Respects the config's and
 * VS Code's excludes, the size limit and a file-count limit; never executes anything.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { walk } from '../cli/files';
import { GlobSet } from '../cli/glob';

export interface ScanOptions {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
  readonly maxFiles: number;
}

export interface ScannedFile {
  readonly uri: string;
  readonly text: string;
}

export interface ScanResult {
  readonly files: ScannedFile[];
  /** over the size limit, unreadable or binary */
  readonly skipped: number;
  /** the file-count limit was reached */
  readonly truncated: boolean;
}

/** Reads one file for the analysis, or undefined when it must be skipped (missing, too large, binary). */
export function readForAnalysis(uri: string, maxFileSize: number): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    if (statSync(path).size > maxFileSize) return undefined;
    const buffer = readFileSync(path);
    for (let i = 0; i < Math.min(buffer.length, 8000); i++) if (buffer[i] === 0) return undefined;
    const text = buffer.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

export function scanWorkspace(folderUri: string, options: ScanOptions): ScanResult {
  if (!folderUri.startsWith('file:')) return { files: [], skipped: 0, truncated: false };
  const root = fileURLToPath(folderUri);
  const scope = { dir: root, includes: new GlobSet(options.include), excludes: new GlobSet(options.exclude) };
  const { files: paths, unreadable } = walk(root, () => scope);
  const files: ScannedFile[] = [];
  let skipped = unreadable.length;
  for (const path of paths) {
    if (files.length >= options.maxFiles) return { files, skipped, truncated: true };
    if (path.endsWith('.sqlguard.json')) continue;
    const uri = pathToFileURL(path).href;
    const text = readForAnalysis(uri, options.maxFileSize);
    if (text === undefined) skipped++;
    else files.push({ uri, text });
  }
  return { files, skipped, truncated: false };
}
