/** Re-lexing only the batches an edit touched gives exactly what lexing the whole text gives. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { relex } from '../../server/src/tsql/incremental';
import { lex, type Tokens } from '../../server/src/tsql/lexer';
import { AnalysisService } from '../../server/src/service/service';
import { rng } from '../helpers/rng';

function snapshot(t: Tokens): string {
  const rows: string[] = [];
  for (let i = 0; i < t.count; i++) rows.push(`${t.kinds[i]}:${t.starts[i]}-${t.ends[i]}:${t.flags[i]}`);
  return `${rows.join(' ')} | ${t.comments.map((c) => `${c.start}-${c.end}${c.unterminated ? '!' : ''}`).join(' ')}`;
}

const PIECES = ['\nGO\n', '/*', '*/', "'", "N'", '[', ']', '"', '--', '\n', ' ', 'x', 'CREATE ENDPOINT e', ';', '\r\n', 'GO 2', '$(', ')'];
const BASE = readFileSync('test/fixtures/rules/endpoint-syntax/syntax.sql', 'utf8') + readFileSync('test/fixtures/rules/mentions-only/mentions.sql', 'utf8');

test('relex equals lex after 2,000 random edits, including ones that open comments and strings across GO', () => {
  const r = rng(20261122);
  let text = BASE;
  let tokens = lex(text);
  for (let n = 0; n < 2000; n++) {
    const at = Math.floor(r() * (text.length + 1));
    const cut = r() < 0.4 ? Math.floor(r() * 12) : 0;
    const insert = r() < 0.8 ? PIECES[Math.floor(r() * PIECES.length)] : '';
    const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + cut));
    const incremental = relex(tokens, next);
    assert.equal(snapshot(incremental), snapshot(lex(next)), `edit ${n} at ${at}: ${JSON.stringify(insert)} (cut ${cut})`);
    text = next;
    tokens = incremental;
  }
});

test('an edited document analyses exactly like a fresh one', () => {
  const r = rng(7);
  const edited = new AnalysisService();
  let text = BASE;
  // versions as an editor sends them: edited documents (version > 1) keep their tokens and re-lex incrementally
  edited.update({ uri: 'file:///w/a.sql', text, version: 1 });
  edited.analyze('file:///w/a.sql');
  for (let n = 0; n < 200; n++) {
    const at = Math.floor(r() * (text.length + 1));
    text = text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at + (r() < 0.3 ? 3 : 0));
    edited.update({ uri: 'file:///w/a.sql', text, version: n + 2 });
    const fresh = new AnalysisService();
    fresh.update({ uri: 'file:///w/a.sql', text });
    assert.deepEqual(edited.analyze('file:///w/a.sql'), fresh.analyze('file:///w/a.sql'), `edit ${n}`);
  }
});

test('line starts updated after an edit equal a fresh index, CR, LF and CRLF included', async () => {
  const { LineIndex } = await import('../../server/src/core/positions');
  const { commonEnds } = await import('../../server/src/tsql/incremental');
  const r = rng(99);
  let text = 'a\r\nb\rc\nd\r\n\r\ne';
  let index = new LineIndex(text);
  const bits = ['\r', '\n', '\r\n', 'x', '', 'yz\r\n'];
  for (let n = 0; n < 3000; n++) {
    const at = Math.floor(r() * (text.length + 1));
    const next = text.slice(0, at) + bits[Math.floor(r() * bits.length)] + text.slice(Math.min(text.length, at + Math.floor(r() * 3)));
    const edit = commonEnds(text, next);
    const updated = new LineIndex(next, { index, ...edit });
    assert.deepEqual(updated.starts(), new LineIndex(next).starts(), `edit ${n}: ${JSON.stringify(text)} → ${JSON.stringify(next)}`);
    text = next;
    index = updated;
  }
});

test('versions that were never analysed in between still analyse like fresh documents', () => {
  const service = new AnalysisService();
  const uri = 'file:///w/b.sql';
  const a = BASE;
  const b = BASE.replace('ALGORITHM AES', 'ALGORITHM RC4');
  const c = `${BASE}\nALTER ENDPOINT x FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)\n`;
  service.update({ uri, text: a, version: 2 });
  service.analyze(uri);
  service.workspace.get(uri)!.lineIndex;
  service.update({ uri, text: b, version: 3 }); // not analysed
  service.update({ uri, text: c, version: 4 });
  const fresh = new AnalysisService();
  fresh.update({ uri, text: c });
  assert.deepEqual(service.analyze(uri), fresh.analyze(uri));
  assert.deepEqual(service.workspace.get(uri)!.lineIndex.starts(), fresh.workspace.get(uri)!.lineIndex.starts());
});
