/** Suppression comments, fix-all and completion, at the core level. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/apply-edits';
import { AnalysisService } from '../../server/src/service/service';

function service(text: string, name: string, unused = true): { s: AnalysisService; uri: string } {
  const s = new AnalysisService({ reportUnusedSuppressions: unused });
  const uri = `file:///w/${name}`;
  s.update({ uri, text });
  return { s, uri };
}

const RC4 = 'ALTER ENDPOINT m FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4)';

describe('suppression comments', () => {
  test('next-line, line and file, in each host comment syntax', () => {
    const cases: [string, string][] = [
      ['a.sql', `-- sqlguard-disable-next-line endpoint-rc4-algorithm -- legacy peer until March\n${RC4}\n`],
      ['b.sql', `${RC4} -- sqlguard-disable-line endpoint-rc4-algorithm\n`],
      ['c.sql', `/* sqlguard-disable-file endpoint-rc4-algorithm, endpoint-implicit-algorithm */\n${RC4}\n`],
      ['D.java', '// sqlguard-disable-next-line connection-encrypt-disabled -- test fixture\nString u = "jdbc:sqlserver://h;encrypt=false";\n'],
      ['e.py', '# sqlguard-disable-next-line connection-trust-server-certificate\nc = "Driver={ODBC Driver 18 for SQL Server};Server=h;TrustServerCertificate=yes"\n'],
      ['f.xml', '<!-- sqlguard-disable-next-line connection-encrypt-disabled: dev only -->\n<url>jdbc:sqlserver://h;encrypt=false</url>\n'],
    ];
    for (const [name, text] of cases) {
      const { s, uri } = service(text, name);
      assert.deepEqual(s.analyze(uri).map((f) => f.rule), [], name);
      assert.ok(s.analyzeAll(uri).some((f) => f.suppressed), `${name}: the finding is kept, marked suppressed`);
    }
  });

  test('a suppression for another rule or line suppresses nothing, and says so', () => {
    const { s, uri } = service(`-- sqlguard-disable-next-line endpoint-ntlm-authentication\n${RC4}\n`, 'a.sql');
    assert.deepEqual(s.analyze(uri).map((f) => f.rule).sort(), ['endpoint-rc4-algorithm', 'unused-suppression']);
    const unused = s.analyze(uri).find((f) => f.rule === 'unused-suppression')!;
    assert.equal(unused.severity, 'hint');
    const text = s.workspace.get(uri)!.text;
    assert.equal(applyEdits(text, unused.fixes![0].edits), `${RC4}\n`, 'the fix removes the whole comment line');
    const ci = service(`-- sqlguard-disable-next-line endpoint-ntlm-authentication\n${RC4}\n`, 'a.sql', false);
    assert.deepEqual(ci.s.analyze(ci.uri).map((f) => f.rule), ['endpoint-rc4-algorithm'], 'the CLI does not report unused suppressions');
  });

  test('the "Suppress … on this line" fix writes the host comment with a reason to fill in, and silences the finding', () => {
    for (const [name, text, expected] of [
      ['a.sql', `  ${RC4}\n`, `  -- sqlguard-disable-next-line endpoint-rc4-algorithm -- reason\n  ${RC4}\n`],
      ['A.java', '  String u = "jdbc:sqlserver://h;encrypt=false";\n', '  // sqlguard-disable-next-line connection-encrypt-disabled -- reason\n  String u = "jdbc:sqlserver://h;encrypt=false";\n'],
      ['a.yml', 'url: jdbc:sqlserver://h;encrypt=false\n', '# sqlguard-disable-next-line connection-encrypt-disabled -- reason\nurl: jdbc:sqlserver://h;encrypt=false\n'],
    ] as const) {
      const { s, uri } = service(text, name);
      const f = s.analyze(uri)[0];
      const fix = s.fixes(uri, f.span).find((x) => x.fix.title === `Suppress ${f.rule} on this line`);
      assert.ok(fix, name);
      const fixed = applyEdits(text, fix.fix.edits);
      assert.equal(fixed, expected);
      s.update({ uri, text: fixed });
      assert.deepEqual(s.analyze(uri), [], `${name}: suppressed after the fix`);
    }
    const json = service('{ "c": "Server=h;Integrated Security=true;Encrypt=False" }', 'appsettings.json');
    const f = json.s.analyze(json.uri)[0];
    assert.ok(!json.s.fixes(json.uri, f.span).some((x) => x.fix.title.startsWith('Suppress')), 'JSON has no comments: no suppress fix');
  });
});

test('fix-all applies every preferred fix once, without overlaps', () => {
  const text = `CREATE ENDPOINT m AS TCP (LISTENER_PORT = 5022)
  FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NTLM, ENCRYPTION = REQUIRED ALGORITHM RC4, ROLE = ALL);
ALTER ENDPOINT m FOR DATABASE_MIRRORING (ENCRYPTION = DISABLED);
`;
  const { s, uri } = service(text, 'a.sql');
  const fixed = applyEdits(text, s.fixAll(uri));
  assert.match(fixed, /AUTHENTICATION = WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL/);
  assert.match(fixed, /ALTER ENDPOINT m FOR DATABASE_MIRRORING \(ENCRYPTION = REQUIRED ALGORITHM AES\)/);
  s.update({ uri, text: fixed });
  assert.deepEqual(s.analyze(uri).filter((f) => f.severity !== 'hint'), []);
});

describe('completion', () => {
  const at = (text: string, name = 'a.sql'): string[] => {
    const cursor = text.indexOf('|');
    const { s, uri } = service(text.replace('|', ''), name);
    return s.complete(uri, cursor).sort((a, b) => a.rank - b.rank).map((c) => (c.deprecated ? `~${c.label}` : c.label));
  };
  test('after ALGORITHM: AES first, RC4 forms deprecated', () => {
    assert.deepEqual(at('CREATE ENDPOINT e AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM |'), ['AES', '~AES RC4', '~RC4 AES', '~RC4']);
    assert.deepEqual(at('ALTER ENDPOINT e FOR SERVICE_BROKER (ENCRYPTION = SUPPORTED ALGORITHM A|)'), ['AES', '~AES RC4', '~RC4 AES', '~RC4']);
  });
  test('values after ENCRYPTION =, AUTHENTICATION =, ROLE =; options by payload', () => {
    assert.equal(at('ALTER ENDPOINT e FOR DATABASE_MIRRORING (ENCRYPTION = |')[0], 'REQUIRED ALGORITHM AES');
    assert.equal(at('ALTER ENDPOINT e FOR DATABASE_MIRRORING (AUTHENTICATION = |')[0], 'WINDOWS NEGOTIATE');
    assert.deepEqual(at('ALTER ENDPOINT e FOR DATABASE_MIRRORING (ROLE = |'), ['ALL', 'PARTNER', 'WITNESS']);
    assert.ok(at('ALTER ENDPOINT e FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES, |').includes('ROLE = '));
    assert.ok(!at('ALTER ENDPOINT e FOR SERVICE_BROKER (|').includes('ROLE = '));
    assert.ok(at('ALTER ENDPOINT e FOR SERVICE_BROKER (|').includes('MESSAGE_FORWARDING = '));
    assert.deepEqual(at('CREATE ENDPOINT e AS TCP (|'), ['LISTENER_PORT = ', 'LISTENER_IP = ']);
  });
  test('dialogs and bindings', () => {
    assert.deepEqual(at("BEGIN DIALOG @h FROM SERVICE a TO SERVICE 'b' WITH ENCRYPTION = |"), ['ON', 'OFF']);
    assert.deepEqual(at("CREATE REMOTE SERVICE BINDING b TO SERVICE 't' WITH USER = u, ANONYMOUS = |"), ['OFF', 'ON']);
  });
  test('certificate names after CERTIFICATE', () => {
    assert.deepEqual(at("USE master;\nCREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(p)';\nCREATE CERTIFICATE HostCert WITH SUBJECT = 's', EXPIRY_DATE = '20301231';\nALTER ENDPOINT e FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE |"), ['HostCert']);
  });
  test('nothing outside the statements that matter, or after their end', () => {
    assert.deepEqual(at('SELECT ALGORITHM |'), []);
    assert.deepEqual(at('ALTER ENDPOINT e FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED);\nSELECT |'), []);
  });
  test('connection strings: keywords of the driver, then values', () => {
    const names = at('String u = "jdbc:sqlserver://h;|";', 'A.java');
    assert.ok(names.includes('encrypt') && names.includes('trustServerCertificate'));
    assert.deepEqual(at('String u = "jdbc:sqlserver://h;encrypt=|";', 'A.java'), ['strict', 'true', '~false']);
    assert.deepEqual(at('var c = "Server=h;Integrated Security=true;TrustServerCertificate=|";', 'a.cs'), ['False', '~True']);
  });
});
