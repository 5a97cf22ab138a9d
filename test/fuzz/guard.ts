/**
 * Running a fuzz target so that a hang fails instead of stalling.
 *
 * The property loop runs in a worker thread (the calling bundle itself, started again as a worker). Before each case
 * the worker writes the case's input into shared memory and after it bumps a counter. The main thread watches the
 * counter: when no case completes for `stallMs`, it terminates the worker and reports a hang together with the input
 * that was running (read from shared memory — the worker itself cannot answer any more). A synchronous infinite loop
 * cannot be interrupted from inside its own thread, which is why this is not done with a timer in the test itself.
 *
 * Besides hangs, a case that takes longer than `maxCaseMs` on an input of at most 64 KB fails as "superlinear": the
 * targets are linear, and a typical case takes well under 10 ms, so the default 2 s bound is ~100× generous and
 * does not make the bounded run flaky on a loaded 2-core machine. Linearity is otherwise checked indirectly (output
 * sizes bounded by input size) in the properties themselves.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { targetNamed } from './harness';

export interface RunRequest {
  readonly target: string;
  readonly seed: number;
  readonly numRuns: number;
  /** replay one counterexample: the path fast-check printed (with its seed) */
  readonly path?: string;
  /** a case on an input of at most 64 KB that runs longer than this fails (default 2000) */
  readonly maxCaseMs?: number;
  /** stop starting new cases after this many ms (the long runner's --seconds); the run still succeeds */
  readonly timeLimitMs?: number;
}

export interface RunReport {
  readonly target: string;
  readonly seed: number;
  readonly ran: number;
  readonly failed: boolean;
  readonly hang?: boolean;
  readonly counterexample?: string;
  readonly path?: string;
  readonly error?: string;
  readonly slowestMs: number;
  readonly ms: number;
}

const INPUT_CAPACITY = 1 << 20; // UTF-16 units of the running input kept for a hang report
const LARGE_INPUT = 64 * 1024;

interface Shared {
  /** [cases completed, length of the running input's description] */
  readonly state: Int32Array;
  readonly input: Uint16Array;
}

function sharedOf(buffer: SharedArrayBuffer): Shared {
  return { state: new Int32Array(buffer, 0, 2), input: new Uint16Array(buffer, 8, INPUT_CAPACITY) };
}

function writeInput(shared: Shared, text: string): void {
  const n = Math.min(text.length, INPUT_CAPACITY);
  for (let i = 0; i < n; i++) shared.input[i] = text.charCodeAt(i);
  Atomics.store(shared.state, 1, n);
}

function readInput(shared: Shared): string {
  const n = Atomics.load(shared.state, 1);
  let out = '';
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode(...shared.input.subarray(i, Math.min(n, i + 8192)));
  return out;
}

/** Runs the property loop in this thread (the worker's side). */
export function runHere(req: RunRequest, shared?: Shared): RunReport {
  const t = targetNamed(req.target);
  const maxCaseMs = req.maxCaseMs ?? 2000;
  let ran = 0;
  let slowest = 0;
  const started = performance.now();
  const property = fc.property(t.arbitrary, (input: never) => {
    const description = t.describe(input);
    if (shared) writeInput(shared, description);
    const t0 = performance.now();
    t.check(input);
    const ms = performance.now() - t0;
    ran++;
    if (shared) Atomics.add(shared.state, 0, 1);
    if (ms > slowest) slowest = ms;
    const size = description.length;
    if (ms > maxCaseMs && size <= LARGE_INPUT) throw new Error(`superlinear? one case took ${Math.round(ms)} ms on an input of ${size} characters (bound ${maxCaseMs} ms)`);
  });
  const details = fc.check(property, {
    seed: req.seed,
    numRuns: req.numRuns,
    path: req.path,
    endOnFailure: false,
    // the long runner's time budget: stop starting cases, do not fail
    interruptAfterTimeLimit: req.timeLimitMs,
    markInterruptAsFailure: false,
  });
  const ms = performance.now() - started;
  if (!details.failed) return { target: req.target, seed: req.seed, ran, failed: false, slowestMs: slowest, ms };
  const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
  return {
    target: req.target,
    seed: details.seed,
    ran,
    failed: true,
    counterexample: details.counterexample ? fc.stringify(details.counterexample[0]) : undefined,
    path: details.counterexamplePath ?? undefined,
    error,
    slowestMs: slowest,
    ms,
  };
}

/**
 * Runs `req` in a worker started from `file` (a bundle that calls `serveWorker()` first thing). Resolves with the
 * report; a hang (no case completed for `stallMs`) resolves as a failed report with the running input.
 */
export async function runGuarded(file: string, req: RunRequest, stallMs = 60_000): Promise<RunReport> {
  return (await runAllGuarded(file, [req], stallMs))[0];
}

/** Several requests one after the other in one worker (one start-up): one report each, in order. */
export function runAllGuarded(file: string, reqs: readonly RunRequest[], stallMs = 60_000): Promise<RunReport[]> {
  const buffer = new SharedArrayBuffer(8 + 2 * INPUT_CAPACITY);
  const shared = sharedOf(buffer);
  const worker = new Worker(file, { workerData: { fuzzRequests: reqs, buffer } });
  const started = performance.now();
  const reports: RunReport[] = [];
  return new Promise((resolveAll) => {
    let done = false;
    let lastCount = -1;
    let lastChange = performance.now();
    const finish = (report?: RunReport): void => {
      if (done) return;
      if (report) reports.push(report);
      if (reports.length < reqs.length && !report?.hang && report?.error?.startsWith('worker') !== true) return;
      done = true;
      clearInterval(timer);
      void worker.terminate();
      resolveAll(reports);
    };
    const current = (): RunRequest => reqs[Math.min(reports.length, reqs.length - 1)];
    const timer = setInterval(() => {
      const count = Atomics.load(shared.state, 0);
      const now = performance.now();
      if (count !== lastCount) {
        lastCount = count;
        lastChange = now;
        return;
      }
      if (now - lastChange < stallMs) return;
      const req = current();
      finish({
        target: req.target,
        seed: req.seed,
        ran: count,
        failed: true,
        hang: true,
        counterexample: readInput(shared),
        error: `hang: no case completed for ${Math.round((now - lastChange) / 1000)} s (the input above was running)`,
        slowestMs: now - lastChange,
        ms: now - started,
      });
    }, Math.min(1000, stallMs / 4));
    worker.on('message', (report: RunReport) => finish(report));
    worker.on('error', (error) =>
      finish({ target: current().target, seed: current().seed, ran: Atomics.load(shared.state, 0), failed: true, counterexample: readInput(shared), error: `worker died: ${error.stack ?? error.message}`, slowestMs: 0, ms: performance.now() - started }),
    );
    worker.on('exit', (code) => {
      if (!done) finish({ target: current().target, seed: current().seed, ran: Atomics.load(shared.state, 0), failed: true, counterexample: readInput(shared), error: `worker exited with code ${code}`, slowestMs: 0, ms: performance.now() - started });
    });
  });
}

/** In a worker started by runGuarded: run the request, post the report and return true. In the main thread: false. */
export function serveWorker(): boolean {
  if (isMainThread || !workerData?.fuzzRequests) return false;
  const { fuzzRequests, buffer } = workerData as { fuzzRequests: RunRequest[]; buffer: SharedArrayBuffer };
  const shared = sharedOf(buffer);
  for (const req of fuzzRequests) parentPort!.postMessage(runHere(req, shared));
  return true;
}

/** One line for a report, plus the counterexample and how to replay it when it failed. */
export function describeReport(r: RunReport): string {
  const head = `${r.target}: ${r.ran} cases in ${(r.ms / 1000).toFixed(1)} s, seed ${r.seed}, slowest case ${r.slowestMs.toFixed(1)} ms`;
  if (!r.failed) return head;
  return [
    `${head} — FAILED${r.hang ? ' (hang)' : ''}`,
    `  error: ${r.error}`,
    `  counterexample: ${truncate(r.counterexample ?? '(none)', 4000)}`,
    r.path ? `  replay: npm run fuzz -- --target ${r.target} --seed ${r.seed} --path ${r.path}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n)}… (${s.length} characters)`;
}
