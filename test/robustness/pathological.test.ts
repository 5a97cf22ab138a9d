/**
 * Pathological inputs: each must simply complete (no timing is asserted) with sane results. Every case runs in a
 * worker thread (isolate.ts), so a hang fails after a generous limit instead of stalling `npm test`; the sizes are
 * chosen so that a quadratic algorithm could not finish at all, while the linear ones take a second or two.
 * The byte-level cases (NUL, invalid UTF-8, lone surrogates, BOM, line endings, maxFileSize) go through the bundled
 * CLI, dist/cli.js, as a user would run it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { extractStrings, type HostLanguage } from '../../server/src/connection-strings/hosts';
import { LineIndex } from '../../server/src/core/positions';
import { AnalysisService } from '../../server/src/service/service';
import { Tok, UNTERMINATED } from '../../server/src/tsql/lexer';
import { parseSql } from '../../server/src/tsql/parser';
import { CLI, project, RC4, run } from '../cli/helpers';
import { assertFix, assertSpan } from '../fuzz/harness';
import { runIsolated, serveCases } from './isolate';

const MB = 1 << 20;
const repeatTo = (unit: string, n: number): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** Analyse `text` as `name`, check every range, hover at a few offsets and ask for fixes; returns the finding count. */
function analyse(name: string, text: string): { findings: number; rules: string[] } {
  const service = new AnalysisService({
    onRuleError: (rule, uri, e) => {
      throw new Error(`rule ${rule} threw on ${uri}: ${String(e)}`);
    },
  });
  const uri = `file:///robust/${name}`;
  service.update({ uri, text });
  const findings = service.analyze(uri);
  const n = text.length;
  for (const f of findings) {
    assertSpan(f.span, n, `${name} ${f.rule}`);
    for (const fix of f.fixes ?? []) assertFix(fix.edits, n, `${name} ${f.rule} fix`);
  }
  for (const at of [0, 1, n >> 1, n - 1, n]) {
    const h = service.hover(uri, Math.max(0, at));
    if (h) assertSpan(h.span, n, `${name} hover`);
  }
  for (const { fix } of service.fixes(uri, { start: 0, end: Math.min(n, 4096) })) assertFix(fix.edits, n, `${name} fix`);
  service.documentSymbols(uri);
  return { findings: findings.length, rules: [...new Set(findings.map((f) => f.rule))].sort() };
}

/** Every decoded string of every scanner lies inside the text. */
function scanAll(text: string, hosts: readonly HostLanguage[]): number {
  let count = 0;
  for (const h of hosts) {
    for (const s of extractStrings(text, h)) {
      assertSpan(s.span, text.length, `${h} string`);
      count++;
    }
  }
  return count;
}

const ALL_HOSTS: readonly HostLanguage[] = ['java', 'kotlin', 'scala', 'groovy', 'csharp', 'javascript', 'go', 'php', 'python', 'properties', 'yaml', 'json', 'xml', 'dotenv', 'ini', 'toml', 'markdown', 'text'];

/** A line of everything at once: DML, every quote, comments, sqlcmd variables, a JDBC URL and a key=value string. */
const MIXED =
  "SELECT a, 'str', [id], N'x', @v, 0x1F, 1.5e3, \"q\" FROM t WHERE x = $(v) /* c */ AND y = 'jdbc:sqlserver://h;encrypt=false' ; " +
  'x = "Server=s;Encrypt=False" + \'a\' \\\\ {b} <c d="e"> ';

const CASES = {
  'a 10 MB single line: lexer, parser and analysis of .sql, .java, .properties, .yml, .json, .go, .cs': () => {
    const text = repeatTo(MIXED, 10 * MB);
    const parsed = parseSql(text);
    assert.ok(parsed.tokens.count > 100_000);
    const out: Record<string, number> = {};
    for (const ext of ['sql', 'java', 'properties', 'yml', 'json', 'go', 'cs']) out[ext] = analyse(`line.${ext}`, text).findings;
    return out;
  },

  'a 10 MB single line: the Markdown, INI, TOML, .env and text scanners; 2 MB through the slower ones': () => {
    const text = repeatTo(MIXED, 10 * MB);
    const strings = scanAll(text, ['markdown', 'ini', 'toml', 'dotenv', 'text']);
    // these decode every string character by character (a few µs each): 2 MB keeps the test short, and a quadratic
    // scan of a 2 MB line could not finish either
    return strings + scanAll(text.slice(0, 2 * MB), ['python', 'javascript', 'php', 'xml', 'scala', 'kotlin', 'groovy']);
  },

  '200,000 nested /* comments': () => {
    const text = '/*'.repeat(200_000) + '\nCREATE ENDPOINT e AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4);\n' + '*/'.repeat(199_999);
    const parsed = parseSql(text);
    // one comment, still open (one `*/` short): the endpoint inside it is no statement
    assert.equal(parsed.tokens.comments.length, 1);
    assert.equal(parsed.tokens.comments[0].unterminated, true);
    assert.equal(parsed.statements.length, 0);
    assert.equal(analyse('nested.sql', text).findings, 0);
    // one more `*/` closes it: what follows is code again
    const closed = parseSql(text + '*/ SELECT 1');
    assert.equal(closed.tokens.comments[0].unterminated, false);
    assert.equal(closed.tokens.count, 2);
    scanAll(text, ['java', 'kotlin', 'scala', 'csharp', 'javascript', 'go', 'php']);
    return analyse('nested.md', '```sql\n' + text + '\n```\n').findings;
  },

  "an unterminated string at the start of a 5 MB file": () => {
    const body = repeatTo("CREATE ENDPOINT e AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4);\nGO\n", 5 * MB);
    const text = "'" + body;
    const parsed = parseSql(text);
    assert.equal(parsed.tokens.count, 1);
    assert.equal(parsed.tokens.kinds[0], Tok.String);
    assert.equal(parsed.tokens.flags[0] & UNTERMINATED, UNTERMINATED);
    assert.equal(parsed.tokens.ends[0], text.length);
    const r = analyse('string.sql', text);
    assert.deepEqual(r.rules.filter((x) => x === 'endpoint-rc4-algorithm'), []);
    scanAll('"' + body, ['java', 'csharp', 'javascript', 'go', 'python', 'json', 'yaml']);
    return r.findings;
  },

  'an unterminated bracket identifier at the start of a 5 MB file': () => {
    const body = repeatTo("CREATE LOGIN l WITH PASSWORD = 'Pl4nted-S3cret-0'; GO\n", 5 * MB);
    const text = '[' + body;
    const parsed = parseSql(text);
    assert.equal(parsed.tokens.count, 1);
    assert.equal(parsed.tokens.kinds[0], Tok.QuotedIdent);
    assert.equal(parsed.tokens.flags[0] & UNTERMINATED, UNTERMINATED);
    assert.equal(parsed.statements.length, 0);
    return analyse('bracket.sql', text).findings;
  },

  'a million [': () => {
    const text = '['.repeat(1_000_000);
    const parsed = parseSql(text);
    assert.equal(parsed.tokens.count, 1);
    const out: Record<string, number> = { strings: scanAll(text, ALL_HOSTS) };
    for (const ext of ['sql', 'md', 'json', 'yml', 'toml', 'java', 'py', 'xml', 'properties']) out[ext] = analyse(`brackets.${ext}`, text).findings;
    return out;
  },

  'NUL bytes and lone surrogates in the text': () => {
    const rc4 = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4);';
    const junk = '\0\uD800\uDFFF\uDC00x\uDBFF\0'.repeat(50_000);
    const text = `${junk}\n${rc4}\n${junk}`;
    const service = new AnalysisService();
    service.update({ uri: 'file:///robust/junk.sql', text });
    const f = service.analyze('file:///robust/junk.sql').find((x) => x.rule === 'endpoint-rc4-algorithm');
    assert.ok(f, 'the endpoint between the junk is still analysed');
    assert.equal(text.slice(f.span.start, f.span.end), 'ALGORITHM RC4');
    scanAll(text, ALL_HOSTS);
    return analyse('junk.java', text).findings + analyse('junk.md', text).findings;
  },

  'CRLF and lone CR line endings: positions': () => {
    const lines = ['USE master;', 'GO', 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)', '  FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4);'];
    const out: Record<string, { line: number; character: number }> = {};
    for (const [name, eol] of [
      ['lf', '\n'],
      ['crlf', '\r\n'],
      ['cr', '\r'],
    ] as const) {
      const text = lines.join(eol) + eol;
      const service = new AnalysisService();
      const uri = `file:///robust/${name}.sql`;
      service.update({ uri, text });
      const f = service.analyze(uri).find((x) => x.rule === 'endpoint-rc4-algorithm');
      assert.ok(f, name);
      const index = new LineIndex(text);
      out[name] = index.positionAt(f.span.start);
      assert.equal(text.slice(f.span.start, f.span.end), 'ALGORITHM RC4');
      assert.equal(index.offsetAt(out[name]), f.span.start);
    }
    const expected = { line: 3, character: lines[3].indexOf('ALGORITHM RC4') };
    assert.deepEqual(out, { lf: expected, crlf: expected, cr: expected });
    return out;
  },

  '20,000 connection strings in one .properties file and in one .cs file': () => {
    const props = Array.from({ length: 20_000 }, (_, i) => `db${i}.url=jdbc:sqlserver://host${i}:1433;databaseName=d;encrypt=false;trustServerCertificate=true`).join('\n');
    const cs = Array.from({ length: 20_000 }, (_, i) => `var c${i} = "Server=host${i};Database=d;Encrypt=False;TrustServerCertificate=True";`).join('\n');
    const p = analyse('app.properties', props);
    const c = analyse('App.cs', cs);
    assert.ok(p.findings >= 20_000 && c.findings >= 20_000, `${p.findings} / ${c.findings} findings`);
    assert.ok(p.rules.includes('connection-encrypt-disabled') && c.rules.includes('connection-encrypt-disabled'));
    return { properties: p.findings, cs: c.findings };
  },
} satisfies Record<string, () => unknown>;

if (!serveCases(CASES)) {
  describe('pathological inputs complete (each in a worker: a hang fails instead of stalling)', () => {
    for (const name of Object.keys(CASES)) {
      test(name, async (t) => {
        const result = await runIsolated(__filename, name);
        t.diagnostic(JSON.stringify(result));
      });
    }
  });

  describe('pathological bytes through the CLI (dist/cli.js)', () => {
    type Json = { findings: { file: string; line: number; column: number; rule: string }[] };
    const rc4Line = 'CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4);';
    const column = rc4Line.indexOf('ALGORITHM RC4') + 1;
    const rc4At = (r: { stdout: string }, file: string): { line: number; column: number } => {
      const f = (JSON.parse(r.stdout) as Json).findings.find((x) => x.file === file && x.rule === 'endpoint-rc4-algorithm');
      assert.ok(f, `no RC4 finding in ${file}: ${r.stdout}`);
      return { line: f.line, column: f.column };
    };

    test('invalid UTF-8, NUL after the binary sniff, lone surrogates in UTF-16: analysed, positions right, no crash', () => {
      const root = project({});
      // invalid UTF-8 bytes decode to one U+FFFD each; the finding after them keeps its column
      writeFileSync(join(root, 'bad-utf8.sql'), Buffer.concat([Buffer.from([0x2d, 0x2d, 0xc3, 0x28, 0xff, 0xe2, 0x82, 0x0a]), Buffer.from(`${rc4Line}\n`)]));
      // NUL bytes after the first 8,000 bytes: not taken for a binary file
      writeFileSync(join(root, 'late-nul.sql'), Buffer.concat([Buffer.from('-- padding\n'.repeat(800)), Buffer.from(`\0\0\n${rc4Line}\n`)]));
      // UTF-16LE with its BOM (as SSMS saves "Unicode" scripts), lone surrogates on line 1
      writeFileSync(join(root, 'utf16.sql'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\uD800x\uDC00\n${rc4Line}\n`, 'utf16le')]));
      // NUL at the start: a binary file, skipped
      writeFileSync(join(root, 'binary.sql'), Buffer.concat([Buffer.from([0]), Buffer.from(rc4Line)]));
      const r = run(['--format', 'json', '.'], root);
      assert.equal(r.status, 1, r.stderr); // findings, no error (2 would be bad input or a crash)
      assert.equal(r.stderr, '');
      assert.deepEqual(rc4At(r, 'bad-utf8.sql'), { line: 2, column });
      assert.deepEqual(rc4At(r, 'late-nul.sql'), { line: 802, column });
      assert.deepEqual(rc4At(r, 'utf16.sql'), { line: 2, column });
      assert.equal((JSON.parse(r.stdout) as Json).findings.some((f) => f.file === 'binary.sql'), false);
      // the text and SARIF outputs survive the same bytes (code frames print the bad lines)
      const text = run(['.'], root);
      assert.equal(text.status, 1, text.stderr);
      assert.match(text.stdout, /bad-utf8\.sql:2:\d+ warning endpoint-rc4-algorithm/);
      const sarif = run(['--format', 'sarif', '.'], root);
      assert.equal(sarif.status, 1, sarif.stderr);
      assert.doesNotThrow(() => JSON.parse(sarif.stdout));
    });

    test('BOM, CRLF and CR files: the same line and column as a plain LF file', () => {
      const body = (eol: string): string => `USE master;${eol}GO${eol}${rc4Line}${eol}`;
      const root = project({});
      writeFileSync(join(root, 'lf.sql'), body('\n'));
      writeFileSync(join(root, 'bom.sql'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body('\n'))]));
      writeFileSync(join(root, 'crlf.sql'), body('\r\n'));
      writeFileSync(join(root, 'cr.sql'), body('\r'));
      writeFileSync(join(root, 'bom-first.sql'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rc4Line}\r\n`)]));
      const r = run(['--format', 'json', '.'], root);
      assert.equal(r.status, 1, r.stderr);
      for (const f of ['lf.sql', 'bom.sql', 'crlf.sql', 'cr.sql']) assert.deepEqual(rc4At(r, f), { line: 3, column }, f);
      // a BOM is not a column: editors do not show it, so the first line's columns are the same as without it
      assert.deepEqual(rc4At(r, 'bom-first.sql'), { line: 1, column });
    });

    test('18,000 findings on one 400 KB line (a minified file): text, JSON and SARIF output complete', () => {
      const root = project({ 'A.java': 'class A { ' + 'String a = "jdbc:sqlserver://h;encrypt=false;password=Sec-r3t!x"; '.repeat(6_000) + '}' });
      for (const format of ['text', 'json', 'sarif']) {
        // the limit turns a hang into a failure (code frames, fingerprints and SARIF's secret check were quadratic)
        const r = spawnSync(process.execPath, [CLI, '--format', format, '--fail-on', 'never', '.'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
        assert.equal(r.status, 0, `${format}: ${r.error?.message ?? r.stderr}`);
        assert.ok(r.stdout.split('encrypt').length > 6_000, format);
        assert.doesNotMatch(r.stdout, /Sec-r3t/, `${format} masks the passwords`);
      }
    });

    test('a file over the default maxFileSize (4 MB) is skipped with a visible notice; the others are analysed', () => {
      const root = project({ 'small.sql': RC4 });
      writeFileSync(join(root, 'huge.sql'), RC4 + '-- padding\n'.repeat(450_000));
      const r = run(['.'], root);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /^sqlguard: skipped 'huge\.sql': \d+ bytes is over the 4194304-byte limit \(maxFileSize\)$/m);
      assert.match(r.stdout, /small\.sql:2:\d+ warning endpoint-rc4-algorithm/);
      assert.doesNotMatch(r.stdout, /huge\.sql/);
    });
  });
}
