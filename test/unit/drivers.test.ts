/** ADO.NET, ODBC, OLE DB, Go, Node and SPN specifics that fixtures cannot annotate (JSON has no comments). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identity } from '../../server/src/connection-strings/decoded';
import { parseKeyValue } from '../../server/src/connection-strings/keyvalue';
import { spnForm } from '../../server/src/knowledge/spn';
import { serviceWithText } from '../helpers/workspace';

const pairs = (s: string, q: 'sqlclient' | 'odbc' | 'oledb') => parseKeyValue(identity(s, 0, s.length), 0, s.length, q).map((p) => [p.name, p.value]);

describe('key=value quoting per driver', () => {
  test('ADO.NET: single or double quotes, doubled to escape', () => {
    assert.deepEqual(pairs(`Server=h;Password='a;b''c';App="x ""y"""; Database = Sales `, 'sqlclient'), [['Server', 'h'], ['Password', "a;b'c"], ['App', 'x "y"'], ['Database', 'Sales']]);
  });
  test('ODBC: braces with }} for }', () => {
    assert.deepEqual(pairs('Driver={ODBC Driver 18 for SQL Server};PWD={p;w}}d};Server=h', 'odbc'), [['Driver', 'ODBC Driver 18 for SQL Server'], ['PWD', 'p;w}d'], ['Server', 'h']]);
  });
  test('OLE DB: the first } ends a braced value', () => {
    assert.deepEqual(pairs('Provider=MSOLEDBSQL19;Password={a}};Server=h', 'oledb'), [['Provider', 'MSOLEDBSQL19'], ['Password', 'a'], ['Server', 'h']]);
  });
  test('never throws on broken strings', () => {
    for (const s of ['', ';', '=', 'a', 'a=', '=b;', "x='unclosed", 'x={unclosed', ';;;=;=;']) {
      for (const q of ['sqlclient', 'odbc', 'oledb'] as const) assert.doesNotThrow(() => pairs(s, q));
    }
  });
});

describe('duplicate precedence per driver', () => {
  const winner = (file: string, text: string): string[] => {
    const { service, uri } = serviceWithText(text, file);
    return service.analyze(uri).filter((f) => f.rule === 'connection-duplicate-property').map((f) => f.message.replace(/^.*\((Encrypt=\w+)\).*$/, '$1'));
  };
  test('ADO.NET: the last one wins; ODBC: the first one wins', () => {
    assert.deepEqual(winner('a.cs', 'var s = "Server=h;Integrated Security=true;Encrypt=False;Encrypt=True";'), ['Encrypt=True']);
    assert.deepEqual(winner('a.py', 's = "Driver={ODBC Driver 18 for SQL Server};Server=h;Encrypt=no;Encrypt=yes"'), ['Encrypt=no']);
  });
});

test('appsettings.json connection strings are found with exact ranges', () => {
  const text = `{
  "ConnectionStrings": {
    "Sales": "Server=tcp:sql01.contoso.com,1433;Database=Sales;Integrated Security=true;Encrypt=False;TrustServerCertificate=True"
  }
}`;
  const { service, uri } = serviceWithText(text, 'appsettings.json');
  const found = service.analyze(uri).map((f) => [f.rule, text.slice(f.span.start, f.span.end)]);
  assert.deepEqual(found, [
    ['connection-encrypt-disabled', 'Encrypt=False'],
    ['connection-trust-server-certificate', 'TrustServerCertificate=True'],
  ]);
});

test('driver versions come from the string when it says (ODBC Driver 17 does not encrypt by default; 18 does)', () => {
  const v17 = serviceWithText('c = "Driver={ODBC Driver 17 for SQL Server};Server=h;Trusted_Connection=yes"', 'a.py');
  assert.deepEqual(v17.service.analyze(v17.uri).map((f) => f.rule), ['connection-encrypt-disabled']);
  const v18 = serviceWithText('c = "Driver={ODBC Driver 18 for SQL Server};Server=h;Trusted_Connection=yes"', 'a.py');
  assert.deepEqual(v18.service.analyze(v18.uri), []);
});

test('the transport card names the driver, its version and what happens', () => {
  const text = 'c = "Driver={ODBC Driver 18 for SQL Server};Server=sql01;Encrypt=yes;TrustServerCertificate=yes"';
  const { service, uri } = serviceWithText(text, 'a.py');
  const card = service.hover(uri, text.indexOf('Driver') + 1)?.markdown ?? '';
  assert.match(card, /ODBC Driver for SQL Server 18 \(from the string\)/);
  assert.match(card, /\*\*not validated\*\* \(TrustServerCertificate\)/);
  const go = 'u := "sqlserver://sql01?database=x&encrypt=disable"';
  const g = serviceWithText(go, 'main.go');
  assert.match(g.service.hover(g.uri, go.indexOf('sqlserver') + 2)?.markdown ?? '', /no TLS at all/);
});

describe('SPN forms (seed 003)', () => {
  const valid = [
    'MSSQLSvc/sql01.contoso.com', 'MSSQLSvc/sql01.contoso.com:1433', 'MSSQLSvc/sql01.contoso.com:SALES', 'HOST/sql01.contoso.com', 'HOST/SQL01',
    'svc-sql@CONTOSO.COM', 'SQL01$@contoso.com', 'MyKey/SQL01',
  ];
  for (const v of valid) test(`valid: ${v}`, () => assert.ok(spnForm(v, false), v));
  const invalid = ['MSSQLSvc\\sql01', 'MSSQLSvc/', 'sql01.contoso.com', 'MSSQLSvc/sql01:1433@CONTOSO.COM', 'MSSQLSvc/sql01.contoso.com:1433:extra', 'HOST/', '@contoso.com', 'a b/c', 'x'.repeat(261)];
  for (const v of invalid) test(`invalid: ${v.slice(0, 40)}`, () => assert.equal(spnForm(v, false), undefined, v));
  test('JDBC may add @REALM', () => assert.equal(spnForm('MSSQLSvc/sql01.contoso.com:1433@CONTOSO.COM', true)?.form, 'MSSQLSvc/fqdn:port@REALM'));
  test('a hover on an SPN says which form it is and the seed’s notes', () => {
    const text = 'var s = "Server=h;Integrated Security=true;Encrypt=True;Server SPN=MSSQLSvc/sql01.contoso.com:1433";';
    const { service, uri } = serviceWithText(text, 'a.cs');
    const h = service.hover(uri, text.indexOf('MSSQLSvc') + 3)?.markdown ?? '';
    assert.match(h, /Form \*\*MSSQLSvc\/fqdn:port\*\*/);
    assert.match(h, /fragments the connection pool/);
  });
});
