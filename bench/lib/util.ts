/** Small helpers shared by the benchmark sections: timing, statistics, formatting. No side effects on import. */
import { readFileSync } from 'node:fs';

export const MiB = 1024 * 1024;

/** One measured figure: what the final table and docs/performance.md show. */
export interface Figure {
  /** "1a", "3c", … */
  readonly id: string;
  readonly name: string;
  readonly measured: string;
  /** empty when the figure is informational */
  readonly target: string;
  readonly status: 'PASS' | 'MISS' | 'INFO' | 'N/A' | 'ERROR';
}

/** What a section hands back: its figures and the Markdown that explains how they were measured. */
export interface SectionResult {
  readonly title: string;
  readonly figures: Figure[];
  readonly details: string[];
}

export function now(): number {
  return performance.now();
}

/** Milliseconds taken by `fn` (one call). */
export function timeOnce(fn: () => unknown): number {
  const t0 = performance.now();
  sink(fn());
  return performance.now() - t0;
}

/**
 * On-CPU time of a process's main thread in ms, from /proc/<pid>/task/<pid>/schedstat (nanoseconds), and the time it
 * spent runnable but waiting for a CPU. Unlike wall time, the first does not grow when other processes compete for
 * this machine's two cores; nor does it count V8's helper threads (concurrent GC, compilation), which on an idle
 * machine run beside the main thread. undefined where /proc has no schedstat.
 */
export function threadCpu(pid: number = process.pid): { run: number; wait: number } | undefined {
  // The kernel brings a running thread's total up to date at scheduler ticks and switches only (a few ms), but
  // getrusage (process.cpuUsage) updates the calling thread's: so our own figure is exact, another process's is exact
  // once it has gone idle (as the server has when its diagnostics arrive).
  if (pid === process.pid) process.cpuUsage();
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return Number.isFinite(run) ? { run: run / 1e6, wait: wait / 1e6 } : undefined;
  } catch {
    return undefined;
  }
}

export interface Sample {
  /** wall-clock ms */
  readonly wall: number;
  /** main-thread on-CPU ms (wall time when schedstat is unavailable) */
  readonly cpu: number;
}

/** Wall time and main-thread CPU time of one call of `fn`. */
export function measure(fn: () => unknown): Sample {
  const c0 = threadCpu();
  const t0 = performance.now();
  sink(fn());
  const wall = performance.now() - t0;
  const c1 = threadCpu();
  return { wall, cpu: c0 && c1 ? c1.run - c0.run : wall };
}

export function best(samples: readonly Sample[], key: keyof Sample): number {
  return Math.min(...samples.map((s) => s[key]));
}

export function mid(samples: readonly Sample[], key: keyof Sample): number {
  return median(samples.map((s) => s[key]));
}

let sunk: unknown;
/** Keeps a result alive so the JIT cannot drop the work that produced it. */
export function sink(value: unknown): void {
  sunk = value;
}
export function sunkValue(): unknown {
  return sunk;
}

/** A full collection between samples when node runs with --expose-gc (so one sample's garbage is not billed to the next). */
export function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1];
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

export function ratio(value: number): string {
  return value >= 100 ? `${value.toFixed(0)}×` : `${value.toFixed(value >= 10 ? 1 : 2)}×`;
}

export function mb(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 1 : 2)} MB`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function passOrMiss(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS';
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc/<pid>/status. */
export function processMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string): number => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${name}`);
    return Number(m[1]) * 1024;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Lines that print as they are measured. */
export function say(line: string): void {
  process.stdout.write(line + '\n');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
