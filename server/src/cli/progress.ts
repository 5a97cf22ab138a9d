/**
 * A single progress line on stderr for long scans, only when stderr is a terminal: rewritten in place (carriage
 * return + erase line), first shown after a short delay (quick scans never flicker), throttled so that printing
 * never costs more than scanning, and erased before anything else is written.
 */
export interface ProgressSink {
  update(label: string, done: number, total: number): void;
  clear(): void;
}

export const NO_PROGRESS: ProgressSink = { update: () => undefined, clear: () => undefined };

export class TerminalProgress implements ProgressSink {
  private shown = false;
  private last: number;

  constructor(
    private readonly write: (raw: string) => void,
    private readonly columns: number,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 100,
    delayMs = 300,
  ) {
    this.last = now() + delayMs - intervalMs;
  }

  update(label: string, done: number, total: number): void {
    const t = this.now();
    if (t - this.last < this.intervalMs) return;
    this.last = t;
    const line = `sqlguard: ${label} ${done}/${total} files…`;
    // One column short of the width: writing the last column makes some terminals wrap.
    const width = Math.max(10, this.columns - 1);
    this.write(`\r${line.length > width ? line.slice(0, width) : line}\u001b[K`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.write('\r\u001b[K');
    this.shown = false;
  }
}
