/**
 * A behaviour check for performance work (not part of `npm run bench`): the findings of the full analysis, the parse
 * results, the tokens and some line positions over many inputs, saved as JSON, so that a change meant to be only
 * faster can be shown to change nothing.
 *
 *   node esbuild.mjs --bench
 *   node out/bench/findings-snapshot.js save bench/.work/before.json      (on the code before the change)
 *   node out/bench/findings-snapshot.js compare bench/.work/before.json   (after it: exit code 1 and the first
 *                                                                          differences when anything changed)
 *
 * Inputs: the bench workload at four seeds (mixed and plain DML), prefixes of it with random edits that break strings,
 * comments, brackets, line ends and batches (and add non-ASCII text, endpoints and suppression comments), the same in
 * Markdown fences, 10 MB of it, every folder of test/fixtures, and a quarter of the CLI bench tree (all host languages).
 * Token flags are compared with their UNTERMINATED bit only (other bits are hints between lexer and parser).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../server/src/core/positions';
import { AnalysisService } from '../server/src/service/service';
import { lex, UNTERMINATED } from '../server/src/tsql/lexer';
import { parseSql } from '../server/src/tsql/parser';
import { generateTree } from './lib/tree';
import { generateTsql, rng } from './workload';

type Snapshot = Record<string, unknown>;

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

function tokensOf(text: string): string {
  const t = lex(text);
  const n = t.count;
  const flags = Array.from(t.flags.subarray(0, n), (f) => f & UNTERMINATED);
  return hash([n, Array.from(t.kinds.subarray(0, n)), Array.from(t.starts.subarray(0, n)), Array.from(t.ends.subarray(0, n)), flags, t.comments]);
}

function positionsOf(text: string): string {
  const index = new LineIndex(text);
  const r = rng(text.length);
  const out: unknown[] = [index.lineCount, index.positionAt(text.length)];
  for (let k = 0; k < 50; k++) out.push(index.positionAt(Math.floor(r() * (text.length + 2)) - 1));
  for (let line = 0; line < Math.min(index.lineCount, 30); line++) out.push(index.lineStart(line), index.lineEnd(line), index.offsetAt({ line, character: 3 }));
  return hash(out);
}

/** One AnalysisService per group: a group is a folder whose documents are peers. */
function analyseGroup(into: Snapshot, name: string, files: readonly (readonly [string, string])[]): void {
  const service = new AnalysisService({ reportUnusedSuppressions: true });
  for (const [uri, text] of files) service.update({ uri, text });
  for (const [uri, text] of files) {
    into[`${name}|${uri}|findings`] = service.analyzeAll(uri);
    if (/\.(sql|md)$/.test(uri)) {
      into[`${name}|${uri}|tokens`] = tokensOf(text);
      const parsed = parseSql(text);
      into[`${name}|${uri}|parse`] = hash([parsed.statements, parsed.problems]);
    }
    into[`${name}|${uri}|lines`] = positionsOf(text);
  }
}

const JUNK = [
  "'", '"', '[', ']', '/*', '*/', '--', '\r', '\n', '\r\n', 'GO\n', '\nGO 3\n', ':r x\n', '$(', '0x', '1e', '.5', '@', "N'", '\u00a0', '\u2028', 'é', '\0', ';', '=',
  "@provstr = N'Encrypt=no'", 'sqlguard-disable-next-line', 'CREATE ENDPOINT e STATE=STARTED AS TCP (LISTENER_PORT=5022) FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)\n',
];

function mutate(text: string, seed: number, edits: number): string {
  const r = rng(seed);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * text.length);
    if (r() < 0.3) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 5));
    else text = text.slice(0, at) + JUNK[Math.floor(r() * JUNK.length)] + text.slice(at);
  }
  return text;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function takeSnapshot(): Snapshot {
  const snapshot: Snapshot = {};
  for (const seed of [1, 7, 42, 99]) {
    const text = generateTsql(300_000, seed);
    analyseGroup(snapshot, `gen${seed}`, [['file:///g/a.sql', text]]);
    analyseGroup(snapshot, `plain${seed}`, [['file:///g/a.sql', generateTsql(200_000, seed, true)]]);
    for (const edits of [10, 200, 2000]) analyseGroup(snapshot, `mut${seed}-${edits}`, [['file:///g/a.sql', mutate(text.slice(0, 60_000), seed * 31 + edits, edits)]]);
    analyseGroup(snapshot, `md${seed}`, [['file:///g/a.md', '# x\n```sql\n' + mutate(text.slice(0, 20_000), seed, 50) + '\n```\ntext\n```tsql\nGO\n']]);
  }
  analyseGroup(snapshot, 'big', [['file:///g/big.sql', generateTsql(10 * 1024 * 1024, 42)]]);
  const fixtures = new Map<string, [string, string][]>();
  for (const path of filesUnder('test/fixtures')) {
    const folder = path.slice(0, path.lastIndexOf('/'));
    if (!fixtures.has(folder)) fixtures.set(folder, []);
    fixtures.get(folder)?.push([`file:///${path}`, readFileSync(path, 'utf8')]);
  }
  for (const [folder, files] of fixtures) analyseGroup(snapshot, folder, files);
  const services = new Map<string, [string, string][]>();
  for (const [path, text] of [...generateTree()].slice(0, 2500)) {
    const service = path.slice(0, path.indexOf('/'));
    if (!services.has(service)) services.set(service, []);
    services.get(service)?.push([`file:///tree/${path}`, text]);
  }
  for (const [service, files] of services) analyseGroup(snapshot, `tree-${service}`, files);
  return snapshot;
}

function compare(before: Snapshot, after: Snapshot): number {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  let differences = 0;
  for (const key of keys) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a === b) continue;
    if (++differences <= 10) console.log(`${key}\n  before: ${a?.slice(0, 300)}\n  after:  ${b?.slice(0, 300)}`);
  }
  return differences;
}

function main(): void {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'save' && command !== 'compare') || !file) {
    console.error('usage: findings-snapshot.js save|compare <file.json>');
    process.exit(2);
  }
  const snapshot = takeSnapshot();
  const entries = Object.keys(snapshot).length;
  if (command === 'save') {
    writeFileSync(file, JSON.stringify(snapshot));
    console.log(`${entries} entries saved to ${file}`);
    return;
  }
  const differences = compare(JSON.parse(readFileSync(file, 'utf8')) as Snapshot, snapshot);
  console.log(differences === 0 ? `${entries} entries, all the same as ${file}` : `${differences} of ${entries} entries differ from ${file}`);
  process.exit(differences === 0 ? 0 : 1);
}

main();
