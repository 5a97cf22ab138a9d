/** Every rule has its documentation page, in the agreed shape, listed in the index. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules';

const HEADINGS = ['## Why it matters', '## Examples', '### Flagged', '### Secure', '## When it stays silent', '## Notes'];

for (const rule of RULES) {
  test(`docs/rules/${rule.id}.md`, () => {
    const path = `docs/rules/${rule.id}.md`;
    assert.ok(existsSync(path), `${path} is missing`);
    const text = readFileSync(path, 'utf8');
    assert.equal(text.split('\n')[0], `# \`${rule.id}\``);
    assert.match(text, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\b`));
    let last = -1;
    for (const h of HEADINGS) {
      const at = text.indexOf(`\n${h}\n`);
      assert.ok(at > last, `${h} missing or out of order`);
      last = at;
    }
  });
}

test('the rules index lists every rule', () => {
  const index = readFileSync('docs/rules/README.md', 'utf8');
  for (const rule of RULES) assert.ok(index.includes(`(${rule.id}.md)`), `${rule.id} missing from docs/rules/README.md`);
});
