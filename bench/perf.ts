/**
 * The performance harness (`npm run bench`): measures every figure of the performance issue in one run, prints each as
 * it is measured, then a final table, and rewrites docs/performance.md (keeping its hand-written profiling section).
 *
 *   node --expose-gc out/bench/perf.js            everything, then docs/performance.md
 *   node --expose-gc out/bench/perf.js 1 3        only sections 1 and 3 (the document is left alone)
 *   node --expose-gc out/bench/perf.js --no-doc   everything, without touching the document
 *
 * Exit status: 0 when every figure was measured (MISS included), 1 when one could not be measured.
 */
import { cpus } from 'node:os';
import { analysisSection } from './lib/analysis';
import { cliSection } from './lib/cli';
import { lspSection } from './lib/lsp';
import { load, machine, markdownTable, textTable, writeDoc, DOC } from './lib/report';
import { sqlParserSection } from './lib/sql-parser';
import { errorMessage, say, type SectionResult } from './lib/util';
import { vsixSection } from './lib/vsix';

const SECTIONS: { id: string; title: string; run: () => SectionResult | Promise<SectionResult> }[] = [
  { id: '1', title: '1. Full analysis against the floor, and the slope', run: analysisSection },
  { id: '2', title: '2. node-sql-parser on plain DML', run: sqlParserSection },
  { id: '3', title: '3. The language server', run: lspSection },
  { id: '4', title: '4. The CLI on a 10,000-file tree', run: cliSection },
  { id: '5', title: '5. The VSIX', run: vsixSection },
];

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const only = args.filter((a) => /^\d$/.test(a));
  const unknown = args.filter((a) => !/^\d$/.test(a) && a !== '--no-doc');
  if (unknown.length > 0) {
    console.error(`usage: node --expose-gc out/bench/perf.js [section numbers 1-5] [--no-doc] (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  const started = new Date();
  const t0 = performance.now();
  const loadAtStart = load();
  say(`SQL Transport Guard benchmark — ${machine()} — ${started.toISOString()} — load average ${loadAtStart}`);
  if (!(globalThis as { gc?: unknown }).gc) say('note: run with node --expose-gc for a full collection between samples');
  if (Number(loadAtStart) > cpus().length) say(`note: the load average (${loadAtStart}) is above the ${cpus().length} cores: other work competes for the CPU, so wall-clock figures are inflated (the CPU-time figures much less)`);

  const results: SectionResult[] = [];
  let failed = 0;
  for (const section of SECTIONS) {
    if (only.length > 0 && !only.includes(section.id)) continue;
    say('');
    try {
      results.push(await section.run());
    } catch (error) {
      failed++;
      say(`[${section.id}] ERROR: could not be measured: ${errorMessage(error)}`);
      results.push({
        title: section.title,
        figures: [{ id: section.id, name: section.title.replace(/^\d+\.\s*/, ''), measured: 'could not be measured (error)', target: '', status: 'ERROR' }],
        details: [`Could not be measured: ${errorMessage(error).split('\n')[0]}`],
      });
    }
  }

  const durationS = (performance.now() - t0) / 1000;
  const figures = results.flatMap((r) => r.figures);
  say('');
  say(`Results (${durationS.toFixed(0)} s; load average ${loadAtStart} at the start, ${load()} now):`);
  say(textTable(figures));
  say('');
  if (failed > 0) {
    say(`${failed} section${failed === 1 ? '' : 's'} could not be measured: ${DOC} was not rewritten.`);
    return 1;
  }
  if (only.length > 0 || args.includes('--no-doc')) {
    say(`${DOC} was not rewritten (${only.length > 0 ? 'only some sections ran' : '--no-doc'}). Markdown table:`);
    say(markdownTable(figures).join('\n'));
    return 0;
  }
  writeDoc(results, started, durationS, loadAtStart);
  say(`wrote ${DOC}`);
  return 0;
}

// A promise that can never settle (a child that died before answering) empties the event loop and node would exit 0
// in the middle of a section: treat that as a failure to measure.
let finished = false;
process.on('exit', (code) => {
  if (!finished && code === 0) {
    process.stderr.write('the benchmark stopped before it finished (something it waited for can no longer happen)\n');
    process.exitCode = 1;
  }
});

main().then(
  (code) => {
    finished = true;
    process.exit(code);
  },
  (error) => {
    finished = true;
    console.error(errorMessage(error));
    process.exit(1);
  },
);
