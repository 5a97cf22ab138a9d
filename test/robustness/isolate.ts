/**
 * Runs a named case of the calling test bundle in a worker thread, so that a hang (a synchronous loop that never ends)
 * fails the test after a generous limit instead of stalling `npm test`. No timing is asserted: the limit only turns a
 * hang into a failure; a case that completes passes however long it took.
 *
 *   if (!serveCases(CASES)) { test('x', () => runIsolated(__filename, 'x')); }
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export type Cases = Record<string, () => unknown>;

/** A case that completes within this many ms is not hung; the cases take a few seconds at most. */
export const HANG_LIMIT_MS = 120_000;

/** In a worker started by runIsolated: run the case, post its result (or error) and return true. */
export function serveCases(cases: Cases): boolean {
  if (isMainThread || typeof workerData?.isolatedCase !== 'string') return false;
  const name = workerData.isolatedCase as string;
  try {
    const result = cases[name]();
    parentPort!.postMessage({ ok: true, result: result ?? null });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  return true;
}

/** Resolves with the case's result; rejects with its error, or with "hang" when it has not finished in `limitMs`. */
export function runIsolated<T = unknown>(file: string, name: string, limitMs = HANG_LIMIT_MS): Promise<T> {
  const worker = new Worker(file, { workerData: { isolatedCase: name }, resourceLimits: { maxOldGenerationSizeMb: 4096 } });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`hang: '${name}' did not finish within ${limitMs / 1000} s`));
    }, limitMs);
    worker.once('message', (m: { ok: boolean; result?: T; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m.result as T);
      else reject(new Error(`'${name}' failed in its worker:\n${m.error}`));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`'${name}': worker exited with code ${code} before answering`));
    });
  });
}
