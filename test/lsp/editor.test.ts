/**
 * Editor features over LSP against dist/server.js: the workspace scan (diagnostics for files that are not open, peers
 * found on disk, file watching), completion, fix-all, the report request, the status notification and suppressions.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from '../helpers/lsp-client';

const PRINCIPAL = 'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)\n  FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = REQUIRED ALGORITHM AES);\n';
const MIRROR = 'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)\n  FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = DISABLED);\n';

describe('editor features over LSP', () => {
  let root: string;
  let client: LspTestClient;
  const statuses: { files: number; rules: number }[] = [];
  let statusWaiter: (() => void) | undefined;
  /** resolves once a status notification satisfying `ok` has arrived (they follow the diagnostics of a round) */
  const statusWhere = (ok: (s: { files: number; rules: number }) => boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching status: ${JSON.stringify(statuses.slice(-3))}`)), 15000);
      const check = (): void => {
        if (statuses.some(ok)) {
          clearTimeout(timer);
          statusWaiter = undefined;
          resolve();
        } else statusWaiter = check;
      };
      check();
    });
  const uri = (name: string): string => pathToFileURL(join(root, name)).href;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sqlguard-lsp-'));
    mkdirSync(join(root, 'dbm'));
    writeFileSync(join(root, 'dbm', 'principal.sql'), PRINCIPAL);
    writeFileSync(join(root, 'dbm', 'mirror.sql'), MIRROR);
    writeFileSync(join(root, 'app.properties'), 'spring.datasource.url=jdbc:sqlserver://db;encrypt=false\n');
    client = new LspTestClient();
    client.connection.onNotification('sqlTransportGuard/status', (p: { files: number; rules: number }) => {
      statuses.push(p);
      statusWaiter?.();
    });
    await client.initialize(pathToFileURL(root).href);
  });

  after(() => {
    client.kill();
    rmSync(root, { recursive: true, force: true });
  });

  test('the workspace scan publishes diagnostics for files that are not open, peers included', async () => {
    const props = await client.diagnostics(uri('app.properties'), (d) => d.diagnostics.length > 0);
    assert.equal(props.diagnostics[0].code, 'connection-encrypt-disabled');
    const principal = await client.diagnostics(uri('dbm/principal.sql'), (d) => d.diagnostics.some((x) => x.code === 'endpoint-incompatible-peers'));
    assert.match(principal.diagnostics.find((x) => x.code === 'endpoint-incompatible-peers')!.message, /mirror\.sql/);
    await statusWhere((s) => s.files >= 3 && s.rules > 30);
  });

  test('a file changed on disk is re-read (file watching)', async () => {
    writeFileSync(join(root, 'dbm', 'mirror.sql'), MIRROR.replace('DISABLED', 'REQUIRED ALGORITHM AES'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('dbm/mirror.sql'), type: 2 }] });
    await client.diagnostics(uri('dbm/principal.sql'), (d) => d.diagnostics.length === 0);
    rmSync(join(root, 'app.properties'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('app.properties'), type: 3 }] });
    await client.diagnostics(uri('app.properties'), (d) => d.diagnostics.length === 0);
  });

  test('completion after ALGORITHM offers AES first and RC4 deprecated', async () => {
    const u = 'untitled:Untitled-1';
    const text = 'ALTER ENDPOINT e FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM ';
    await client.open(u, text);
    await client.diagnostics(u);
    const items = await client.connection.sendRequest<{ label: string; sortText?: string; tags?: number[] }[]>('textDocument/completion', {
      textDocument: { uri: u },
      position: { line: 0, character: text.length },
    });
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.equal(sorted[0].label, 'AES');
    assert.deepEqual(sorted.find((i) => i.label === 'RC4')?.tags, [1]);
  });

  test('source.fixAll.sqlTransportGuard fixes the whole file in one action', async () => {
    const u = 'untitled:Untitled-2';
    await client.open(u, 'ALTER ENDPOINT e FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NTLM, ENCRYPTION = REQUIRED ALGORITHM RC4)\n');
    await client.diagnostics(u, (d) => d.diagnostics.length === 2);
    const actions = await client.connection.sendRequest<{ title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.sqlTransportGuard');
    assert.deepEqual(actions[0].edit.changes[u].map((e) => e.newText).sort(), ['ALGORITHM AES', 'NEGOTIATE']);
  });

  test('an unused suppression is a faded hint', async () => {
    const u = 'untitled:Untitled-3';
    await client.open(u, '-- sqlguard-disable-next-line endpoint-rc4-algorithm -- old\nSELECT 1;\n');
    const d = await client.diagnostics(u, (p) => p.diagnostics.length === 1);
    const diag = d.diagnostics[0] as { code?: string; severity?: number; tags?: number[] };
    assert.deepEqual([diag.code, diag.severity, diag.tags], ['unused-suppression', 4, [1]]);
  });

  test('the report request returns the transport security report', async () => {
    const report = await client.connection.sendRequest<{ markdown: string }>('sqlTransportGuard/report', {});
    assert.match(report.markdown, /^# Transport security report/);
    assert.match(report.markdown, /\| Mirroring \| dbm\/mirror\.sql \| DATABASE_MIRRORING \|/);
  });
});
