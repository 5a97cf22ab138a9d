/**
 * Runs a CommonJS bundle through V8's code cache, so that a second start of the language server does not compile the
 * bundle again (compiling it was the largest part of start-up after node's own). Node 20 has no built-in compile cache
 * (`module.enableCompileCache` came with 22), and VS Code starts servers with whatever node its Electron carries.
 *
 * The cache lives in a folder the caller chooses (the extension passes its per-user global storage, never a shared
 * temp folder: cached data is trusted like code). A cache file is named after the bundle's size and modification time,
 * node's version and the architecture; V8 checks it again and rejects what does not fit, and a rejected or unreadable cache only costs the
 * ordinary compile. A cache problem never keeps the server from starting (only a missing or broken bundle does).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

export type CodeCacheStatus = 'off' | 'used' | 'rejected' | 'missing';

export interface CodeCache {
  /** off: no cache folder given; used: V8 took the cached code; rejected: V8 refused it; missing: none yet */
  readonly status: CodeCacheStatus;
  readonly file: string | undefined;
  /**
   * Writes the cache when none was used, with every function compiled so far (call it once the program has done
   * typical work, so that lazily compiled functions are in). Returns what happened, for a log line.
   */
  save(): string;
}

/** The global through which the bundle reaches the cache its loader used (the loader and the bundle are separate files). */
export const CODE_CACHE_KEY = Symbol.for('sqlTransportGuard.codeCache');

const PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'] as const;

export function runWithCodeCache(file: string, cacheDir: string | undefined): CodeCache {
  const source = readFileSync(file, 'utf8');
  const name = basename(file, '.js');
  // V8 checks a cache against the source's length only, so the name must change with the content: size and mtime do
  // (hashing the whole bundle cost 3-6 ms of a start)
  const { size, mtimeMs } = statSync(file);
  const key = createHash('sha256').update(`${size}\0${mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = cacheDir ? join(cacheDir, `${name}-${key}.cache`) : undefined;
  let cached: Buffer | undefined;
  if (cacheFile) {
    try {
      cached = readFileSync(cacheFile);
    } catch {
      cached = undefined; // first start, or the folder is gone: compile as usual
    }
  }
  // The wrapper node itself puts around a CommonJS module, on the first line so that line numbers stay right.
  const script = new Script(`(function (${PARAMS.join(', ')}) {${source}\n})`, { filename: file, cachedData: cached });
  const status: CodeCacheStatus = !cacheFile ? 'off' : !cached ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  let saved = false;
  const cache: CodeCache = {
    status,
    file: cacheFile,
    save(): string {
      if (!cacheFile || !cacheDir) return 'code cache off';
      if (status === 'used') return `code cache used: ${cacheFile}`;
      if (saved) return `code cache written: ${cacheFile}`;
      saved = true;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile); // readers see the whole file or none
        removeStale(cacheDir, name, cacheFile);
        return `code cache written: ${cacheFile}`;
      } catch (error) {
        return `code cache not written (${error instanceof Error ? error.message : String(error)})`;
      }
    },
  };
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_KEY] = cache;
  const module = { exports: {} as unknown };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return cache;
}

/** Caches of earlier versions of the same bundle (another content hash). */
function removeStale(dir: string, name: string, keep: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return; // the cache itself is written; tidying up can wait for the next save
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (path === keep || !entry.startsWith(`${name}-`) || !/^[0-9a-f]{16}\.cache$/.test(entry.slice(name.length + 1))) continue;
    try {
      unlinkSync(path);
    } catch {
      // in use or already gone: the next save tries again
    }
  }
}

/** The cache the loader used for this bundle, if it was started through one. */
export function currentCodeCache(): CodeCache | undefined {
  const value = (globalThis as Record<symbol, unknown>)[CODE_CACHE_KEY];
  return value && typeof value === 'object' && 'save' in value ? (value as CodeCache) : undefined;
}
