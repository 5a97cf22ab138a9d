/** Every snippet, expanded with its defaults, produces T-SQL that parses cleanly and earns no warning or error. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { serviceWithText } from '../helpers/workspace';

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

/** Expands a TextMate snippet body the way VS Code does when the user accepts every default. */
export function expandWithDefaults(body: string): string {
  let out = body;
  for (let i = 0; i < 5; i++) {
    out = out.replace(/\$\{\d+\|([^|,}]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return out.replace(/\$\{\d+\}|(?<!\\)\$\d+/g, '').replace(/\\\$/g, '$');
}

const snippets = JSON.parse(readFileSync('snippets/tsql.json', 'utf8')) as Record<string, Snippet>;

test('snippet expansion helper handles placeholders, choices and tab stops', () => {
  assert.equal(expandWithDefaults('A ${1:x} ${2|P,Q|} $0 ${3}'), 'A x P  ');
  assert.equal(expandWithDefaults("'\\$(${1:Var})'"), "'$(Var)'");
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to secure, valid T-SQL`, () => {
    const text = expandWithDefaults(snippet.body.join('\n'));
    assert.doesNotMatch(text, /\$\{|\$\d/, 'every placeholder expanded');
    const { service, uri } = serviceWithText(text, 'snippet.sql');
    const serious = service.analyze(uri).filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.deepEqual(serious.map((f) => `${f.rule}: ${f.message}`), []);
    const sql = service.workspace.get(uri)!.sql!;
    assert.deepEqual(sql.problems, []);
    assert.ok(sql.statements.length >= 1, 'the snippet holds statements the analysis understands');
  });
}
