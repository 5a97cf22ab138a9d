/**
 * Secrets are never echoed. Distinctive secrets (`Pl4nted-S3cret-<n>`) are planted wherever the tool finds passwords —
 * T-SQL (CREATE LOGIN, CREATE/BACKUP MASTER KEY, CREATE/BACKUP CERTIFICATE, CREATE USER, linked-server provider
 * strings), JDBC URLs (password=, trustStorePassword=, keyStorePassword=, accessToken=, also given twice), ADO.NET and
 * ODBC strings (Password=, PWD=), go-mssqldb and SQLAlchemy URLs (user:pass@), Spring (`spring.datasource.password`,
 * in .properties and YAML), JDBC API calls and the C# connection string builder — and then everything the tool says
 * is searched for them:
 * - the service: every finding message, related message and fix title, the hover at every offset, document symbols;
 * - the CLI (dist/cli.js): text (code frames included), JSON and SARIF output, and stderr;
 * - the language server (dist/server.js): every byte it writes — publishDiagnostics, hovers at every position of every
 *   line holding a secret, code action titles and edits, document symbols, the workspace report, window/logMessage
 *   and $/logTrace (with `$/setTrace` verbose) — and its stderr.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { AnalysisService } from '../../server/src/service/service';
import { project, run } from '../cli/helpers';
import { RawLspServer } from '../helpers/raw-lsp';

const S = (n: number): string => `Pl4nted-S3cret-${n}`;
/** the number part of every planted secret, found however it is cut, quoted or escaped */
const LEAK = /Pl4nted-S3cret|S3cret-\d+/;

const FILES: Record<string, string> = {
  'db/setup.sql': [
    'USE master;',
    `CREATE MASTER KEY ENCRYPTION BY PASSWORD = '${S(1)}';`,
    `CREATE LOGIN peer_login WITH PASSWORD = '${S(2)}', CHECK_POLICY = OFF;`,
    `ALTER LOGIN peer_login WITH PASSWORD = '${S(3)}' OLD_PASSWORD = '${S(4)}';`,
    `CREATE CERTIFICATE host_cert ENCRYPTION BY PASSWORD = '${S(5)}' WITH SUBJECT = 'host', EXPIRY_DATE = '20301231';`,
    `BACKUP CERTIFICATE host_cert TO FILE = 'C:\\certs\\host.cer' WITH PRIVATE KEY (FILE = 'C:\\certs\\host.pvk', ENCRYPTION BY PASSWORD = '${S(6)}', DECRYPTION BY PASSWORD = '${S(7)}');`,
    `BACKUP MASTER KEY TO FILE = 'C:\\keys\\mk' ENCRYPTION BY PASSWORD = '${S(8)}';`,
    `OPEN MASTER KEY DECRYPTION BY PASSWORD = '${S(9)}';`,
    `CREATE USER contained WITH PASSWORD = '${S(10)}';`,
    'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022)',
    '  FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE host_cert, ENCRYPTION = REQUIRED ALGORITHM RC4, ROLE = ALL);',
    `EXEC sp_addlinkedserver @server = 'remote', @srvproduct = '', @provider = 'MSOLEDBSQL', @provstr = 'Server=remote;User ID=u;Password=${S(11)};Encrypt=no;TrustServerCertificate=yes';`,
    'GO',
    '',
  ].join('\n'),
  'app/Db.java': [
    'class Db {',
    `  String url = "jdbc:sqlserver://db.example.com:1433;databaseName=app;user=app;password=${S(12)};encrypt=false;trustServerCertificate=true;trustStore=/t.jks;trustStorePassword=${S(13)}";`,
    `  String twice = "jdbc:sqlserver://db2;password=${S(14)};encrypt=true;password=${S(15)};accessToken=${S(16)};accessToken=${S(17)};keyStorePassword=${S(18)};keyStoreSecret=${S(19)}";`,
    '  void configure(SQLServerDataSource ds, java.util.Properties props) {',
    `    ds.setPassword("${S(20)}");`,
    '    ds.setEncrypt(false);',
    `    ds.setTrustStorePassword("${S(21)}");`,
    `    props.put("password", "${S(22)}");`,
    `    props.setProperty("trustStorePassword", "${S(23)}");`,
    '  }',
    '}',
    '',
  ].join('\n'),
  'app/application.properties': [
    `spring.datasource.url=jdbc:sqlserver://db.example.com;encrypt=false;password=${S(24)}`,
    'spring.datasource.username=app',
    `spring.datasource.password=${S(25)}`,
    `spring.datasource.hikari.data-source-properties.trustStorePassword=${S(26)}`,
    '',
  ].join('\n'),
  'app/application.yml': ['spring:', '  datasource:', '    url: jdbc:sqlserver://db.example.com;encrypt=false', `    password: ${S(27)}`, ''].join('\n'),
  'app/Program.cs': [
    'class P {',
    `  const string A = "Server=tcp:db.example.com,1433;Database=app;User Id=app;Password=${S(28)};Encrypt=False;TrustServerCertificate=True";`,
    `  const string B = @"Data Source=db;Password=""${S(29)}"";Password=${S(30)};Encrypt=Optional";`,
    `  var b = new SqlConnectionStringBuilder { DataSource = "db", Password = "${S(31)}", Encrypt = SqlConnectionEncryptOption.Optional, TrustServerCertificate = true };`,
    '}',
    '',
  ].join('\n'),
  'app/db.py': [
    `ODBC = "Driver={ODBC Driver 17 for SQL Server};Server=db;UID=app;PWD=${S(32)};Encrypt=no;TrustServerCertificate=yes"`,
    `ODBC2 = "Driver={ODBC Driver 18 for SQL Server};Server=db;PWD={${S(33)}};PWD={${S(34)}};Encrypt=yes"`,
    `ENGINE = "mssql+pyodbc://app:${S(35)}@db.example.com/app?driver=ODBC+Driver+17+for+SQL+Server&Encrypt=no"`,
    '',
  ].join('\n'),
  'app/main.go': ['package main', '', `const dsn = "sqlserver://app:${S(36)}@db.example.com:1433?database=app&encrypt=disable&TrustServerCertificate=true"`, ''].join('\n'),
  'app/db.js': [
    "const sql = require('mssql');",
    `const config = { user: 'app', password: '${S(37)}', server: 'db', options: { encrypt: false, trustServerCertificate: true } };`,
    `const cs = 'Server=db;Password=${S(38)};Encrypt=false';`,
    '',
  ].join('\n'),
  'app/.env': [`DB_URL=jdbc:sqlserver://db;encrypt=false;password=${S(39)}`, `SQLSERVER_DSN=sqlserver://u:${S(40)}@db?encrypt=disable`, ''].join('\n'),
  'app/web.config': [
    '<configuration><connectionStrings>',
    `  <add name="db" connectionString="Server=db;Password=${S(41)};Encrypt=False;TrustServerCertificate=True" />`,
    '</connectionStrings></configuration>',
    '',
  ].join('\n'),
  'docs/runbook.md': ['# Runbook', '', '```sql', `CREATE LOGIN ops WITH PASSWORD = '${S(42)}';`, '```', '', `Connect with jdbc:sqlserver://db;encrypt=false;password=${S(43)} for now.`, ''].join('\n'),
};

/** Every planted secret: the texts hold 43 of them. */
const PLANTED = Object.values(FILES).join('\n').match(/Pl4nted-S3cret-\d+/g) ?? [];

function assertNoSecret(text: string, where: string): void {
  const m = LEAK.exec(text);
  assert.equal(m, null, `${where} echoes a planted secret: …${m ? text.slice(Math.max(0, m.index - 120), m.index + 40) : ''}…`);
}

describe('secrets are never echoed', () => {
  test('the fixture really plants them, and the tool really sees them', () => {
    assert.equal(new Set(PLANTED).size, 43);
    const service = new AnalysisService();
    for (const [name, text] of Object.entries(FILES)) service.update({ uri: `file:///secrets/${name}`, text });
    const flagged = Object.keys(FILES).flatMap((name) => service.analyze(`file:///secrets/${name}`).filter((f) => f.rule === 'hardcoded-password'));
    assert.ok(flagged.length >= 30, `only ${flagged.length} hardcoded-password findings`);
  });

  test('service: finding messages, related messages, fix titles and edits, hovers at every offset, symbols', () => {
    const service = new AnalysisService();
    const uris = Object.keys(FILES).map((name) => `file:///secrets/${name}`);
    Object.entries(FILES).forEach(([name, text]) => service.update({ uri: `file:///secrets/${name}`, text }));
    for (const [i, uri] of uris.entries()) {
      const text = Object.values(FILES)[i];
      for (const f of service.analyze(uri)) {
        assertNoSecret(f.message, `${uri} ${f.rule} message`);
        for (const r of f.related ?? []) assertNoSecret(r.message, `${uri} ${f.rule} related`);
        for (const fix of f.fixes ?? []) {
          assertNoSecret(fix.title, `${uri} ${f.rule} fix title`);
          for (const e of fix.edits) assertNoSecret(e.newText, `${uri} ${f.rule} fix edit`);
        }
      }
      for (let offset = 0; offset <= text.length; offset++) {
        const h = service.hover(uri, offset);
        if (h) assertNoSecret(h.markdown, `${uri} hover at ${offset}`);
      }
      assertNoSecret(JSON.stringify(service.documentSymbols(uri)), `${uri} symbols`);
    }
  });

  describe('CLI (dist/cli.js)', () => {
    let root: string;
    before(() => {
      root = project(FILES);
    });
    for (const format of ['text', 'json', 'sarif'] as const) {
      test(`--format ${format}: stdout and stderr`, () => {
        const r = run(['--format', format, '--fail-on', 'never', '.'], root, { FORCE_COLOR: '1' });
        assert.equal(r.status, 0, r.stderr);
        assert.ok(r.stdout.includes('hardcoded-password'), 'the secrets are found');
        assertNoSecret(r.stdout, `${format} output`);
        assertNoSecret(r.stderr, `${format} stderr`);
      });
    }
    test('with hardcoded-password turned off, code frames still mask the secrets', () => {
      const r = run(['--fail-on', 'never', '.'], project({ ...FILES, '.sqlguard.json': JSON.stringify({ rules: { 'hardcoded-password': 'off' } }) }));
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.includes('connection-encrypt-disabled'));
      assertNoSecret(r.stdout, 'text output without the secret rule');
    });
    test('a baseline file does not store them either', () => {
      const baseline = join(root, 'baseline.json');
      const r = run(['--write-baseline', baseline, '.'], root);
      assert.equal(r.status, 0, r.stderr);
      assertNoSecret(readFileSync(baseline, 'utf8'), 'baseline');
    });
  });

  describe('language server (dist/server.js)', () => {
    let server: RawLspServer;
    const uriOf = (name: string): string => pathToFileURL(join('/secrets-ws', name)).href;
    const languageOf: Record<string, string> = { sql: 'sql', java: 'java', properties: 'properties', yml: 'yaml', cs: 'csharp', py: 'python', go: 'go', js: 'javascript', env: 'dotenv', config: 'xml', md: 'markdown' };

    before(async () => {
      server = new RawLspServer({ trace: { server: 'verbose' } });
      await server.initialize(pathToFileURL('/secrets-ws').href);
      server.notify('$/setTrace', { value: 'verbose' });
      for (const [name, text] of Object.entries(FILES)) {
        const ext = name.slice(name.lastIndexOf('.') + 1);
        server.notify('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: languageOf[ext] ?? 'plaintext', version: 1, text } });
      }
      for (const name of Object.keys(FILES)) await server.diagnostics(uriOf(name));
    });

    after(() => server.kill());

    test('diagnostics, hovers on every line holding a secret, code actions and symbols', async () => {
      for (const [name, text] of Object.entries(FILES)) {
        const uri = uriOf(name);
        const lines = text.split('\n');
        for (const [line, content] of lines.entries()) {
          if (!LEAK.test(content)) continue;
          for (let character = 0; character <= content.length; character++) server.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
        }
        const diagnostics = (await server.diagnostics(uri)).diagnostics;
        const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
        const actions = await server.call('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics } });
        assert.equal(actions.error, undefined);
        for (const d of diagnostics) await server.call('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
        await server.call('textDocument/documentSymbol', { textDocument: { uri } });
      }
      // the workspace report command (a Markdown summary of the findings), when the server offers it
      const report = await server.call('sqlTransportGuard/report', {});
      assert.ok(report.error === undefined || report.error.code === -32601, JSON.stringify(report.error));
      // a last round trip: every hover sent above has been answered before it
      await server.call('textDocument/hover', { textDocument: { uri: uriOf('db/setup.sql') }, position: { line: 0, character: 0 } });
      assert.ok(server.received.some((m) => m.method === 'textDocument/publishDiagnostics' && JSON.stringify(m).includes('hardcoded-password')));
      for (const m of server.received) assertNoSecret(JSON.stringify(m), `server message ${m.method ?? `response ${String(m.id)}`}`);
    });

    test('everything the server wrote: stdout (logMessage and $/logTrace included) and stderr', () => {
      assertNoSecret(server.stdout, 'server stdout');
      assertNoSecret(server.stderr, 'server stderr');
    });
  });
});
