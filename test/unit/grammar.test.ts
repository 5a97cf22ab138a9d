/** The injection grammars, checked with vscode-tmgrammar-test against annotated files (test/grammar/*.test.*). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('syntax tests of the injection grammars pass', () => {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vscode-tmgrammar-test/dist/unit.js', '--config', 'package.json', '-g', 'test/grammar/sql-base.tmLanguage.json', '-g', 'test/grammar/java-base.tmLanguage.json', 'test/grammar/*.test.*'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /endpoint\.test\.sql/);
  assert.match(r.stdout, /jdbc\.test\.java/);
});
