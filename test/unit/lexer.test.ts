import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEAD_CANDIDATE, lex, STATEMENT_HEADS, Tok, UNTERMINATED } from '../../server/src/tsql/lexer';

function tokens(text: string): [string, string][] {
  const t = lex(text);
  const names = Object.fromEntries(Object.entries(Tok).map(([k, v]) => [v, k]));
  const out: [string, string][] = [];
  for (let i = 0; i < t.count; i++) out.push([names[t.kinds[i]], text.slice(t.starts[i], t.ends[i])]);
  return out;
}

test('words, punctuation and numbers with exact offsets', () => {
  assert.deepEqual(tokens('CREATE ENDPOINT e AS TCP (LISTENER_PORT=5022);'), [
    ['Word', 'CREATE'], ['Word', 'ENDPOINT'], ['Word', 'e'], ['Word', 'AS'], ['Word', 'TCP'], ['Punct', '('],
    ['Word', 'LISTENER_PORT'], ['Punct', '='], ['Number', '5022'], ['Punct', ')'], ['Punct', ';'],
  ]);
  assert.deepEqual(tokens('1.5e10 .5 0x1F2a 12'), [['Number', '1.5e10'], ['Number', '.5'], ['Number', '0x1F2a'], ['Number', '12']]);
});

test('strings: doubled quotes, N prefix, unterminated', () => {
  assert.deepEqual(tokens("'it''s' N'ünï' n'x'"), [['String', "'it''s'"], ['String', "N'ünï'"], ['String', "n'x'"]]);
  const t = lex("SELECT 'open");
  assert.equal(t.count, 2);
  assert.equal(t.flags[1] & UNTERMINATED, UNTERMINATED);
  assert.equal(t.ends[1], 12);
});

test('identifiers: brackets with ]], double quotes with "", variables, sqlcmd variables', () => {
  assert.deepEqual(tokens('[a]]b] "c""d" @v @@ERROR $(Port) #temp ##g'), [
    ['QuotedIdent', '[a]]b]'], ['QuotedIdent', '"c""d"'], ['Variable', '@v'], ['Variable', '@@ERROR'], ['SqlcmdVar', '$(Port)'], ['Word', '#temp'], ['Word', '##g'],
  ]);
});

test('comments: line, block, nested block, unterminated; kept aside from tokens', () => {
  const text = 'a -- x\nb /* 1 /* 2 */ still */ c /* open';
  const t = lex(text);
  assert.deepEqual(tokens(text), [['Word', 'a'], ['Word', 'b'], ['Word', 'c']]);
  assert.deepEqual(
    t.comments.map((c) => [text.slice(c.start, c.end), c.block, c.unterminated]),
    [['-- x', false, false], ['/* 1 /* 2 */ still */', true, false], ['/* open', true, true]],
  );
});

test('GO is a batch separator only alone on its line (with an optional count or comment)', () => {
  assert.deepEqual(tokens('SELECT 1\nGO\nSELECT 2\n  go 5 -- twice\nSELECT go\nGO;'), [
    ['Word', 'SELECT'], ['Number', '1'], ['Go', 'GO'], ['Word', 'SELECT'], ['Number', '2'], ['Go', 'go 5'], ['Word', 'SELECT'], ['Word', 'go'], ['Go', 'GO'], ['Punct', ';'],
  ]);
  assert.deepEqual(tokens('GO TO x'), [['Word', 'GO'], ['Word', 'TO'], ['Word', 'x']]);
  assert.deepEqual(tokens('/* c */ GO'), [['Word', 'GO']]);
});

test('sqlcmd command lines and CR / CRLF line ends', () => {
  assert.deepEqual(tokens(':setvar Port 5022\r\nGO\rSELECT :x'), [['SqlcmdCommand', ':setvar Port 5022'], ['Go', 'GO'], ['Word', 'SELECT'], ['Punct', ':'], ['Word', 'x']]);
});

test('never throws and always ends, whatever the input', () => {
  const nasty = ['', "'", '[', '"', '/*', '--', "N'", '$(', '$(x', '@', '0x', '.', '\u0000\u0001\uFEFF', '\uD800', '/*/*/*', ']]]]', '[[[['];
  for (const s of nasty) {
    const text = s + ' CREATE ' + s;
    const t = lex(text);
    for (let i = 0; i < t.count; i++) {
      assert.ok(t.starts[i] < t.ends[i] && t.ends[i] <= text.length, `bad token ${i} in ${JSON.stringify(text)}`);
    }
  }
});

test('tokens never overlap and stay inside the text', () => {
  const text = "CREATE ENDPOINT [x]] y] AS TCP(LISTENER_PORT=$(p)) -- c\n/* d */ FOR SERVICE_BROKER(ENCRYPTION=REQUIRED ALGORITHM AES) 'tail";
  const t = lex(text);
  let last = 0;
  for (let i = 0; i < t.count; i++) {
    assert.ok(t.starts[i] >= last, `token ${i} overlaps`);
    assert.ok(t.ends[i] <= text.length);
    last = t.ends[i];
  }
});

test('words with the first and last letter and the length of a statement head are flagged for the parser', () => {
  // case-insensitive; CRUDDE only looks like CREATE (the parser compares the whole word); a last character beyond
  // ASCII keeps a word (the parser upper-cases PARTNER, WITNESS and ENDPOINT_URL as Unicode does: ſ is S)
  const text = 'create CRUDDE Cxxxxx GRANT grants Region COUNT SELECT go [CREATE] @CREATE endpoint_url ÉNDPOINT_URL WITNEſſ\nGO';
  const t = lex(text);
  const flagged = [];
  for (let i = 0; i < t.count; i++) if (t.flags[i] & HEAD_CANDIDATE) flagged.push(text.slice(t.starts[i], t.ends[i]));
  assert.deepEqual(flagged, ['create', 'CRUDDE', 'GRANT', 'endpoint_url', 'WITNEſſ']);
  for (const head of STATEMENT_HEADS) assert.equal(lex(head.toLowerCase()).flags[0] & HEAD_CANDIDATE, HEAD_CANDIDATE, head);
});

test('text beyond ASCII lexes with the same offsets', () => {
  const text = "SELECT N'ünï', [é t], x\u00a0y, \u2028z /* ö */ 'a''b' -- ü\n\uD800w";
  assert.deepEqual(tokens(text), [
    ['Word', 'SELECT'], ['String', "N'ünï'"], ['Punct', ','], ['QuotedIdent', '[é t]'], ['Punct', ','], ['Word', 'x'], ['Word', 'y'],
    ['Punct', ','], ['Word', 'z'], ['String', "'a''b'"], ['Word', '\uD800w'],
  ]);
});
