/** The injection grammar, checked with vscode-tmgrammar-test against annotated SQL (test/grammar/*.test.sql). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('syntax tests of the SQL injection grammar pass', () => {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vscode-tmgrammar-test/dist/unit.js', '--config', 'package.json', '-g', 'test/grammar/sql-base.tmLanguage.json', 'test/grammar/*.test.sql'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /endpoint\.test\.sql/);
});
