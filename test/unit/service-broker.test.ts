import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/apply-edits';
import { dialogOutcome, type DialogFacts } from '../../server/src/knowledge/dialog-security';
import type { DialogStatement, RemoteServiceBindingStatement, RouteStatement, ServiceStatement } from '../../server/src/tsql/ast';
import { parseSql } from '../../server/src/tsql/parser';
import { AnalysisService } from '../../server/src/service/service';
import { FIXTURES, serviceFor, serviceWithText } from '../helpers/workspace';

const of = <T>(text: string, type: string): T[] => parseSql(text).statements.filter((s) => s.type === type) as T[];

describe('parsing Service Broker statements', () => {
  test('BEGIN DIALOG in its forms', () => {
    const text = `BEGIN DIALOG CONVERSATION @h FROM SERVICE [//A/Init] TO SERVICE N'//A/Target', 'a326e034-d4cf-4e8b-8d98-4d7e1926c904' ON CONTRACT [//A/C] WITH RELATED_CONVERSATION_GROUP = @g, LIFETIME = 60, ENCRYPTION = OFF;
BEGIN DIALOG @h FROM SERVICE Init TO SERVICE @target, @instance WITH LIFETIME = 10 ENCRYPTION = ON
BEGIN DIALOG @h FROM SERVICE Init TO SERVICE 'T', 'CURRENT DATABASE'`;
    const [a, b, c] = of<DialogStatement>(text, 'dialog');
    assert.deepEqual([a.fromService?.name, a.toService?.value, a.brokerInstance?.value, a.contract?.name, a.lifetime?.value, a.encryption?.value, a.withOptions.length], [
      '//A/Init', '//A/Target', 'a326e034-d4cf-4e8b-8d98-4d7e1926c904', '//A/C', 60, 'OFF', 3,
    ]);
    assert.deepEqual([b.toService, b.toServiceIsVariable, b.encryption?.value, b.lifetime?.value], [undefined, true, 'ON', 10]);
    assert.equal(c.brokerInstance?.value, 'CURRENT DATABASE');
  });

  test('bindings (either option order), routes, services', () => {
    const text = `CREATE REMOTE SERVICE BINDING B1 AUTHORIZATION dbo TO SERVICE '//T' WITH USER = TU, ANONYMOUS = ON;
CREATE REMOTE SERVICE BINDING B2 TO SERVICE '//T2' WITH ANONYMOUS = OFF, USER = [T U 2];
ALTER REMOTE SERVICE BINDING B1 WITH ANONYMOUS = OFF;
CREATE ROUTE R WITH SERVICE_NAME = '//T', BROKER_INSTANCE = 'guid', LIFETIME = 3600, ADDRESS = 'TCP://t.contoso.com:4022', MIRROR_ADDRESS = 'TCP://m.contoso.com:4022';
CREATE SERVICE [//T] AUTHORIZATION TOwner ON QUEUE db.dbo.TQ ([//C1], [//C2]);`;
    const bindings = of<RemoteServiceBindingStatement>(text, 'remote-service-binding');
    assert.deepEqual(bindings.map((b) => [b.action, b.name?.name, b.authorization?.name, b.toService?.value, b.user?.name, b.anonymous?.value]), [
      ['create', 'B1', 'dbo', '//T', 'TU', 'ON'], ['create', 'B2', undefined, '//T2', 'T U 2', 'OFF'], ['alter', 'B1', undefined, undefined, undefined, 'OFF'],
    ]);
    const [r] = of<RouteStatement>(text, 'route');
    assert.deepEqual([r.serviceName?.value, r.brokerInstance?.value, r.lifetime?.value, r.address?.value, r.mirrorAddress?.value], ['//T', 'guid', 3600, 'TCP://t.contoso.com:4022', 'TCP://m.contoso.com:4022']);
    const [s] = of<ServiceStatement>(text, 'service');
    assert.deepEqual([s.name?.name, s.authorization?.name, s.queue?.name, s.contracts.map((c) => c.name)], ['//T', 'TOwner', 'TQ', ['//C1', '//C2']]);
    assert.deepEqual(parseSql(text).problems, []);
  });
});

describe('the dialog security outcome table (domain reference §2.2), row by row', () => {
  const rows: [DialogFacts, string | undefined][] = [
    [{ ownerHasCertificate: true, encryption: 'ON' }, 'fails'],
    [{ ownerHasCertificate: true, encryption: 'ON', binding: { anonymous: true } }, 'anonymous'],
    [{ ownerHasCertificate: true, encryption: 'ON', binding: { anonymous: false } }, 'full'],
    [{ ownerHasCertificate: true, encryption: 'OFF' }, 'none'],
    [{ ownerHasCertificate: true, encryption: 'OFF', binding: { anonymous: true } }, 'anonymous'],
    [{ ownerHasCertificate: true, encryption: 'OFF', binding: { anonymous: false } }, 'full'],
    [{ ownerHasCertificate: false, encryption: 'ON' }, 'fails'],
    [{ ownerHasCertificate: false, encryption: 'ON', binding: { anonymous: true } }, 'anonymous'],
    [{ ownerHasCertificate: false, encryption: 'ON', binding: { anonymous: false } }, 'fails'],
    [{ ownerHasCertificate: false, encryption: 'OFF' }, 'none'],
    [{ ownerHasCertificate: false, encryption: 'OFF', binding: { anonymous: true } }, 'anonymous'],
    [{ ownerHasCertificate: false, encryption: 'OFF', binding: { anonymous: false } }, 'fails'],
    [{ encryption: 'ON', binding: { anonymous: false } }, undefined],
  ];
  for (const [facts, expected] of rows) {
    test(`${JSON.stringify(facts)} → ${expected ?? 'depends on the owner'}`, () => {
      const outcome = dialogOutcome(facts);
      assert.equal(outcome.security, expected);
      assert.ok(outcome.reason.length > 20);
    });
  }
});

describe('dialog hovers', () => {
  const hoverAt = (service: AnalysisService, uri: string, needle: string): string => {
    const text = service.workspace.get(uri)!.text;
    const h = service.hover(uri, text.indexOf(needle) + 1);
    assert.ok(h, `no hover on ${needle}`);
    return h.markdown;
  };

  test('full security when the binding exists and the initiator owner has a certificate', () => {
    const dir = join(FIXTURES, 'rules', 'sb-full-security');
    const { service, uris } = serviceFor(dir);
    const card = hoverAt(service, uris.get(join(dir, 'initiator.sql'))!, 'BEGIN DIALOG');
    assert.match(card, /\*\*full security\*\*/);
    assert.match(card, /\| Remote service binding \| TargetBinding, ANONYMOUS = OFF \|/);
    assert.match(card, /InitiatorServiceOwner — has a certificate with a private key/);
  });

  test('anonymous, none and failing dialogs', () => {
    const anon = join(FIXTURES, 'rules', 'sb-anonymous');
    const a = serviceFor(anon);
    assert.match(hoverAt(a.service, a.uris.get(join(anon, 'initiator.sql'))!, 'BEGIN DIALOG'), /\*\*anonymous security\*\*/);
    const off = join(FIXTURES, 'rules', 'sb-encryption-off-no-binding');
    const o = serviceFor(off);
    assert.match(hoverAt(o.service, o.uris.get(join(off, 'initiator.sql'))!, 'BEGIN DIALOG'), /\*\*no dialog security\*\*/);
    const failing = serviceWithText("USE A;\nBEGIN DIALOG @h FROM SERVICE [//I] TO SERVICE '//T';\n");
    assert.match(hoverAt(failing.service, failing.uri, 'BEGIN DIALOG'), /\*\*the dialog fails\*\*.*9727/s);
  });

  test('ENCRYPTION, ANONYMOUS and USER explain themselves', () => {
    const { service, uri } = serviceWithText("CREATE REMOTE SERVICE BINDING B TO SERVICE '//T' WITH USER = TU, ANONYMOUS = ON;\nBEGIN DIALOG @h FROM SERVICE I TO SERVICE '//T' WITH ENCRYPTION = OFF;\n");
    assert.match(hoverAt(service, uri, 'ANONYMOUS ='), /runs as \*\*public\*\*/);
    assert.match(hoverAt(service, uri, 'USER ='), /certificate \(public key\) of the \*remote\* service/);
    assert.match(hoverAt(service, uri, 'ENCRYPTION = OFF'), /unless a remote service binding exists/);
  });
});

describe('dialog fixes', () => {
  const fix = (text: string, rule: string): string => {
    const { service, uri } = serviceWithText(text);
    const f = service.analyze(uri).find((x) => x.rule === rule);
    assert.ok(f, rule);
    return applyEdits(text, f.fixes![0].edits);
  };
  test('ENCRYPTION = OFF is removed with its WITH or its comma', () => {
    const base = "USE A;\nCREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(p)';\nBEGIN DIALOG @h FROM SERVICE I TO SERVICE '//T'";
    assert.equal(fix(`${base} WITH ENCRYPTION = OFF;`, 'dialog-encryption-off'), `${base};`);
    assert.equal(fix(`${base} WITH LIFETIME = 60, ENCRYPTION = OFF;`, 'dialog-encryption-off'), `${base} WITH LIFETIME = 60;`);
    assert.equal(fix(`${base} WITH ENCRYPTION = OFF, LIFETIME = 60;`, 'dialog-encryption-off'), `${base} WITH LIFETIME = 60;`);
    assert.equal(fix(`${base} WITH LIFETIME = 60 ENCRYPTION = OFF;`, 'dialog-encryption-off'), `${base} WITH LIFETIME = 60;`);
  });
  test('ANONYMOUS = ON becomes OFF', () => {
    const text = "CREATE REMOTE SERVICE BINDING B TO SERVICE '//T' WITH USER = TU, ANONYMOUS = ON;";
    assert.equal(fix(text, 'binding-anonymous'), text.replace('ANONYMOUS = ON', 'ANONYMOUS = OFF'));
  });
});

test('a certificate with ACTIVE FOR BEGIN_DIALOG = OFF behind a binding is flagged', () => {
  const text = `USE A;
CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(p)';
CREATE USER TU WITHOUT LOGIN;
CREATE CERTIFICATE TC AUTHORIZATION TU FROM FILE = 't.cer' ACTIVE FOR BEGIN_DIALOG = OFF;
CREATE REMOTE SERVICE BINDING B TO SERVICE '//T' WITH USER = TU;`;
  const { service, uri } = serviceWithText(text);
  const f = service.analyze(uri).find((x) => x.rule === 'binding-user-without-certificate');
  assert.match(f!.message, /ACTIVE FOR BEGIN_DIALOG = OFF.*9767/);
});
