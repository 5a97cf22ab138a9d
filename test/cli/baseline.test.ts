/** Baselines: --write-baseline records today's findings, --baseline reports only what is new, robust to line moves. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { project, RC4, run, SUPPORTED, write } from './helpers';

const PASSWORD = "CREATE LOGIN app_login WITH PASSWORD = 'Sup3r-Secret!';\n";
const OTHER_PASSWORD = "CREATE LOGIN report_login WITH PASSWORD = 'An0ther-Secret!';\n";
const BROKER_RC4 = 'ALTER ENDPOINT b FOR SERVICE_BROKER (ENCRYPTION = REQUIRED ALGORITHM RC4);\n';

function findings(stdout: string): { file: string; line: number; rule: string }[] {
  return (JSON.parse(stdout) as { findings: { file: string; line: number; rule: string }[] }).findings;
}

describe('sqlguard baselines', () => {
  test('--write-baseline records every finding and exits 0; secrets stay out of the file', () => {
    const root = project({ 'db/a.sql': RC4 + PASSWORD, 'db/b.sql': SUPPORTED });
    const r = run(['--write-baseline', 'sqlguard-baseline.json', '.'], root);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.trim(), "sqlguard: wrote 3 findings to the baseline 'sqlguard-baseline.json'");
    const text = readFileSync(join(root, 'sqlguard-baseline.json'), 'utf8');
    const baseline = JSON.parse(text) as { version: number; tool: string; findings: Record<string, string>[] };
    assert.equal(baseline.version, 1);
    assert.equal(baseline.tool, 'sqlguard');
    assert.deepEqual(
      baseline.findings.map((f) => [f.rule, f.file]),
      [
        ['endpoint-rc4-algorithm', 'db/a.sql'],
        ['hardcoded-password', 'db/a.sql'],
        ['endpoint-encryption-supported', 'db/b.sql'],
      ],
    );
    for (const f of baseline.findings) {
      assert.deepEqual(Object.keys(f), ['rule', 'file', 'fingerprint', 'message']);
      assert.match(f.fingerprint, /^[0-9a-f]{64}$/);
    }
    assert.doesNotMatch(text, /Sup3r-Secret/);
    assert.equal(run(['--quiet', '--write-baseline', 'sqlguard-baseline.json', '.'], root).stderr, '');
  });

  test('--baseline: nothing new after lines are inserted above; a new problem is the only one reported', () => {
    const root = project({ 'db/a.sql': RC4 + PASSWORD, 'db/b.sql': SUPPORTED });
    assert.equal(run(['--write-baseline', 'baseline.json', '.'], root).status, 0);

    const same = run(['--baseline', 'baseline.json', '.'], root);
    assert.equal(same.status, 0);
    assert.equal(same.stdout.trim(), 'No new problems found (2 files scanned; 3 known problems in the baseline not shown).');

    write(root, { 'db/a.sql': `-- moved down\n\n/* by a comment */\n${RC4}\n\n${PASSWORD}`, 'db/b.sql': `\n\n${SUPPORTED}` });
    const moved = run(['--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.equal(moved.status, 0);
    assert.deepEqual(findings(moved.stdout), []);

    write(root, { 'db/a.sql': `-- moved down\n\n/* by a comment */\n${RC4}\n\n${PASSWORD}GO\n${OTHER_PASSWORD}` });
    const added = run(['--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.equal(added.status, 1);
    assert.deepEqual(
      findings(added.stdout).map((f) => [f.file, f.line, f.rule]),
      [['db/a.sql', 10, 'hardcoded-password']],
    );
    const text = run(['--baseline', 'baseline.json', '.'], root);
    assert.match(text.stdout.trimEnd().split('\n').at(-1) ?? '', /^1 new problem \(1 warning\) in 1 file; 2 files scanned; 3 known problems in the baseline not shown\.$/);
  });

  test('an identical second occurrence is new even though the first one is in the baseline', () => {
    const root = project({ 'a.sql': BROKER_RC4 });
    run(['--write-baseline', 'baseline.json', 'a.sql'], root);
    write(root, { 'a.sql': `${BROKER_RC4}GO\n${BROKER_RC4}` });
    assert.equal(findings(run(['--format', 'json', '--baseline', 'baseline.json', 'a.sql'], root).stdout).length, 1);
  });

  test('a baseline file inside the scanned folder is not scanned itself', () => {
    const root = project({ 'a.sql': RC4, 'app.json': '{ "db": "Server=x;Encrypt=False" }' });
    run(['--write-baseline', 'baseline.json', '.'], root);
    const r = run(['--format', 'json', '--baseline', 'baseline.json', '.'], root);
    assert.deepEqual(findings(r.stdout), []);
  });

  test('a missing or invalid baseline: exit 2 with one line on stderr', () => {
    const root = project({
      'a.sql': RC4,
      'broken.json': '{ nope',
      'array.json': '[]',
      'other.json': JSON.stringify({ version: 1, tool: 'eslint', findings: [] }),
      'v2.json': JSON.stringify({ version: 2, tool: 'sqlguard', findings: [] }),
      'entry.json': JSON.stringify({ version: 1, tool: 'sqlguard', findings: [{ rule: 'x' }] }),
    });
    const cases: [string, RegExp][] = [
      ['missing.json', /^sqlguard: cannot read baseline 'missing\.json': no such file or directory$/],
      ['broken.json', /^sqlguard: broken\.json: not valid JSON/],
      ['array.json', /^sqlguard: array\.json: not a sqlguard baseline/],
      ['other.json', /^sqlguard: other\.json: "tool" must be "sqlguard"/],
      ['v2.json', /^sqlguard: v2\.json: "version" 2 is not supported/],
      ['entry.json', /^sqlguard: entry\.json: "findings\[0\]\.fingerprint" must be a non-empty string$/],
    ];
    for (const [file, expected] of cases) {
      const r = run(['--baseline', file, 'a.sql'], root);
      assert.equal(r.status, 2, file);
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], expected);
    }
    const unwritable = run(['--write-baseline', 'no/such/dir/b.json', 'a.sql'], root);
    assert.equal(unwritable.status, 2);
    assert.equal(unwritable.stderr.trim(), "sqlguard: cannot write baseline 'no/such/dir/b.json': no such file or directory");
  });
});
