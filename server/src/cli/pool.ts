/**
 * Runs scan units either in this thread (one worker: no thread start-up cost for small scans) or in a pool of
 * worker threads fed from a queue, so a slow folder never holds up the others. Each worker keeps at most two units
 * in flight (one running, one waiting in its message queue), which keeps it busy without loading the whole tree.
 */
import { Worker } from 'node:worker_threads';
import { analyseUnit, type UnitRequest, type UnitResult } from './unit';
import { WORKER_ROLE } from './worker';

const IN_FLIGHT_PER_WORKER = 2;

export interface UnitRunner {
  /** Runs every request; `onResult` sees each result as it arrives (in completion order). */
  run(requests: readonly UnitRequest[], onResult: (result: UnitResult) => void): Promise<void>;
  close(): Promise<void>;
}

export class InlineRunner implements UnitRunner {
  async run(requests: readonly UnitRequest[], onResult: (result: UnitResult) => void): Promise<void> {
    for (const r of requests) onResult(analyseUnit(r));
  }

  async close(): Promise<void> {}
}

/** A message a worker posts: a unit's result (as JSON), or the error that stopped it. */
export type WorkerMessage = { readonly json: string } | { readonly error: string };

export class WorkerPool implements UnitRunner {
  private readonly workers: Worker[] = [];

  /** `script`: the bundled CLI (dist/cli.js), which serves units when started as a worker. */
  constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  run(requests: readonly UnitRequest[], onResult: (result: UnitResult) => void): Promise<void> {
    if (requests.length === 0) return Promise.resolve();
    while (this.workers.length < Math.min(this.size, requests.length)) this.workers.push(new Worker(this.script, { workerData: { role: WORKER_ROLE } }));
    return new Promise((resolve, reject) => {
      let next = 0;
      let pending = requests.length;
      let failed = false;
      const detach: (() => void)[] = [];
      const finish = (error?: Error): void => {
        if (failed) return;
        if (error) failed = true;
        for (const d of detach) d();
        if (error) reject(error);
        else resolve();
      };
      const feed = (w: Worker): void => {
        if (next < requests.length) w.postMessage(requests[next++]);
      };
      for (const w of this.workers) {
        const onMessage = (m: WorkerMessage): void => {
          if ('error' in m) return finish(new Error(m.error));
          onResult(JSON.parse(m.json) as UnitResult);
          feed(w);
          if (--pending === 0) finish();
        };
        const onError = (e: Error): void => finish(e);
        const onExit = (code: number): void => finish(new Error(`a scan worker stopped (exit code ${code})`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        detach.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) feed(w);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}
