/**
 * The language server started as the extension starts it (lsp/launch.ts): with a code cache folder, the first session
 * writes V8's code cache after its first analysis and the next runs from it, with the same diagnostics; and after a
 * burst of analysis, once idle, it compacts its heap.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from '../helpers/lsp-client';

const script = `CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022)
    FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = REQUIRED ALGORITHM RC4);
`;
const uri = 'file:///workspace/dbm/principal.sql';

async function session(cacheDir: string): Promise<{ diagnostics: PublishedDiagnostics['diagnostics']; logs: string[] }> {
  const client = new LspTestClient({}, process.cwd(), { codeCacheDir: cacheDir });
  try {
    await client.initialize(null);
    await client.open(uri, script);
    const published = await client.diagnostics(uri, (d) => d.diagnostics.length > 0);
    assert.equal(await client.shutdown(), 0);
    return { diagnostics: published.diagnostics, logs: client.logs };
  } finally {
    client.kill();
  }
}

describe('language server as the extension starts it', () => {
  const cacheDir = join(mkdtempSync(join(tmpdir(), 'sqlguard-lsp-cache-')), 'code-cache');
  after(() => rmSync(join(cacheDir, '..'), { recursive: true, force: true }));

  test('the first session writes the cache, the second uses it, with the same diagnostics', async () => {
    const first = await session(cacheDir);
    assert.ok(first.logs.some((l) => l.startsWith('code cache written: ')), first.logs.join('\n'));
    assert.equal(readdirSync(cacheDir).filter((f) => /^server-main-[0-9a-f]{16}\.cache$/.test(f)).length, 1);
    const second = await session(cacheDir);
    assert.ok(second.logs.some((l) => l.startsWith('code cache used: ')), second.logs.join('\n'));
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.ok(first.diagnostics.some((d) => d.code === 'endpoint-rc4-algorithm'));
  });

  test('after a burst of analysis the idle server compacts its heap', async () => {
    const client = new LspTestClient();
    try {
      await client.initialize(null);
      // a burst like opening a large folder of scripts: 120 documents of ≈ 140 kB (17 MB), each with an endpoint now
      // and then (a smaller burst grows the heap too little to be worth a collection)
      const block = `CREATE PROCEDURE dbo.p AS\nBEGIN\n  SELECT a, b, 'text' FROM dbo.t WHERE c = 1; -- note\n  UPDATE dbo.t SET b = 2 WHERE a = 3;\nEND\nGO\n`;
      const uris = Array.from({ length: 120 }, (_, i) => `file:///workspace/burst/f${i % 12}/s${i}.sql`);
      const published = uris.map((u) => client.diagnostics(u, (d) => d.diagnostics.length > 0, 60_000));
      for (const [i, u] of uris.entries()) await client.open(u, Array.from({ length: 1000 }, (_, k) => (k % 250 === i % 250 ? script : block)).join(''));
      await Promise.all(published);
      const message = await client.log((m) => m.startsWith('heap compacted'), 30_000);
      const [, before, after] = /: ([\d.]+) MB → ([\d.]+) MB/.exec(message) ?? [];
      assert.ok(Number(after) < Number(before), message);
    } finally {
      client.kill();
    }
  });
});
