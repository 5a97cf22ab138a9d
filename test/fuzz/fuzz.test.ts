/**
 * Bounded property-based and mutation fuzzing (part of `npm test`): every target of harness.ts with a fixed seed and
 * a few hundred cases, a few seconds in all. The loop runs in a worker thread (guard.ts): a hang fails the test with
 * the input that hung instead of stalling `npm test`. `FUZZ_SEED=<n>` replays another seed; `npm run fuzz` runs as
 * long as asked.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeReport, runAllGuarded, serveWorker, type RunRequest } from './guard';
import { TARGETS } from './harness';

if (!serveWorker()) {
  const seed = Number(process.env.FUZZ_SEED ?? 20261122);
  /** cases per target: the cheap targets (parsers, scanners) take ~0.1 ms a case, the service targets ~10 ms */
  const runs = (cheap: boolean): number => (cheap ? 300 : 120);
  /** a hang fails after this long without a completed case (a case normally takes milliseconds) */
  const STALL_MS = 60_000;

  describe('fuzz guard', () => {
    test('a hang fails with the input that was running, instead of stalling the run', async () => {
      const [r] = await runAllGuarded(__filename, [{ target: 'selftest:hang', seed, numRuns: 10 }], 500);
      assert.equal(r.failed, true);
      assert.equal(r.hang, true);
      assert.equal(r.counterexample, JSON.stringify('the input that hangs'));
    });

    test('a failure is shrunk and reported with its seed and replay path', async () => {
      const [r] = await runAllGuarded(__filename, [{ target: 'selftest:throw', seed, numRuns: 1000 }], STALL_MS);
      assert.equal(r.failed, true);
      assert.equal(r.counterexample, JSON.stringify('x'));
      assert.match(describeReport(r), /replay: npm run fuzz -- --target selftest:throw --seed \d+ --path [\d:]+/);
    });
  });

  describe(`fuzz (seed ${seed})`, () => {
    const groups: [string, RunRequest[]][] = [
      ['lexer, parser, host scanners, JDBC / key-value / URL parsers', TARGETS.filter((t) => t.cheap).map((t) => ({ target: t.name, seed, numRuns: runs(true) }))],
      ...TARGETS.filter((t) => !t.cheap).map((t): [string, RunRequest[]] => [t.name, [{ target: t.name, seed, numRuns: runs(false) }]]),
    ];
    for (const [name, reqs] of groups) {
      test(name, async (t) => {
        const reports = await runAllGuarded(__filename, reqs, STALL_MS);
        for (const r of reports) t.diagnostic(describeReport(r).split('\n')[0]);
        const failed = reports.filter((r) => r.failed);
        assert.deepEqual(failed.map(describeReport), [], `fuzzing failed with seed ${seed}`);
        assert.equal(reports.length, reqs.length);
      });
    }
  });
}
