/** Config discovery: each file uses the nearest .sqlguard.json above it (or --config for all); bad configs exit 2. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { project, RC4, run } from './helpers';

function severities(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { file: string; rule: string; severity: string }[] }).findings.map((f) => `${f.file} ${f.severity}`);
}

describe('sqlguard configuration', () => {
  const tree = {
    'a/.sqlguard.json': JSON.stringify({ rules: { 'endpoint-rc4-algorithm': 'error' } }),
    'a/x.sql': RC4,
    'a/nested/y.sql': RC4,
    'b/.sqlguard.json': JSON.stringify({ rules: { 'endpoint-rc4-algorithm': 'off' }, exclude: ['skipped/**'] }),
    'b/x.sql': RC4,
    'b/skipped/x.sql': RC4,
    'c/x.sql': RC4,
    'other.json': JSON.stringify({ rules: { 'endpoint-rc4-algorithm': 'info' } }),
  };

  test('files under different configs use their own, whether named, in named folders or found by walking', () => {
    const root = project(tree);
    const expected = ['a/nested/y.sql error', 'a/x.sql error', 'c/x.sql warning'];
    assert.deepEqual(severities(run(['--format', 'json', '.'], root).stdout), expected);
    assert.deepEqual(severities(run(['--format', 'json', 'a', 'b', 'c'], root).stdout), expected);
    assert.deepEqual(severities(run(['--format', 'json', 'c/x.sql', 'b/x.sql', 'a/x.sql'], root).stdout), ['c/x.sql warning', 'a/x.sql error']);
    const fromInside = run(['--format', 'json', '.'], join(root, 'a', 'nested'));
    assert.deepEqual(severities(fromInside.stdout), ['y.sql error'], 'discovered upward from the scanned path');
  });

  test('a nested config governs its subtree, and globs are relative to the folder of their config', () => {
    const root = project({ ...tree, 'c/skip/x.sql': RC4, '.sqlguard.json': JSON.stringify({ rules: { 'endpoint-rc4-algorithm': 'hint' }, exclude: ['c/skip/**', 'a/nested/**'] }) });
    // a/ has its own config, so the root's exclude of a/nested does not reach into it (configs do not inherit).
    assert.deepEqual(severities(run(['--format', 'json', '.'], root).stdout), ['a/nested/y.sql error', 'a/x.sql error', 'c/x.sql hint']);
  });

  test('--config applies one config to every file', () => {
    const root = project(tree);
    const r = run(['--format', 'json', '--config', 'other.json', 'a', 'b', 'c'], root);
    assert.deepEqual(severities(r.stdout), ['a/nested/y.sql info', 'a/x.sql info', 'b/skipped/x.sql info', 'b/x.sql info', 'c/x.sql info']);
  });

  test('an invalid config anywhere in the scan: exit 2, one line naming the file and the key', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'b/.sqlguard.json': JSON.stringify({ rulez: {} }) }, /^sqlguard: b\/\.sqlguard\.json: unknown key "rulez" \(expected one of /],
      [{ 'b/.sqlguard.json': JSON.stringify({ rules: { 'endpoint-rc4-algorithm': 'fatal' } }) }, /^sqlguard: b\/\.sqlguard\.json: "rules\.endpoint-rc4-algorithm": "fatal" is not one of off, hint, info, warning, error$/],
      [{ 'b/.sqlguard.json': JSON.stringify({ rules: { 'no-such-rule': 'error' } }) }, /^sqlguard: b\/\.sqlguard\.json: "rules\.no-such-rule": no rule has this id$/],
      [{ 'b/.sqlguard.json': JSON.stringify({ sqlServerVersion: '2008' }) }, /^sqlguard: b\/\.sqlguard\.json: "sqlServerVersion": "2008" is not one of/],
    ];
    for (const [files, expected] of cases) {
      const root = project({ ...tree, ...files });
      const r = run(['.'], root);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], expected);
      assert.equal(run(['a', 'c'], root).status, 1, 'a config outside the scan is never read');
    }
  });
});
