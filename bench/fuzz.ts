/**
 * The long fuzz run: `npm run fuzz -- [--runs N | --seconds N] [--target NAME[,NAME…]|cheap|service|all] [--seed S]
 * [--path P] [--jobs J] [--max-case-ms MS] [--stall-seconds S]`.
 *
 * Runs the targets of test/fuzz/harness.ts in rounds: each round gives every selected target one batch of cases in a
 * guarded worker (see test/fuzz/guard.ts: a hang fails with the input that hung, a case over --max-case-ms on an input
 * of ≤ 64 KB fails as superlinear). `--runs N` counts the cases of the cheap targets (lexer/parser, host scanners,
 * JDBC/key-value/URL parsers); the whole-analysis targets run one case for every 200 of those. `--seconds N` runs
 * until the time is up instead. Every batch's seed derives from the printed base seed, so a run is reproducible; a
 * failure prints the failing batch's seed, the counterexample and the command that replays it, and exits 1.
 */
import { availableParallelism } from 'node:os';
import { describeReport, runGuarded, serveWorker, type RunReport, type RunRequest } from '../test/fuzz/guard';
import { TARGETS, targetNamed } from '../test/fuzz/harness';

interface Options {
  runs?: number;
  seconds?: number;
  target: string;
  seed: number;
  path?: string;
  jobs: number;
  maxCaseMs: number;
  stallSeconds: number;
}

const USAGE = 'usage: npm run fuzz -- [--runs N | --seconds N] [--target NAME[,NAME…]|cheap|service|all] [--seed S] [--path P] [--jobs J] [--max-case-ms MS] [--stall-seconds S]';

function parse(argv: readonly string[]): Options {
  const o: Options = { target: 'all', seed: Date.now() % 0x7fffffff, jobs: 1, maxCaseMs: 2000, stallSeconds: 30 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    const num = (): number => {
      const v = Number(value());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number\n${USAGE}`);
      return v;
    };
    switch (a) {
      case '--runs':
        o.runs = num();
        break;
      case '--seconds':
        o.seconds = num();
        break;
      case '--target':
        o.target = value();
        break;
      case '--seed':
        o.seed = num() | 0;
        break;
      case '--path':
        o.path = value();
        break;
      case '--jobs':
        o.jobs = Math.max(1, Math.min(num(), availableParallelism()));
        break;
      case '--max-case-ms':
        o.maxCaseMs = num();
        break;
      case '--stall-seconds':
        o.stallSeconds = num();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        console.log(`targets: ${TARGETS.map((t) => t.name).join(', ')}`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option '${a}'\n${USAGE}`);
    }
  }
  if (o.runs === undefined && o.seconds === undefined) o.runs = 100_000;
  return o;
}

function selected(target: string): string[] {
  if (target === 'all') return TARGETS.map((t) => t.name);
  if (target === 'cheap') return TARGETS.filter((t) => t.cheap).map((t) => t.name);
  if (target === 'service') return TARGETS.filter((t) => !t.cheap).map((t) => t.name);
  return target.split(',').map((n) => targetNamed(n).name);
}

/** A batch's seed: the base seed mixed with the round and the target's index (reproducible, well spread). */
function batchSeed(base: number, round: number, index: number): number {
  let h = (base ^ Math.imul(round + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  const names = selected(o.target);
  const cheap = names.filter((n) => targetNamed(n).cheap);
  const expensive = names.filter((n) => !targetNamed(n).cheap);
  console.log(`fuzz: base seed ${o.seed}; targets ${names.join(', ')}; ${o.runs !== undefined ? `${o.runs} cases` : `${o.seconds} s`}; ${o.jobs} job(s)`);

  // replay of one counterexample: exactly one target, the given seed and path
  if (o.path !== undefined) {
    if (names.length !== 1) throw new Error('--path replays one target: give --target NAME');
    const r = await runGuarded(__filename, { target: names[0], seed: o.seed, numRuns: 1, path: o.path, maxCaseMs: o.maxCaseMs }, o.stallSeconds * 1000);
    console.log(describeReport(r));
    return r.failed ? 1 : 0;
  }

  const started = Date.now();
  const deadline = o.seconds !== undefined ? started + o.seconds * 1000 : Infinity;
  const totals = new Map<string, number>(names.map((n) => [n, 0]));
  let cheapDone = 0;
  const cheapBatch = 20_000;
  const expensiveBatch = 100;
  const budgetLeft = (): boolean => Date.now() < deadline && (o.runs === undefined || (cheap.length > 0 ? cheapDone < o.runs : totalOf(expensive, totals) < o.runs));

  let round = 0;
  const queue: RunRequest[] = [];
  const refill = (): void => {
    for (const name of names) {
      const isCheap = cheap.includes(name);
      let n = isCheap ? cheapBatch : expensiveBatch;
      if (o.runs !== undefined) {
        // spread the remaining cheap budget evenly; analysis targets get 1 case per 200 cheap ones
        const share = Math.ceil(o.runs / Math.max(1, cheap.length));
        const done = totals.get(name)!;
        const want = isCheap || cheap.length === 0 ? share : Math.ceil(share / 200);
        n = Math.min(n, want - done);
        if (n <= 0) continue;
      }
      queue.push({ target: name, seed: batchSeed(o.seed, round, TARGETS.findIndex((t) => t.name === name)), numRuns: n, maxCaseMs: o.maxCaseMs });
    }
    round++;
  };

  const failures: RunReport[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0) {
      if (queue.length === 0) {
        if (!budgetLeft()) return;
        refill();
        if (queue.length === 0) return;
      }
      // the time left is measured when the batch starts, so a batch never runs past --seconds
      const left = deadline - Date.now();
      if (left <= 0) return;
      // and a batch gets at most its share of the whole run, so that a short run still reaches every target
      const share = o.seconds !== undefined ? Math.max(500, (o.seconds * 1000) / names.length) : Infinity;
      const limit = Math.min(left, share);
      const req = { ...queue.shift()!, timeLimitMs: Number.isFinite(limit) ? limit : undefined };
      const r = await runGuarded(__filename, req, o.stallSeconds * 1000);
      totals.set(r.target, totals.get(r.target)! + r.ran);
      if (cheap.includes(r.target)) cheapDone += r.ran;
      if (r.failed) {
        failures.push(r);
        console.log(describeReport(r));
      } else if (process.stdout.isTTY || r.ms > 2000) {
        console.log(`  ${describeReport(r)}; total ${cheapDone} cheap cases, ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, () => worker()));

  const seconds = (Date.now() - started) / 1000;
  console.log(`fuzz: ${[...totals].map(([n, c]) => `${n} ${c}`).join(', ')}`);
  console.log(`fuzz: ${cheapDone} cheap cases and ${totalOf(expensive, totals)} analysis cases in ${seconds.toFixed(0)} s, base seed ${o.seed}: ${failures.length === 0 ? 'no failure' : `${failures.length} FAILED`}`);
  return failures.length === 0 ? 0 : 1;
}

function totalOf(names: readonly string[], totals: ReadonlyMap<string, number>): number {
  return names.reduce((sum, n) => sum + (totals.get(n) ?? 0), 0);
}

if (!serveWorker()) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(2);
    },
  );
}
