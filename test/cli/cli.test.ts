/** The CLI contract of DESIGN.md: flags, JSON shape, text lines, exit codes, one-line errors. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';

const CLI = resolve('dist/cli.js');

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sqlguard-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const RC4 = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)\nFOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4)\n';
const SUPPORTED = 'ALTER ENDPOINT b FOR SERVICE_BROKER (ENCRYPTION = SUPPORTED ALGORITHM AES)\n';
/** 1-based column of `ALGORITHM RC4` on line 2 of RC4 */
const RC4_COLUMN = RC4.split('\n')[1].indexOf('ALGORITHM RC4') + 1;
const CLEAN = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)\nFOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES)\n';

describe('sqlguard CLI', () => {
  test('json: one object with findings in the documented shape, 1-based positions', () => {
    const root = project({ 'db/a.sql': RC4 });
    const r = run(['--format', 'json', 'db'], root);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[] };
    assert.deepEqual(Object.keys(out), ['findings']);
    assert.deepEqual(out.findings, [
      {
        file: 'db/a.sql',
        line: 2,
        column: RC4_COLUMN,
        endLine: 2,
        endColumn: RC4_COLUMN + 'ALGORITHM RC4'.length,
        rule: 'endpoint-rc4-algorithm',
        severity: 'warning',
        message: out.findings[0].message,
      },
    ]);
    assert.match(String(out.findings[0].message), /ALGORITHM RC4/);
    assert.equal(r.stderr, '');
  });

  test('text: file:line:col severity rule message, grouped by file, and a summary', () => {
    const root = project({ 'b.sql': SUPPORTED, 'a.sql': RC4 });
    const r = run(['.'], root);
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], new RegExp(`^a\\.sql:2:${RC4_COLUMN} warning endpoint-rc4-algorithm Endpoint m uses ALGORITHM RC4`));
    assert.equal(lines[1], '');
    assert.match(lines[2], new RegExp(`^b\\.sql:1:${SUPPORTED.indexOf('SUPPORTED') + 1} info endpoint-encryption-supported `));
    assert.equal(lines[lines.length - 1], '2 problems (1 warning, 1 info) in 2 files; 2 files scanned.');
  });

  test('--fail-on decides the exit status', () => {
    const root = project({ 'a.sql': SUPPORTED });
    assert.equal(run(['a.sql'], root).status, 0, 'info is below the default (warning)');
    assert.equal(run(['--fail-on', 'info', 'a.sql'], root).status, 1);
    assert.equal(run(['--fail-on=error', 'a.sql'], root).status, 0);
    const rc4 = project({ 'a.sql': RC4 });
    assert.equal(run(['--fail-on', 'never', 'a.sql'], rc4).status, 0);
    assert.equal(run(['--fail-on', 'error', 'a.sql'], rc4).status, 0);
  });

  test('a clean project exits 0 and says so', () => {
    const root = project({ 'a.sql': CLEAN });
    const r = run(['.'], root);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), 'No problems found (1 file scanned).');
  });

  test('folders are walked, skipping node_modules, .git and build output, and the config excludes', () => {
    const root = project({
      'src/a.sql': RC4,
      'node_modules/pkg/x.sql': RC4,
      '.git/x.sql': RC4,
      'dist/x.sql': RC4,
      'legacy/old.sql': RC4,
      '.sqlguard.json': JSON.stringify({ exclude: ['legacy/**'] }),
    });
    const r = run(['--format', 'json', '.'], root);
    const files = (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file);
    assert.deepEqual(files, ['src/a.sql']);
  });

  test('the config file sets the version and severities', () => {
    const root = project({ 'a.sql': CLEAN.replace(' ALGORITHM AES', ''), '.sqlguard.json': JSON.stringify({ sqlServerVersion: '2014', rules: { 'endpoint-implicit-algorithm': 'error' } }) });
    const r = run(['--format', 'json', 'a.sql'], root);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string }[] }).findings;
    assert.deepEqual(findings.map((f) => [f.rule, f.severity]), [['endpoint-implicit-algorithm', 'error']]);
  });

  test('bad usage and unreadable input: exit 2 with one line on stderr, never a stack trace', () => {
    const root = project({ 'a.sql': CLEAN, 'bad.json': '{ "sqlServerVersion": "2008" }', 'broken.json': '{ nope' });
    const cases: [string[], RegExp][] = [
      [['--format', 'xml', 'a.sql'], /^sqlguard: --format needs one of text, json, sarif \(got 'xml'\)$/],
      [['--bogus', 'a.sql'], /^sqlguard: unknown option '--bogus'/],
      [[], /^sqlguard: no files or folders given/],
      [['missing.sql'], /^sqlguard: cannot read 'missing.sql': no such file or directory$/],
      [['--config', 'bad.json', 'a.sql'], /^sqlguard: bad\.json: "sqlServerVersion": "2008" is not one of/],
      [['--config', 'broken.json', 'a.sql'], /^sqlguard: broken\.json: not valid JSON/],
      [['--config', 'nope.json', 'a.sql'], /^sqlguard: cannot read config 'nope\.json': no such file or directory$/],
      [['--fail-on'], /^sqlguard: --fail-on needs one of error, warning, info, never$/],
    ];
    for (const [args, expected] of cases) {
      const r = run(args, root);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(lines[0], expected);
    }
  });

  test('an unreadable file inside a walked folder is reported and the scan goes on', () => {
    const root = project({ 'a.sql': RC4 });
    // A symbolic-link loop cannot be read, even by root (CI runs as root, so file modes would not do).
    symlinkSync('loop.sql', join(root, 'loop.sql'));
    const r = run(['--format', 'json', '.'], root);
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length, 1);
    assert.equal(r.stderr.trim(), "sqlguard: skipped 'loop.sql': too many levels of symbolic links");
    const named = run(['loop.sql'], root);
    assert.equal(named.status, 2);
    assert.equal(named.stderr.trim(), "sqlguard: cannot read 'loop.sql': too many levels of symbolic links");
  });

  test('--help and --version', () => {
    const root = project({});
    const help = run(['--help'], root);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: sqlguard/);
    const version = run(['--version'], root);
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
  });
});
