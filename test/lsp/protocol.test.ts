/**
 * Protocol tests: the bundled dist/server.js as a real process, spoken to over stdio the way vscode-languageclient
 * does — initialize, didOpen → publishDiagnostics, hover, codeAction, didChange, didClose, shutdown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from '../helpers/lsp-client';

const principal = `USE master;
GO
CREATE ENDPOINT Mirroring
    STATE = STARTED
    AS TCP (LISTENER_PORT = 5022)
    FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = REQUIRED ALGORITHM RC4);
GO
`;

/** where `ALGORITHM RC4` sits in `principal` (0-based, as LSP counts) */
const RC4_LINE = 5;
const RC4_CHAR = principal.split('\n')[RC4_LINE].indexOf('ALGORITHM RC4');

describe('language server over stdio', () => {
  let client: LspTestClient;
  const uri = 'file:///workspace/dbm/principal.sql';

  before(async () => {
    client = new LspTestClient();
    const result = await client.initialize('file:///workspace');
    const caps = result.capabilities as Record<string, unknown>;
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.textDocumentSync, 2, 'incremental sync');
  });

  after(() => client.kill());

  test('didOpen publishes the RC4 diagnostic with its exact range', async () => {
    await client.open(uri, principal);
    const published = await client.diagnostics(uri, (d) => d.diagnostics.length > 0);
    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, d.source, d.range]),
      [['endpoint-rc4-algorithm', 2, 'sqlguard', { start: { line: RC4_LINE, character: RC4_CHAR }, end: { line: RC4_LINE, character: RC4_CHAR + 13 } }]],
    );
    assert.match(published.diagnostics[0].message, /ALGORITHM RC4/);
  });

  test('hover explains the algorithm', async () => {
    const hover = await client.connection.sendRequest<{ contents: { kind: string; value: string }; range: unknown } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: RC4_LINE, character: RC4_CHAR + 11 },
    });
    assert.ok(hover);
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /RC4: fast but weak/);
    assert.deepEqual(hover.range, { start: { line: RC4_LINE, character: RC4_CHAR + 10 }, end: { line: RC4_LINE, character: RC4_CHAR + 13 } });
  });

  test('codeAction offers the preferred AES fix; applying it via didChange clears the diagnostic', async () => {
    const { diagnostics } = client.published.get(uri)!;
    const actions = await client.connection.sendRequest<
      { title: string; kind: string; isPreferred?: boolean; diagnostics?: unknown[]; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[]
    >('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
    // the fix first, then the offer to suppress the rule on this line
    assert.deepEqual(actions.map((a) => a.title), ['Use ALGORITHM AES', 'Suppress endpoint-rc4-algorithm on this line']);
    const [action] = actions;
    assert.equal(action.title, 'Use ALGORITHM AES');
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, true);
    assert.equal(action.diagnostics?.length, 1);
    const edits = action.edit.changes[uri];
    assert.deepEqual(edits, [{ range: diagnostics[0].range, newText: 'ALGORITHM AES' }]);

    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
    });
    const after = await client.diagnostics(uri, (d) => d.version === 2);
    assert.deepEqual(after.diagnostics, []);
  });

  test('peers in one folder: an incompatible mirror lights up both files, with related information', async () => {
    const mirror = 'file:///workspace/dbm/mirror.sql';
    await client.open(mirror, 'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)\n    FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = DISABLED);\n');
    const mine = await client.diagnostics(mirror, (d) => d.diagnostics.some((x) => x.code === 'endpoint-incompatible-peers'));
    const peer = mine.diagnostics.find((x) => x.code === 'endpoint-incompatible-peers')!;
    assert.equal(peer.severity, 1);
    assert.equal(peer.relatedInformation?.[0].location.uri, uri);
    const theirs = await client.diagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'endpoint-incompatible-peers'));
    assert.match(theirs.diagnostics[0].message, /cannot connect with its peer Mirroring \(mirror\.sql\)/);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: mirror } });
    const cleared = await client.diagnostics(uri, (d) => !d.diagnostics.some((x) => x.code === 'endpoint-incompatible-peers'));
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('didClose clears the diagnostics', async () => {
    await client.open('file:///workspace/other.sql', 'ALTER ENDPOINT e FOR SERVICE_BROKER (ENCRYPTION = DISABLED)', 'sql');
    await client.diagnostics('file:///workspace/other.sql', (d) => d.diagnostics.length === 1);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///workspace/other.sql' } });
    await client.diagnostics('file:///workspace/other.sql', (d) => d.diagnostics.length === 0);
  });

  test('document symbols, definition and references over LSP', async () => {
    const setup = 'file:///workspace/certs/host_a.sql';
    const text = "USE master;\nCREATE CERTIFICATE HOST_A_cert WITH SUBJECT = 'a', EXPIRY_DATE = '20301231';\nCREATE ENDPOINT E AS TCP (LISTENER_PORT = 7024)\n  FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE HOST_A_cert, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);\n";
    await client.open(setup, text);
    await client.diagnostics(setup);
    const symbols = await client.connection.sendRequest<{ name: string; kind: number; selectionRange: { start: { line: number } } }[]>('textDocument/documentSymbol', { textDocument: { uri: setup } });
    assert.deepEqual(symbols.map((x) => [x.name, x.selectionRange.start.line]), [['HOST_A_cert', 1], ['E', 2]]);
    const useLine = 3;
    const useChar = text.split('\n')[useLine].indexOf('HOST_A_cert') + 2;
    const defs = await client.connection.sendRequest<{ uri: string; range: { start: { line: number; character: number } } }[]>('textDocument/definition', { textDocument: { uri: setup }, position: { line: useLine, character: useChar } });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line, d.range.start.character]), [[setup, 1, 19]]);
    const refs = await client.connection.sendRequest<unknown[]>('textDocument/references', { textDocument: { uri: setup }, position: { line: 1, character: 22 }, context: { includeDeclaration: true } });
    assert.equal(refs.length, 2);
  });

  test('requests for unopened documents answer empty results', async () => {
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.sql' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    const actions = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: 'file:///nowhere.sql' },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.deepEqual(actions, []);
  });

  test('settings pulled from the client change severities', async () => {
    const configured = new LspTestClient({ rules: { 'endpoint-rc4-algorithm': 'error' } });
    try {
      await configured.initialize(null);
      await configured.open('file:///x/a.sql', principal);
      const d = await configured.diagnostics('file:///x/a.sql', (p) => p.diagnostics.length > 0);
      assert.equal(d.diagnostics[0].severity, 1);
      assert.equal(await configured.shutdown(), 0);
    } finally {
      configured.kill();
    }
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});
