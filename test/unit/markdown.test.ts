import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskMarkdownToSql } from '../../server/src/service/documents';
import { serviceWithText } from '../helpers/workspace';

const runbook = `# Runbook

Set up mirroring with \`ALGORITHM RC4\` — no, never:

\`\`\`sql
CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)
    FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4);
\`\`\`

\`\`\`powershell
# ENCRYPTION = DISABLED here is PowerShell, not SQL
\`\`\`

~~~tsql
ALTER ENDPOINT Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED);
~~~
`;

test('only sql/tsql fences are analysed, at their real offsets', () => {
  const { service, uri } = serviceWithText(runbook, 'runbook.md');
  const findings = service.analyze(uri);
  assert.deepEqual(findings.map((f) => [f.rule, runbook.slice(f.span.start, f.span.end)]), [
    ['endpoint-rc4-algorithm', 'ALGORITHM RC4'],
    ['endpoint-encryption-disabled', 'DISABLED'],
  ]);
});

test('masking keeps length and line breaks', () => {
  const masked = maskMarkdownToSql(runbook);
  assert.equal(masked.length, runbook.length);
  assert.deepEqual(masked.split('\n').length, runbook.split('\n').length);
  assert.ok(!masked.includes('Runbook'));
});

test('an unclosed fence runs to the end, as Markdown renders it', () => {
  const text = '```sql\nALTER ENDPOINT m FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED)\n';
  const { service, uri } = serviceWithText(text, 'open.md');
  assert.deepEqual(service.analyze(uri).map((f) => f.rule), ['endpoint-encryption-disabled']);
});

test('each fence is its own script: alternative examples are not duplicate endpoints', () => {
  const create = 'CREATE ENDPOINT M AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES)\n';
  const doc = `Bad:\n\n\`\`\`sql\n${create}\`\`\`\n\nGood:\n\n\`\`\`sql\n${create}\`\`\`\n`;
  const { service, uri } = serviceWithText(doc, 'guide.md');
  assert.deepEqual(service.analyze(uri), []);
  const twice = `\`\`\`sql\n${create}${create.replace('M AS', 'N AS')}\`\`\`\n`;
  const same = serviceWithText(twice, 'one-fence.md');
  assert.deepEqual(same.service.analyze(same.uri).map((f) => f.rule), ['endpoint-duplicate-mirroring']);
});
