/**
 * Gives memory back after a burst of analysis (a workspace scan, many documents opened at once). V8 keeps the heap it
 * grew for the burst — old-space pages of promoted garbage — long after the work is done: a server holding 500 open
 * documents stayed at ≈ 125 MB RSS for minutes, ≈ 95 MB after one full collection. So, once the server has been idle
 * for a moment and its heap has grown well beyond what the last collection left alive, it asks for a full collection
 * (node's `gc`, exposed by the `--expose-gc` the client starts it with; without it this does nothing).
 *
 * Rare by design: a full collection blocks the server for tens of milliseconds, so never while someone types (the idle
 * delay), never twice within `minIntervalMs`, and never for small growth.
 */

export interface CompactionPolicy {
  /** quiet time after the last analysis round before collecting */
  readonly idleMs: number;
  /** at least this long between two collections */
  readonly minIntervalMs: number;
  /** collect only when the heap grew by this much over what the last collection left ... */
  readonly minGrowthBytes: number;
  /** ... and by this factor */
  readonly growthFactor: number;
}

export const COMPACTION_POLICY: CompactionPolicy = { idleMs: 1000, minIntervalMs: 10_000, minGrowthBytes: 16 * 1024 * 1024, growthFactor: 1.5 };

export interface HeapState {
  /** the heap V8 holds now (committed) */
  readonly heapBytes: number;
  /** what the last collection left (the heap at start, before any) */
  readonly baselineBytes: number;
  /** time since the last collection */
  readonly sinceLastMs: number;
}

export function shouldCompact(state: HeapState, policy: CompactionPolicy = COMPACTION_POLICY): boolean {
  if (state.sinceLastMs < policy.minIntervalMs) return false;
  const growth = state.heapBytes - state.baselineBytes;
  return growth >= policy.minGrowthBytes && state.heapBytes >= state.baselineBytes * policy.growthFactor;
}

export interface CompactorHost {
  readonly gc: (() => void) | undefined;
  /** committed heap bytes */
  heapBytes(): number;
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  log(message: string): void;
}

/** Call `activity()` after each analysis round; the collection, if any, follows when the server has gone quiet. */
export class IdleCompactor {
  private timer: { cancel(): void } | undefined;
  private baseline: number;
  private last: number;

  constructor(
    private readonly host: CompactorHost,
    private readonly policy: CompactionPolicy = COMPACTION_POLICY,
  ) {
    this.baseline = host.heapBytes();
    this.last = host.now() - policy.minIntervalMs; // the first burst may be collected as soon as it is over
  }

  activity(): void {
    if (!this.host.gc) return;
    this.timer?.cancel();
    this.timer = this.host.setTimer(() => this.idle(), this.policy.idleMs);
  }

  private idle(): void {
    this.timer = undefined;
    const gc = this.host.gc;
    const before = this.host.heapBytes();
    const now = this.host.now();
    if (!gc || !shouldCompact({ heapBytes: before, baselineBytes: this.baseline, sinceLastMs: now - this.last }, this.policy)) return;
    gc();
    this.last = this.host.now();
    this.baseline = this.host.heapBytes();
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    this.host.log(`heap compacted after a burst of work: ${mb(before)} MB → ${mb(this.baseline)} MB (${Math.round(this.last - now)} ms)`);
  }
}
