/**
 * Profiling helpers behind the "What we found when profiling" section of docs/performance.md (not part of
 * `npm run bench`; the .cpuprofile files stay in bench/.work/, which is git-ignored).
 *
 *   node esbuild.mjs --bench
 *   node --cpu-prof --cpu-prof-dir=bench/.work/profiles out/bench/profile.js analysis        5 full analyses of 10 MB
 *   node --cpu-prof --cpu-prof-dir=bench/.work/profiles dist/cli.js --fail-on never bench/.work/tree > /dev/null
 *                                                      (the tree is written by `node out/bench/perf.js 4`)
 *   node out/bench/profile.js lsp         the server under --cpu-prof: open the 50,000-line document, 200 edits
 *                                         (the profile lands in bench/.work/profiles/lsp/)
 *   node out/bench/profile.js top bench/.work/profiles/<file>.cpuprofile [count]
 *
 * `top` lists functions by self time, each with the source module it was bundled from (esbuild's `// path.ts`
 * comments in an unminified bundle).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_EXEC_ARGV } from '../server/src/lsp/launch';
import { oneCharEdit, tsqlLines } from './lib/lsp';
import { fullAnalysis } from './lib/analysis';
import { MiB } from './lib/util';
import { generateTsql, rng } from './workload';

/** The edit loop of figure 3 against a server started with --cpu-prof (LspTestClient cannot pass node flags). */
async function profileLsp(): Promise<void> {
  const server = spawn(process.execPath, [...SERVER_EXEC_ARGV, '--cpu-prof', '--cpu-prof-dir=bench/.work/profiles/lsp', resolve('dist/server.js'), '--stdio'], { stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const waiting = new Map<number, () => void>();
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => {
    if (p.version !== undefined) waiting.get(p.version)?.();
  });
  conn.listen();
  const published = (version: number): Promise<void> => new Promise((r) => waiting.set(version, r));
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const uri = 'file:///bench/lsp/big.sql';
  let text = tsqlLines(50_000, 7);
  const first = published(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
  await first;
  const r = rng(2024);
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) {
    const version = i + 2;
    const edit = oneCharEdit(text, r);
    text = edit.text;
    const done = published(version);
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit.change] });
    await done;
  }
  console.log(`200 edits in ${(performance.now() - t0).toFixed(0)} ms; the profile is written when the server exits`);
  const exited = new Promise((r) => server.once('exit', r));
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const moduleCache = new Map<string, string[]>();
/** The source module of a line of an unminified esbuild bundle: the nearest `// some/path.ts` comment above it. */
function moduleOf(url: string, line: number): string {
  if (!url.startsWith('file://')) return url || '(native)';
  const path = fileURLToPath(url);
  let lines = moduleCache.get(path);
  if (!lines) {
    lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
    moduleCache.set(path, lines);
  }
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const m = /^\/\/ ((?:\.\.\/)*[\w@./-]+\.[cm]?[jt]s)$/.exec(lines[i]);
    if (m) return m[1].replace(/^(\.\.\/)+/, '');
  }
  return path.replace(process.cwd() + '/', '');
}

export function top(file: string, count: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const agg = new Map<string, { name: string; where: string; us: number }>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    const name = f.functionName || (f.url ? '(anonymous)' : '(program)');
    const where = f.url ? `${moduleOf(f.url, f.lineNumber)}${f.url.startsWith('file://') ? ` (${f.url.slice(f.url.lastIndexOf('/') + 1)}:${f.lineNumber + 1})` : ''}` : '';
    const key = `${name}@${f.url}:${f.lineNumber}`;
    const a = agg.get(key) ?? { name, where, us: 0 };
    a.us += us;
    agg.set(key, a);
  }
  const rows = [...agg.values()].sort((a, b) => b.us - a.us).slice(0, count);
  return [
    `${file}: ${(total / 1000).toFixed(0)} ms sampled`,
    ...rows.map((r) => `${((r.us / total) * 100).toFixed(1).padStart(5)}%  ${(r.us / 1000).toFixed(0).padStart(6)} ms  ${r.name}  ${r.where}`),
  ];
}

function main(): void {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'analysis') {
    const text = generateTsql(10 * MiB);
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const n = fullAnalysis(text);
      console.log(`full analysis of ${(text.length / MiB).toFixed(1)} MB: ${(performance.now() - t0).toFixed(0)} ms, ${n} findings`);
    }
  } else if (mode === 'lsp') {
    profileLsp().catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else if (mode === 'top' && rest[0]) {
    for (const line of top(rest[0], Number(rest[1] ?? 25))) console.log(line);
  } else {
    console.error('usage: node out/bench/profile.js analysis | lsp | top <file.cpuprofile> [count]');
    process.exit(2);
  }
}

main();
