/** The CLI contract of DESIGN.md: flags, JSON shape, text lines, exit codes, one-line errors. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CLEAN, CLI, plain, project, RC4, RC4_COLUMN, run, SUPPORTED } from './helpers';

const RC4_LINE = RC4.split('\n')[1];
const SUPPORTED_COLUMN = SUPPORTED.indexOf('SUPPORTED') + 1;

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

  test('text: file:line:col severity rule message, the code line with a caret, grouped by file, and a summary', () => {
    const root = project({ 'b.sql': SUPPORTED, 'a.sql': RC4 });
    const r = run(['.'], root);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /\u001b/, 'no colours when stdout is not a terminal');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], new RegExp(`^a\\.sql:2:${RC4_COLUMN} warning endpoint-rc4-algorithm Endpoint m uses ALGORITHM RC4`));
    assert.equal(lines[1], `  2 | ${RC4_LINE}`);
    assert.equal(lines[2], `    | ${' '.repeat(RC4_COLUMN - 1)}^${'~'.repeat('ALGORITHM RC4'.length - 1)}`);
    assert.equal(lines[3], '', 'a blank line between files');
    assert.match(lines[4], new RegExp(`^b\\.sql:1:${SUPPORTED_COLUMN} info endpoint-encryption-supported `));
    assert.equal(lines[5], `  1 | ${SUPPORTED.trimEnd()}`);
    assert.equal(lines[6], `    | ${' '.repeat(SUPPORTED_COLUMN - 1)}^${'~'.repeat('SUPPORTED'.length - 1)}`);
    assert.equal(lines[7], '');
    assert.equal(lines[8], '2 problems (1 warning, 1 info) in 2 files; 2 files scanned.');
    assert.equal(lines.length, 9);
  });

  test('text: --quiet leaves out the summary', () => {
    const root = project({ 'a.sql': RC4 });
    const r = run(['--quiet', 'a.sql'], root);
    assert.equal(r.status, 1);
    assert.equal(r.stdout.trimEnd().split('\n').length, 3);
    assert.equal(run(['--quiet', 'a.sql'], project({ 'a.sql': CLEAN })).stdout, '\n');
  });

  test('text: colours with FORCE_COLOR, never with NO_COLOR; the layout is the same without them', () => {
    const root = project({ 'a.sql': RC4, 'b.sql': SUPPORTED });
    const uncoloured = run(['.'], root).stdout;
    const coloured = run(['.'], root, { FORCE_COLOR: '1' }).stdout;
    assert.match(coloured, /\u001b\[33mwarning\u001b\[39m/, 'warning in yellow');
    assert.match(coloured, /\u001b\[36minfo\u001b\[39m/, 'info in cyan');
    assert.match(coloured, /\u001b\[2mendpoint-rc4-algorithm\u001b\[22m/, 'rule id dimmed');
    assert.match(coloured, /\u001b\[33m\^~+\u001b\[39m/, 'caret in the severity colour');
    assert.equal(plain(coloured), uncoloured);
    assert.equal(run(['.'], root, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, uncoloured);
    assert.equal(run(['.'], root, { FORCE_COLOR: '0' }).stdout, uncoloured);
    assert.doesNotMatch(run(['--format', 'json', '.'], root, { FORCE_COLOR: '1' }).stdout, /\u001b/, 'JSON is never coloured');
  });

  test('text: secrets are masked in printed code lines, also under other rules and with hardcoded-password off', () => {
    const sql = "BACKUP CERTIFICATE c TO FILE = 'a.cer' WITH PRIVATE KEY (FILE = 'a.pvk', ENCRYPTION BY PASSWORD = 'Pvk#Secret1');\n";
    const root = project({ 'a.sql': sql, 'off/a.sql': sql, 'off/.sqlguard.json': JSON.stringify({ rules: { 'hardcoded-password': 'off' } }) });
    const r = run(['.'], root);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, /Pvk#Secret1/);
    const lines = r.stdout.split('\n');
    const password = lines.findIndex((l) => /^a\.sql:\d+:\d+ warning hardcoded-password /.test(l));
    assert.ok(password >= 0, r.stdout);
    const code = lines[password + 1];
    const caret = lines[password + 2];
    assert.match(code, /PASSWORD = ••••••\);$/);
    assert.equal(caret.indexOf('^'), code.indexOf('••••••'), 'the caret sits under the mask');
    assert.equal(caret.trimEnd().length - caret.indexOf('^'), '••••••'.length);
    const off = lines.filter((l) => l.startsWith('off/a.sql:'));
    assert.deepEqual(off.map((l) => l.split(' ')[2]), ['certificate-private-key-export'], 'the rule is off there');
    assert.match(lines[lines.indexOf(off[0]) + 1], /PASSWORD = ••••••\);$/, 'but the secret is still masked');
  });

  test('text: control characters from the source never reach the terminal; long lines are cut around the range', () => {
    const long = `/* ${'z'.repeat(200)} */ ALTER ENDPOINT b FOR SERVICE_BROKER (ENCRYPTION = SUPPORTED ALGORITHM AES) /* \u001b[31m */ -- ${'y'.repeat(300)}\n`;
    const r = run(['a.sql'], project({ 'a.sql': long }));
    assert.doesNotMatch(r.stdout, /\u001b/);
    const lines = r.stdout.split('\n');
    assert.match(lines[1], /^ {2}1 \| …[^…]* = SUPPORTED ALGORITHM AES\) \/\* \uFFFD\[31m \*\/ -- y+…$/);
    assert.ok(lines[1].length < 200, lines[1]);
    assert.equal(lines[2].indexOf('^') - lines[2].indexOf('|'), lines[1].indexOf('SUPPORTED') - lines[1].indexOf('|'));
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
      [['--baseline'], /^sqlguard: --baseline needs a file name$/],
      [['--baseline', 'b.json', '--write-baseline', 'b.json', 'a.sql'], /^sqlguard: --baseline and --write-baseline cannot be used together$/],
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

  test('files over maxFileSize are skipped and listed on stderr; binary files are skipped silently', () => {
    const root = project({ 'big.sql': RC4 + '-- padding\n'.repeat(20), 'a.sql': RC4, '.sqlguard.json': JSON.stringify({ maxFileSize: RC4.length + 10 }) });
    const r = run(['--format', 'json', '.'], root);
    assert.equal((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file).join(), 'a.sql');
    assert.match(r.stderr.trim(), /^sqlguard: skipped 'big\.sql': \d+ bytes is over the \d+-byte limit \(maxFileSize\)$/);
    const binary = project({ 'a.sql': `${RC4}\u0000` });
    const b = run(['.'], binary);
    assert.equal(b.status, 0);
    assert.equal(b.stdout.trim(), 'No problems found (0 files scanned).');
  });

  test('a reader that closes the pipe early (sqlguard … | head) gets no stack trace', async () => {
    const root = project(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.sql`, RC4])));
    const child = spawn(process.execPath, [CLI, '--format', 'sarif', '.'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    assert.equal(stderr, '');
    assert.equal(status, 1);
  });

  test('--help and --version', () => {
    const root = project({});
    const help = run(['--help'], root);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: sqlguard/);
    assert.match(help.stdout, /--write-baseline FILE/);
    const version = run(['--version'], root);
    assert.equal(version.status, 0);
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+/);
  });
});
