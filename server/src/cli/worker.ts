/**
 * The worker thread behind `sqlguard --workers N`. It is dist/cli.js itself started again as a thread (one bundle
 * instead of two keeps the VSIX small): analyses the units the CLI posts, one at a time, and posts each result back.
 * An unexpected error is posted as one line, and the CLI stops with an internal error rather than a partial report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from './pool';
import { analyseUnit, firstLine, type UnitRequest } from './unit';

/** The `workerData` that marks a thread as a scan worker. */
export const WORKER_ROLE = 'sqlguard-scan-worker';

export function isScanWorker(): boolean {
  return parentPort !== null && (workerData as { role?: unknown } | undefined)?.role === WORKER_ROLE;
}

export function serveUnits(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (request: UnitRequest) => {
    let message: WorkerMessage;
    try {
      // As one JSON string: cloning a string is a copy, while structured clone of thousands of small finding
      // objects cost a tenth of a worker's time.
      message = { json: JSON.stringify(analyseUnit(request)) };
    } catch (error) {
      message = { error: `in a scan worker: ${firstLine(error)}` };
    }
    port.postMessage(message);
  });
}
