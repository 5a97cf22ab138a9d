import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CertificateStatement, LoginStatement, MasterKeyStatement, PermissionStatement, UserStatement } from '../../server/src/tsql/ast';
import { parseSql } from '../../server/src/tsql/parser';
import { AnalysisService } from '../../server/src/service/service';
import { FIXTURES, serviceFor } from '../helpers/workspace';

const of = <T>(text: string, type: string): T[] => parseSql(text).statements.filter((s) => s.type === type) as T[];
const at = (text: string, span: { start: number; end: number } | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

describe('parsing keys, certificates and principals', () => {
  test('CREATE CERTIFICATE in all its forms', () => {
    const text = `USE master;
CREATE CERTIFICATE A WITH SUBJECT = 'a', START_DATE = '20260101', EXPIRY_DATE = '20281231';
CREATE CERTIFICATE B ENCRYPTION BY PASSWORD = 'pw' WITH SUBJECT = 'b' ACTIVE FOR BEGIN_DIALOG = OFF;
CREATE CERTIFICATE C AUTHORIZATION u FROM FILE = 'c.cer';
CREATE CERTIFICATE D FROM FILE = 'd.cer' WITH PRIVATE KEY (FILE = 'd.pvk', DECRYPTION BY PASSWORD = 'x', ENCRYPTION BY PASSWORD = 'y');
CREATE CERTIFICATE E FROM FILE = 'e.pfx' WITH FORMAT = 'PFX', PRIVATE KEY (DECRYPTION BY PASSWORD = 'z');
CREATE CERTIFICATE F FROM BINARY = 0x3082;
CREATE CERTIFICATE G FROM ASSEMBLY Shipping;
CREATE CERTIFICATE H FROM EXECUTABLE FILE = 'h.dll';`;
    const certs = of<CertificateStatement>(text, 'certificate');
    assert.deepEqual(certs.map((c) => [c.name?.name, c.source]), [
      ['A', 'generated'], ['B', 'generated'], ['C', 'file'], ['D', 'file'], ['E', 'file'], ['F', 'binary'], ['G', 'assembly'], ['H', 'executable'],
    ]);
    const [a, b, c, d, e] = certs;
    assert.deepEqual([a.subject?.value, a.startDate?.value, a.expiryDate?.value, a.database], ['a', '20260101', '20281231', 'master']);
    assert.equal(at(text, b.encryptionPassword?.clauseSpan), "ENCRYPTION BY PASSWORD = 'pw'");
    assert.equal(b.activeForBeginDialog?.value, 'OFF');
    assert.equal(c.authorization?.name, 'u');
    assert.equal(c.file?.value, 'c.cer');
    assert.equal(d.privateKey?.file?.value, 'd.pvk');
    assert.equal(d.privateKey?.decryptionPassword?.value, 'x');
    assert.equal(d.privateKey?.encryptionPassword?.value, 'y');
    assert.equal(e.format?.value, 'PFX');
    assert.equal(e.privateKey?.decryptionPassword?.value, 'z');
  });

  test('BACKUP CERTIFICATE with and without the private key; master keys; logins; users; grants', () => {
    const text = `BACKUP CERTIFICATE A TO FILE = 'a.cer';
BACKUP CERTIFICATE A TO FILE = 'a.cer' WITH PRIVATE KEY (FILE = 'a.pvk', ENCRYPTION BY PASSWORD = 'k');
CREATE MASTER KEY ENCRYPTION BY PASSWORD = 'm';
ALTER MASTER KEY DROP ENCRYPTION BY SERVICE MASTER KEY;
OPEN MASTER KEY DECRYPTION BY PASSWORD = 'o';
CREATE LOGIN L1 WITH PASSWORD = 'l' MUST_CHANGE, CHECK_POLICY = ON, CHECK_EXPIRATION = ON;
CREATE LOGIN [DOM\\svc] FROM WINDOWS WITH DEFAULT_DATABASE = master;
CREATE LOGIN L3 FROM CERTIFICATE A;
CREATE USER U1 FOR LOGIN L1;
CREATE USER U2 WITHOUT LOGIN;
CREATE USER U3 FROM CERTIFICATE A;
GRANT CONNECT ON ENDPOINT::Mirroring TO [L1], [DOM\\svc];
REVOKE GRANT OPTION FOR VIEW DEFINITION, CONNECT ON ENDPOINT::[Mirroring] FROM L3 CASCADE;
GRANT SELECT ON dbo.t TO public;`;
    const backups = of<CertificateStatement>(text, 'certificate');
    assert.deepEqual(backups.map((b) => [b.action, !!b.privateKey, b.file?.value]), [['backup', false, 'a.cer'], ['backup', true, 'a.cer']]);
    const keys = of<MasterKeyStatement>(text, 'master-key');
    assert.deepEqual(keys.map((k) => [k.action, k.passwords.map((p) => p.clause), k.dropsServiceMasterKey]), [
      ['create', ['ENCRYPTION BY PASSWORD'], false], ['alter', [], true], ['open', ['DECRYPTION BY PASSWORD'], false],
    ]);
    const logins = of<LoginStatement>(text, 'login');
    assert.deepEqual(logins.map((l) => [l.name?.name, l.source, l.certificate?.name, l.checkPolicy?.value]), [
      ['L1', 'password', undefined, 'ON'], ['DOM\\svc', 'windows', undefined, undefined], ['L3', 'certificate', 'A', undefined],
    ]);
    const users = of<UserStatement>(text, 'user');
    assert.deepEqual(users.map((u) => [u.name?.name, u.login?.name, u.withoutLogin, u.certificate?.name]), [
      ['U1', 'L1', false, undefined], ['U2', undefined, true, undefined], ['U3', undefined, false, 'A'],
    ]);
    const grants = of<PermissionStatement>(text, 'permission');
    assert.deepEqual(grants.map((g) => [g.action, g.permissions.map((p) => p.value), g.securableClass, g.securable.name, g.principals.map((p) => p.name)]), [
      ['grant', ['CONNECT'], 'ENDPOINT', 'Mirroring', ['L1', 'DOM\\svc']],
      ['revoke', ['VIEW DEFINITION', 'CONNECT'], 'ENDPOINT', 'Mirroring', ['L3']],
    ]);
    assert.deepEqual(parseSql(text).problems, []);
  });
});

describe('certificate hovers and navigation', () => {
  const dir = join(FIXTURES, 'rules', 'cert-complete');
  const { service, uris } = serviceFor(dir);
  const uriA = uris.get(join(dir, 'host_a.sql'))!;
  const uriB = uris.get(join(dir, 'host_b.sql'))!;
  const textA = readFileSync(join(dir, 'host_a.sql'), 'utf8');
  const offset = (needle: string, nth = 0): number => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = textA.indexOf(needle, i + 1);
    return i + 1;
  };

  test('hover on an endpoint certificate: creation, protection, dates, backup, users', () => {
    const hover = service.hover(uriA, offset('HOST_A_cert', 1))!.markdown;
    assert.match(hover, /\*\*Certificate HOST_A_cert\*\*/);
    assert.match(hover, /line 6: created by SQL Server, private key protected by the database master key, in master/);
    assert.match(hover, /valid from creation until 20301031/);
    assert.match(hover, /public certificate only/);
    assert.match(hover, /endpoint Endpoint_Mirroring \(line 10\)/);
    assert.match(hover, /host_b\.sql line \d+ \(another instance\): imported from file 'C:\\certs\\HOST_A_cert\.cer', public key only, in master, owned by user HOST_A_user/);
  });

  test('go to definition and find references', () => {
    const grantLogin = offset('HOST_B_login]');
    const [def] = service.definition(uriA, grantLogin);
    assert.equal(def.uri, uriA);
    assert.equal(textA.slice(def.span.start, def.span.end), 'HOST_B_login');
    assert.ok(textA.slice(0, def.span.start).endsWith('CREATE LOGIN '));
    const refs = service.references(uriA, offset('Endpoint_Mirroring'), true);
    assert.deepEqual(
      refs.map((r) => r.uri),
      [uriA, uriA, uriB, uriB],
    );
    assert.deepEqual(service.references(uriA, offset('Endpoint_Mirroring'), false).length, 2);
  });

  test('document symbols list what the script creates', () => {
    assert.deepEqual(service.documentSymbols(uriA).map((s) => [s.kind, s.name]), [
      ['certificate', 'HOST_A_cert'], ['endpoint', 'Endpoint_Mirroring'], ['login', 'HOST_B_login'], ['user', 'HOST_B_user'], ['certificate', 'HOST_B_cert'],
    ]);
  });
});

test('a password never appears in a message, a fix title or a hover', () => {
  const dir = join(FIXTURES, 'rules', 'hardcoded-password');
  const { service, uris } = serviceFor(dir);
  const [uri] = [...uris.values()];
  const text = service.workspace.get(uri)!.text;
  const secrets = ['Str0ng!Passphrase#2026', "sh''rt", "sh'rt", 'N3w-Secret!x', 'Old-Secret!9', 'Pvk#Secret1'];
  const findings = service.analyze(uri);
  assert.ok(findings.filter((f) => f.rule === 'hardcoded-password').length >= 5);
  const outputs = findings.flatMap((f) => [f.message, ...(f.fixes ?? []).map((x) => x.title)]);
  for (let o = 0; o < text.length; o += 7) {
    const h = service.hover(uri, o);
    if (h) outputs.push(h.markdown);
  }
  for (const out of outputs) for (const secret of secrets) assert.ok(!out.includes(secret), `"${secret}" leaked in: ${out}`);
  assert.ok(findings.some((f) => /well-known password/.test(f.message)));
  assert.ok(findings.some((f) => /shorter than 8 characters/.test(f.message)));
});

test('a created certificate used by an endpoint gets a dated expiry fix', () => {
  const s = new AnalysisService();
  const text = "USE master;\nCREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(p)';\nCREATE CERTIFICATE C WITH SUBJECT = 's', START_DATE = '2027-03-01';\nCREATE ENDPOINT E AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (AUTHENTICATION = CERTIFICATE C, ENCRYPTION = REQUIRED ALGORITHM AES, ROLE = ALL);\n";
  s.update({ uri: 'file:///w/a.sql', text });
  const f = s.analyze('file:///w/a.sql').find((x) => x.rule === 'certificate-no-expiry')!;
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.fixes?.[0].edits.map((e) => e.newText), [", EXPIRY_DATE = '20291231'"]);
});
