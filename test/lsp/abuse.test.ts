/**
 * The language server under abuse: the bundled dist/server.js over stdio, fed what no well-behaved client sends —
 * garbage, malformed JSON-RPC, unknown methods, requests for documents it never saw, positions outside the text,
 * edit storms with cancellations, changes to unopened documents — and after each, it must still answer a hover on a
 * valid document correctly. Finally the client disappears and the server must exit by itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/apply-edits';
import { LineIndex } from '../../server/src/core/positions';
import { RawLspServer } from '../helpers/raw-lsp';

const URI = 'file:///abuse/dbm/principal.sql';
const TEXT = 'USE master;\nGO\nCREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)\n    FOR DATABASE_MIRRORING (ROLE = PARTNER, ENCRYPTION = REQUIRED ALGORITHM RC4);\nGO\n';
const RC4 = { line: 3, character: TEXT.split('\n')[3].indexOf('ALGORITHM RC4') + 11 };

/** A hover on `RC4` answers with the algorithm's documentation: the check after every abuse. */
async function assertHealthy(server: RawLspServer): Promise<void> {
  const r = await server.call('textDocument/hover', { textDocument: { uri: URI }, position: RC4 });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  const hover = r.result as { contents: { value: string }; range: { start: { line: number; character: number } } } | null;
  assert.ok(hover, 'a hover');
  assert.match(hover.contents.value, /RC4: fast but weak/);
  assert.deepEqual(hover.range.start, { line: RC4.line, character: RC4.character - 1 });
}

describe('language server under abuse', () => {
  let server: RawLspServer;

  before(async () => {
    server = new RawLspServer();
    await server.initialize('file:///abuse');
    server.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'sql', version: 1, text: TEXT } });
    await server.diagnostics(URI, (d) => d.diagnostics.length > 0);
    await assertHealthy(server);
  });

  after(() => server.kill());

  test('garbage bytes in a header block are dropped', async () => {
    server.write(Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0d, 0x0a, 0x0d, 0x0a]));
    server.write('\u00e9\u00e9 not a header at all\r\nnor: this\r\n\r\n');
    // vscode-jsonrpc drops the bad header block, but stops reading the chunk it came in: whatever arrived with it is
    // read when the client sends more, as a client always does. Keep sending a harmless notification until the
    // hover is answered (bounded), as an editor's next keystroke would.
    const id = server.request('textDocument/hover', { textDocument: { uri: URI }, position: RC4 });
    const answered = server.response(id);
    let done = false;
    void answered.then(() => (done = true));
    for (let i = 0; i < 100 && !done; i++) {
      server.notify('$/nudge', {});
      await Promise.race([answered, new Promise((r) => setImmediate(r))]);
    }
    const r = await answered;
    assert.match((r.result as { contents: { value: string } }).contents.value, /RC4: fast but weak/);
    await assertHealthy(server);
  });

  test('a body that is not JSON, with a correct Content-Length, is dropped', async () => {
    for (const body of ['{"jsonrpc":"2.0","id":5,"method":', 'not json', '\u0000\u0001', '{"a":' + '['.repeat(10_000)]) {
      const bytes = Buffer.from(body, 'utf8');
      server.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`), bytes]));
    }
    await assertHealthy(server);
  });

  test('JSON that is no JSON-RPC message, or a request with wrong params, gets an error or nothing — never a crash', async () => {
    for (const body of [[1, 2, 3], 42, null, 'text', { jsonrpc: '2.0' }, { jsonrpc: '2.0', id: {}, method: 'x' }, { jsonrpc: '1.0', id: 77, method: 'textDocument/hover' }]) server.send(body as object);
    for (const params of [null, 5, 'x', [], {}, { textDocument: null }, { textDocument: { uri: 42 }, position: 'here' }]) {
      const r = await server.call('textDocument/hover', params);
      assert.ok(r.result === null || r.error !== undefined, JSON.stringify(r));
    }
    for (const method of ['textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/definition', 'textDocument/references']) {
      const r = await server.call(method, { textDocument: { uri: URI } });
      assert.ok(r.error !== undefined || Array.isArray(r.result) || r.result === null, `${method}: ${JSON.stringify(r)}`);
    }
    await assertHealthy(server);
  });

  test('unknown methods: a request gets MethodNotFound, a notification is ignored', async () => {
    const r = await server.call('sqlTransportGuard/noSuchThing', { a: 1 });
    assert.equal(r.error?.code, -32601);
    server.notify('sqlTransportGuard/noSuchNotification', { a: 1 });
    server.notify('$/noSuchNotification', {});
    await assertHealthy(server);
  });

  test('requests for documents never opened answer empty results', async () => {
    const other = { uri: 'file:///abuse/never-opened.sql' };
    const origin = { line: 0, character: 0 };
    assert.equal((await server.call('textDocument/hover', { textDocument: other, position: origin })).result, null);
    assert.deepEqual((await server.call('textDocument/codeAction', { textDocument: other, range: { start: origin, end: origin }, context: { diagnostics: [] } })).result, []);
    assert.deepEqual((await server.call('textDocument/documentSymbol', { textDocument: other })).result, []);
    assert.deepEqual((await server.call('textDocument/definition', { textDocument: other, position: origin })).result, []);
    assert.deepEqual((await server.call('textDocument/references', { textDocument: other, position: origin, context: { includeDeclaration: true } })).result, []);
    await assertHealthy(server);
  });

  test('positions out of range (negative, past the end, huge) are clamped or answered empty', async () => {
    const positions = [
      { line: -1, character: -1 },
      { line: 0, character: -100 },
      { line: 3, character: 1e9 },
      { line: 1e9, character: 0 },
      { line: 2 ** 31, character: 2 ** 31 },
      { line: 1.5, character: 0.5 },
    ];
    for (const position of positions) {
      for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/references']) {
        const r = await server.call(method, { textDocument: { uri: URI }, position, context: { includeDeclaration: true } });
        assert.equal(r.error, undefined, `${method} at ${JSON.stringify(position)}: ${JSON.stringify(r.error)}`);
      }
    }
    const ranges = [
      { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } },
      { start: { line: -3, character: -3 }, end: { line: 1e9, character: 1e9 } },
    ];
    for (const range of ranges) {
      const r = await server.call('textDocument/codeAction', { textDocument: { uri: URI }, range, context: { diagnostics: [] } });
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      assert.ok(Array.isArray(r.result));
    }
    await assertHealthy(server);
  });

  test('a didChange for a document never opened is ignored', async () => {
    const uri = 'file:///abuse/ghost.sql';
    server.notify('textDocument/didChange', { textDocument: { uri, version: 7 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    server.notify('textDocument/didChange', { textDocument: { uri, version: 8 }, contentChanges: [{ text: 'CREATE ENDPOINT e AS TCP (LISTENER_PORT = 1) FOR SERVICE_BROKER (ENCRYPTION = DISABLED)' }] });
    server.notify('textDocument/didClose', { textDocument: { uri } });
    assert.equal((await server.call('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })).result, null);
    await assertHealthy(server);
  });

  test('an edit storm with cancelled hovers: every request answered once, the end state equals a fresh open', async () => {
    const uri = 'file:///abuse/storm/storm.sql';
    let text = TEXT;
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
    const ids: number[] = [];
    // a deterministic storm: insertions and deletions at moving places, a hover after each, every other one cancelled
    for (let v = 2; v <= 200; v++) {
      const index = new LineIndex(text);
      const at = (v * 7919) % (text.length + 1);
      const del = v % 3 === 0 ? Math.min(3, text.length - at) : 0;
      const insert = v % 3 === 0 ? '' : ['AES', ' ', "'", '\n', 'RC4', '/*', '*/', ','][v % 8];
      const range = { start: index.positionAt(at), end: index.positionAt(at + del) };
      server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: insert }] });
      text = applyEdits(text, [{ start: at, end: at + del, newText: insert }]);
      const id = server.request('textDocument/hover', { textDocument: { uri }, position: index.positionAt(at) });
      ids.push(id);
      if (v % 2 === 0) server.notify('$/cancelRequest', { id });
    }
    const responses = await Promise.all(ids.map((id) => server.response(id)));
    for (const r of responses) {
      // answered (null or a hover), or cancelled before it ran (RequestCancelled, -32800): nothing else
      assert.ok(r.error === undefined || r.error.code === -32800, JSON.stringify(r.error));
    }
    assert.equal(server.received.filter((m) => m.method === undefined && ids.includes(m.id as number)).length, ids.length, 'one response per request');
    const live = await server.diagnostics(uri, (d) => d.version === 200);
    // the same text opened fresh under another name in another folder gives the same diagnostics
    const fresh = 'file:///abuse/fresh/storm.sql';
    server.notify('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'sql', version: 1, text } });
    const expected = await server.diagnostics(fresh);
    assert.deepEqual(live.diagnostics, expected.diagnostics);
    await assertHealthy(server);
  });

  test('a document over maxFileSize gets a notice instead of findings, and the server goes on', async () => {
    const uri = 'file:///abuse/huge.sql';
    const big = TEXT + '-- padding\n'.repeat(420_000);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text: big } });
    const d = await server.diagnostics(uri);
    assert.equal(d.diagnostics.length, 1);
    assert.match(d.diagnostics[0].message, /skipped this file: \d+ characters is over the 4194304 limit/);
    await assertHealthy(server);
  });

  test('nothing above reached stderr as a crash, and the server is still running', () => {
    assert.equal(server.process.exitCode, null);
    assert.doesNotMatch(server.stderr, /uncaught|TypeError|RangeError/i);
    const logged = server.received.filter((m) => m.method === 'window/logMessage').map((m) => (m.params as { message: string }).message);
    assert.deepEqual(logged.filter((l) => /uncaught/i.test(l)), []);
  });
});

describe('a client that disappears', () => {
  test('closing the server’s stdin ends the process by itself', async () => {
    const server = new RawLspServer();
    try {
      await server.initialize(null);
      server.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'sql', version: 1, text: TEXT } });
      await assertHealthy(server);
      server.process.stdin.end();
      // waits on the 'exit' event; the guard only turns a server that never exits into a failure
      let guard: NodeJS.Timeout | undefined;
      const exit = await Promise.race([server.exited, new Promise<'still running'>((r) => (guard = setTimeout(() => r('still running'), 20_000)))]);
      clearTimeout(guard);
      assert.notEqual(exit, 'still running');
      // no shutdown request came first: exit code 1, as the LSP specification asks
      assert.deepEqual(exit, { code: 1, signal: null });
    } finally {
      server.kill();
    }
  });

  test('a client that sends broken framing (a non-numeric Content-Length) and leaves: no crash, and the server exits', async () => {
    const server = new RawLspServer();
    try {
      await server.initialize(null);
      server.write('Content-Length: abc\r\n\r\n{}');
      server.write('Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
      server.process.stdin.end();
      let guard: NodeJS.Timeout | undefined;
      const exit = await Promise.race([server.exited, new Promise<'still running'>((r) => (guard = setTimeout(() => r('still running'), 20_000)))]);
      clearTimeout(guard);
      assert.deepEqual(exit, { code: 1, signal: null });
      assert.doesNotMatch(server.stderr, /uncaught|TypeError/i);
    } finally {
      server.kill();
    }
  });
});
