/** The invariant of ARCHITECTURE.md: the analysis core imports neither 'vscode' nor 'vscode-languageserver*'. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const CORE = ['core', 'tsql', 'connection-strings', 'rules', 'knowledge', 'workspace', 'service'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('the core imports no editor or LSP module, and no node I/O', () => {
  const offenders: string[] = [];
  let checked = 0;
  for (const folder of CORE) {
    const dir = join('server/src', folder);
    let files: string[] = [];
    try {
      files = tsFiles(dir);
    } catch {
      continue;
    }
    for (const file of files) {
      checked++;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (/^vscode(-languageserver.*|-languageclient.*|-jsonrpc.*)?$/.test(spec) || /^(node:)?(fs|child_process|net|http|https|worker_threads)$/.test(spec)) {
          offenders.push(`${file}: ${spec}`);
        }
      }
    }
  }
  assert.ok(checked > 10, `only ${checked} core files found`);
  assert.deepEqual(offenders, []);
});

test('only server.ts and lsp/ import vscode-languageserver; only the client imports vscode', () => {
  const offenders: string[] = [];
  for (const file of tsFiles('server/src')) {
    const text = readFileSync(file, 'utf8');
    if (/from ['"]vscode-languageserver/.test(text) && !/server[\\/]src[\\/](server\.ts|lsp[\\/])/.test(file)) offenders.push(file);
    if (/from ['"]vscode['"]/.test(text)) offenders.push(file);
  }
  assert.deepEqual(offenders, []);
});
