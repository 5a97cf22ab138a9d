/**
 * Incremental parsing: parsing unit by unit gives what parsing the whole script gives, and a document edited many
 * times (re-lexing, re-parsing and re-using units, token arrays edited in place) analyses exactly like a fresh one.
 * Seeded (fast-check), so a failure replays.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { lex, type Tokens } from '../../server/src/tsql/lexer';
import { parseTokens } from '../../server/src/tsql/parser';
import { parseUnits, reparseUnits, shifted } from '../../server/src/tsql/incremental-parse';
import { relexOwned } from '../../server/src/tsql/incremental';
import { AnalysisService } from '../../server/src/service/service';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** Every .sql fixture: real statements of every kind the parsers know. */
const FIXTURES = readdirSync('test/fixtures/rules')
  .flatMap((dir) => readdirSync(join('test/fixtures/rules', dir)).filter((f) => f.endsWith('.sql')).map((f) => join('test/fixtures/rules', dir, f)))
  .sort()
  .map((f) => readFileSync(f, 'utf8'));

/** Pieces that move batch, statement, string, comment and parenthesis boundaries. */
const PIECES = [
  '\nGO\n', 'GO', '\n', '\r\n', ' ', ';', '(', ')', "'", "N'", '[', ']', '"', '/*', '*/', '--', 'x', '1',
  'USE master', 'USE [db]', 'USE x;', 'GRANT CONNECT (', 'GRANT CONNECT ON ENDPOINT::e TO public', 'ON ENDPOINT::m TO [l]',
  'CREATE ENDPOINT e AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)', 'CREATE CERTIFICATE c (',
  'CREATE MASTER KEY ENCRYPTION BY PASSWORD = ', "'p@ss'", 'ALTER ENDPOINT', 'SET PARTNER = ', "'TCP://host:5022'", ', ', '= ',
  "@provstr = N'Encrypt=no'", '@provider = ', '-- sqlguard-disable-next-line', '-- sqlguard-disable-line endpoint-encryption-disabled',
  'BEGIN DIALOG @h FROM SERVICE s TO SERVICE ', 'WITH ENCRYPTION = OFF', 'ROLE = ', 'AUTHENTICATION = WINDOWS NTLM',
  'SELECT (1', 'CREATE PROCEDURE p (', 'DENY CONNECT (a) ON ENDPOINT::e TO x', 'REVOKE', 'BACKUP CERTIFICATE c TO FILE = ',
];

const piece = fc.constantFrom(...PIECES);
/** a fixture with pieces inserted at random places, or pieces alone (in order, so that they can build statements) */
const script = fc.oneof(
  fc.tuple(fc.nat(FIXTURES.length - 1), fc.array(fc.tuple(fc.nat(), piece), { maxLength: 30 })).map(([f, inserts]) => {
    let text = FIXTURES[f];
    for (const [at, p] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + p + text.slice(i);
    }
    return text;
  }),
  fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(' ')),
);

/** Whatever the parser produced, as comparable data. */
function parsedOf(p: { statements: readonly unknown[]; problems: readonly unknown[] }): unknown {
  return { statements: p.statements, problems: p.problems };
}

test('parsing unit by unit equals parsing the whole script (random scripts of fixture statements and stray pieces)', () => {
  fc.assert(
    fc.property(script, (text) => {
      const tokens = lex(text);
      assert.deepEqual(parsedOf(parseUnits(tokens)), parsedOf(parseTokens(tokens)));
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('statements that run past GO inside parentheses are parsed unit-wise as whole (units do not end there)', () => {
  const crossing = [
    'GRANT CONNECT (a\nGO\n) ON ENDPOINT::e TO l;\nGO\nCREATE ENDPOINT x AS TCP (LISTENER_PORT = 1)',
    'GRANT CONNECT (a\nGO\nDENY CONNECT (b) ON ENDPOINT::e TO l\nGO\n',
    "CREATE CERTIFICATE c (\nGO\nWITH SUBJECT = 's'\nGO\n) CREATE LOGIN l WITH PASSWORD = 'p'\nGO\nCREATE USER u",
    "SELECT (1\nGO\nCREATE CERTIFICATE c WITH SUBJECT = 's'\nGO\n)\nGO\nUSE db\nGO\nCREATE MASTER KEY ENCRYPTION BY PASSWORD = 'x'",
    "USE a\nGO\nCREATE USER u (\nGO\nUSE b\nGO\n)\nGO\nCREATE USER v",
  ];
  for (const text of crossing) {
    const tokens = lex(text);
    assert.ok(parseTokens(tokens).statements.length > 0, text);
    assert.deepEqual(parsedOf(parseUnits(tokens)), parsedOf(parseTokens(tokens)), text);
  }
});

const edit = fc.record({ at: fc.nat(), cut: fc.oneof(fc.constant(0), fc.nat(12)), insert: fc.oneof(piece, fc.constant(''), fc.constantFrom('a', '0', ' ', '_', ',', '(', ')', '=')) });

function applyEdit(text: string, e: { at: number; cut: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.cut));
}

test('re-parsing the units an edit touched equals parsing the edited text whole, edit after edit', () => {
  fc.assert(
    fc.property(script, fc.array(edit, { minLength: 1, maxLength: 40 }), (start, edits) => {
      let text = start;
      let tokens: Tokens = lex(text);
      let units = parseUnits(tokens).units;
      for (const e of edits) {
        text = applyEdit(text, e);
        const change = relexOwned(tokens, text);
        const parsed = reparseUnits(units, change);
        const fresh = lex(text);
        assert.deepEqual(parsedOf(parsed), parsedOf(parseTokens(fresh)));
        assert.deepEqual(parsed.units.map((u) => [u.from, u.to]), parseUnits(fresh).units.map((u) => [u.from, u.to]));
        tokens = change.tokens;
        units = parsed.units;
      }
    }),
    { seed: SEED, numRuns: 150 },
  );
});

test('an edited document analyses exactly like a fresh one: statements, problems and findings after every edit', () => {
  const uri = 'file:///w/edited.sql';
  const peer = 'file:///w/peer.sql';
  fc.assert(
    fc.property(script, fc.array(edit, { minLength: 1, maxLength: 30 }), (start, edits) => {
      const edited = new AnalysisService({ reportUnusedSuppressions: true });
      edited.update({ uri: peer, text: FIXTURES[0], version: 1 });
      let text = start;
      edited.update({ uri, text, version: 1 });
      edited.analyze(uri);
      edits.forEach((e, n) => {
        text = applyEdit(text, e);
        edited.update({ uri, text, version: n + 2 });
        const fresh = new AnalysisService({ reportUnusedSuppressions: true });
        fresh.update({ uri: peer, text: FIXTURES[0], version: 1 });
        fresh.update({ uri, text });
        const a = edited.workspace.get(uri)!;
        const b = fresh.workspace.get(uri)!;
        assert.deepEqual(parsedOf(a.sql!), parsedOf(b.sql!), `edit ${n}`);
        assert.deepEqual(edited.analyzeAll(uri), fresh.analyzeAll(uri), `edit ${n}`);
        assert.deepEqual(edited.analyzeAll(peer), fresh.analyzeAll(peer), `edit ${n} (peer)`);
        assert.deepEqual(a.lineIndex.starts(), b.lineIndex.starts(), `edit ${n}`);
      });
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('shifting a parse result moves every offset and nothing else', () => {
  const parsed = parseTokens(lex(FIXTURES.join('\nGO\n')));
  const moved = parseTokens(lex(`\n\n\n${FIXTURES.join('\nGO\n')}`));
  assert.ok(parsed.statements.length > 20);
  assert.deepEqual(shifted(parsedOf(parsed), 3), parsedOf(moved));
});

test('suppressions updated around an edit equal a fresh search, directives cut, joined and moved across lines', async () => {
  const { findSuppressions, updatedSuppressions } = await import('../../server/src/service/suppressions');
  const { LineIndex } = await import('../../server/src/core/positions');
  const { commonEnds } = await import('../../server/src/tsql/incremental');
  const bits = ['sqlguard-disable-', 'y'.repeat(450), ' '.repeat(120), 'next-line', 'line', 'file', ' endpoint-rc4-algorithm', ', x-y', ' -- why', '\n', '\r\n', 'sqlguard-', 'disable-', 'x', ''];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...bits), { maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.nat(30), fc.constantFrom(...bits)), { minLength: 1, maxLength: 30 }), (start, edits) => {
      let text = start.join('');
      let list = findSuppressions(text, new LineIndex(text));
      for (const [at0, cut, insert] of edits) {
        const at = at0 % (text.length + 1);
        const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
        const lines = new LineIndex(next);
        const updated = updatedSuppressions(list, text, next, lines, commonEnds(text, next));
        assert.deepEqual(updated, findSuppressions(next, lines), JSON.stringify({ text, next }));
        text = next;
        list = updated;
      }
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('documents nobody edits give the same findings and positions after releaseUnedited() dropped what it could', () => {
  const service = new AnalysisService({ reportUnusedSuppressions: true });
  const uris = FIXTURES.slice(0, 6).map((_, i) => `file:///w/f/s${i}.sql`);
  uris.forEach((uri, i) => service.update({ uri, text: FIXTURES[i], version: 1 }));
  service.update({ uri: 'file:///w/f/edited.sql', text: FIXTURES[6], version: 3 });
  const before = [...uris, 'file:///w/f/edited.sql'].map((u) => ({ findings: service.analyzeAll(u), lines: service.workspace.get(u)!.lineIndex.starts() }));
  const editedIndex = service.workspace.get('file:///w/f/edited.sql')!.lineIndex;
  service.releaseUnedited();
  const after = [...uris, 'file:///w/f/edited.sql'].map((u) => ({ findings: service.analyzeAll(u), lines: service.workspace.get(u)!.lineIndex.starts() }));
  assert.deepEqual(after, before);
  // an edited document keeps its line index for the next edit; the others were rebuilt
  assert.equal(service.workspace.get('file:///w/f/edited.sql')!.lineIndex, editedIndex);
  assert.notEqual(after[0].findings, before[0].findings);
});

test('an edit that re-lexes hundreds of thousands of comments (no GO to stop at) does not overflow the stack', () => {
  const service = new AnalysisService();
  const uri = 'file:///w/comments.sql';
  let text = '--x\n'.repeat(200_000);
  const versions = [text, (text = `a${text}`), (text = `/* ${text}`), (text = text.slice(3))];
  versions.forEach((t, i) => {
    service.update({ uri, text: t, version: i + 2 });
    assert.deepEqual(service.analyze(uri), []);
    assert.equal(service.workspace.get(uri)!.sql!.tokens.comments.length, i === 2 ? 1 : 200_000);
  });
});
