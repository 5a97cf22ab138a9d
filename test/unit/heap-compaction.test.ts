/**
 * The language server's idle heap compaction (server/src/lsp/heap-compaction.ts): when it collects, and that it never
 * collects while work goes on, twice in a short time, for small growth, or without node's `gc`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMPACTION_POLICY, IdleCompactor, shouldCompact, type CompactorHost } from '../../server/src/lsp/heap-compaction';

const MB = 1024 * 1024;

describe('shouldCompact', () => {
  const p = COMPACTION_POLICY;
  test('collects large relative growth once the last collection is long enough ago', () => {
    assert.equal(shouldCompact({ heapBytes: 60 * MB, baselineBytes: 30 * MB, sinceLastMs: p.minIntervalMs }, p), true);
  });
  test('not within the minimum interval', () => {
    assert.equal(shouldCompact({ heapBytes: 60 * MB, baselineBytes: 30 * MB, sinceLastMs: p.minIntervalMs - 1 }, p), false);
  });
  test('not for growth under the minimum, however large the factor', () => {
    assert.equal(shouldCompact({ heapBytes: 5 * MB + p.minGrowthBytes - 1, baselineBytes: 5 * MB, sinceLastMs: 1e9 }, p), false);
  });
  test('not for growth under the factor, however many bytes', () => {
    assert.equal(shouldCompact({ heapBytes: 140 * MB, baselineBytes: 100 * MB, sinceLastMs: 1e9 }, p), false);
  });
});

/** A host with a manual clock and timers, a heap that grows when told, and a `gc` that shrinks it. */
function fakeHost(withGc = true): CompactorHost & { heap: number; clock: number; collections: number; logs: string[]; advance(ms: number): void } {
  let timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const host = {
    heap: 8 * MB,
    clock: 0,
    collections: 0,
    logs: [] as string[],
    gc: withGc
      ? () => {
          host.collections++;
          host.heap = 30 * MB;
          host.clock += 40; // a collection takes time
        }
      : undefined,
    heapBytes: () => host.heap,
    now: () => host.clock,
    setTimer(fn: () => void, ms: number) {
      const t = { at: host.clock + ms, fn, cancelled: false };
      timers.push(t);
      return { cancel: () => (t.cancelled = true) };
    },
    log: (m: string) => host.logs.push(m),
    advance(ms: number) {
      const end = host.clock + ms;
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        host.clock = Math.max(host.clock, due.at);
        due.fn();
      }
      host.clock = Math.max(host.clock, end);
    },
  };
  return host;
}

describe('IdleCompactor', () => {
  test('collects once the server has been idle after a burst, and says so', () => {
    const host = fakeHost();
    const compactor = new IdleCompactor(host);
    host.heap = 80 * MB;
    compactor.activity();
    host.advance(COMPACTION_POLICY.idleMs - 1);
    assert.equal(host.collections, 0, 'not before the idle delay');
    host.advance(1);
    assert.equal(host.collections, 1);
    assert.match(host.logs[0], /^heap compacted after a burst of work: 80\.0 MB → 30\.0 MB \(40 ms\)$/);
  });

  test('activity keeps putting it off: never while work goes on', () => {
    const host = fakeHost();
    const compactor = new IdleCompactor(host);
    host.heap = 80 * MB;
    for (let i = 0; i < 50; i++) {
      compactor.activity();
      host.advance(COMPACTION_POLICY.idleMs / 2);
    }
    assert.equal(host.collections, 0);
    host.advance(COMPACTION_POLICY.idleMs);
    assert.equal(host.collections, 1);
  });

  test('a second burst soon after is left to V8; one later, with new growth, is collected', () => {
    const host = fakeHost();
    const compactor = new IdleCompactor(host);
    host.heap = 80 * MB;
    compactor.activity();
    host.advance(COMPACTION_POLICY.idleMs);
    assert.equal(host.collections, 1);
    host.heap = 90 * MB;
    compactor.activity();
    host.advance(COMPACTION_POLICY.idleMs);
    assert.equal(host.collections, 1, 'within the minimum interval');
    host.advance(COMPACTION_POLICY.minIntervalMs);
    compactor.activity();
    host.advance(COMPACTION_POLICY.idleMs);
    assert.equal(host.collections, 2);
  });

  test('small growth is not collected', () => {
    const host = fakeHost();
    const compactor = new IdleCompactor(host);
    host.heap = 8 * MB + COMPACTION_POLICY.minGrowthBytes - MB;
    compactor.activity();
    host.advance(COMPACTION_POLICY.idleMs * 10);
    assert.equal(host.collections, 0);
  });

  test('without node\'s gc nothing is scheduled', () => {
    const host = fakeHost(false);
    const compactor = new IdleCompactor(host);
    host.heap = 200 * MB;
    compactor.activity();
    host.advance(COMPACTION_POLICY.minIntervalMs * 2);
    assert.equal(host.logs.length, 0);
  });
});
