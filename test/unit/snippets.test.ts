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

/** Mirror placeholders (`$1` after `${1:x}`) take the first value, as in the editor. */
function expandMirrors(body: string): string {
  const values = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):([^${}]*)\}/g)) if (!values.has(m[1])) values.set(m[1], m[2]);
  return body.replace(/\$\{(\d+):\$(\d+)\}/g, (_, _n: string, ref: string) => values.get(ref) ?? '').replace(/(?<!\\)\$([1-9]\d*)/g, (_, n: string) => values.get(n) ?? '');
}

const HOSTED: [string, string][] = [
  ['snippets/jdbc-java.json', 'Snippet.java'],
  ['snippets/jdbc-properties.json', 'application.properties'],
  ['snippets/jdbc-yaml.json', 'application.yml'],
];
for (const [file, host] of HOSTED) {
  const defs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>;
  for (const [name, snippet] of Object.entries(defs)) {
    test(`snippet "${name}" (${file}) expands to a connection with no warning`, () => {
      let text = expandWithDefaults(expandMirrors(snippet.body.join('\n')));
      if (host.endsWith('.java') && text.startsWith('"')) text = `String url = ${text};\n`;
      const { service, uri } = serviceWithText(text, host);
      assert.ok(service.workspace.connections(service.workspace.get(uri)!).length >= 1, `no connection string found in:\n${text}`);
      const serious = service.analyze(uri).filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(serious.map((f) => `${f.rule}: ${f.message}`), []);
    });
  }
}

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
