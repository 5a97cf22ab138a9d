/** JDBC URLs parsed like the driver, and the rows of the driver's encryption behaviour table (seed 002). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identity } from '../../server/src/connection-strings/decoded';
import { jdbcUrlEndInText, parseJdbcUrl } from '../../server/src/connection-strings/jdbc';
import { effective } from '../../server/src/connection-strings/model';
import { jdbcTransport } from '../../server/src/knowledge/jdbc-semantics';

const parse = (url: string) => parseJdbcUrl(identity(url, 0, url.length), 0, url.length);

describe('JDBC URL parsing', () => {
  test('server, instance, port and properties with exact ranges', () => {
    const url = 'jdbc:sqlserver://db.contoso.com\\SALES:1433; databaseName = Sales ;encrypt=true;;trustServerCertificate=false';
    const c = parse(url);
    assert.equal(c.server?.name, 'db.contoso.com');
    assert.equal(c.instance, 'SALES');
    assert.equal(c.port, '1433');
    assert.deepEqual(c.properties.map((p) => [p.name, p.key, p.value, url.slice(p.nameRange.start, p.nameRange.end), url.slice(p.valueRange.start, p.valueRange.end)]), [
      ['databaseName', 'databasename', 'Sales', 'databaseName', 'Sales'],
      ['encrypt', 'encrypt', 'true', 'encrypt', 'true'],
      ['trustServerCertificate', 'trustservercertificate', 'false', 'trustServerCertificate', 'false'],
    ]);
    assert.equal(url.slice(c.properties[1].removeRange!.start, c.properties[1].removeRange!.end), ';encrypt=true');
  });

  test('braced values keep ; = and spaces, with }} for }', () => {
    const url = 'jdbc:sqlserver://h;password={a;b=c }} d} ;user=u';
    const c = parse(url);
    assert.deepEqual(c.properties.map((p) => [p.name, p.value]), [['password', 'a;b=c } d'], ['user', 'u']]);
    assert.equal(url.slice(c.properties[0].valueRange.start, c.properties[0].valueRange.end), '{a;b=c }} d}');
  });

  test('names are case-insensitive, synonyms resolve, the last occurrence wins, unknown names have no key', () => {
    const c = parse('jdbc:sqlserver://h;ENCRYPT=false;server=x;Encrypt=true;trustServerCertifcate=true');
    assert.equal(effective(c, 'encrypt')?.value, 'true');
    assert.equal(c.properties[1].key, 'servername');
    assert.equal(c.properties[3].key, undefined);
  });

  test('in raw text the URL ends at whitespace, quotes and closing brackets', () => {
    const text = 'Use `jdbc:sqlserver://h;encrypt=true;password={a b}` here.';
    const start = text.indexOf('jdbc:');
    assert.equal(text.slice(start, jdbcUrlEndInText(text, start)), 'jdbc:sqlserver://h;encrypt=true;password={a b}');
    const sentence = 'Connect to jdbc:sqlserver://h;encrypt=true.';
    assert.equal(sentence.slice(sentence.indexOf('jdbc:'), jdbcUrlEndInText(sentence, sentence.indexOf('jdbc:'))), 'jdbc:sqlserver://h;encrypt=true');
  });

  test('never throws on broken URLs', () => {
    for (const url of ['jdbc:sqlserver://', 'jdbc:sqlserver://;', 'jdbc:sqlserver://h;=', 'jdbc:sqlserver://h;a={unclosed', 'jdbc:sqlserver://h;a', 'jdbc:sqlserver://\\:;;;=;']) {
      assert.doesNotThrow(() => parse(url));
    }
  });
});

describe('the seed table, row by row (driver 12.10 unless stated)', () => {
  const row = (props: string, version = '12.10'): number => jdbcTransport(parse(`jdbc:sqlserver://db.contoso.com${props}`), version).row;
  test('1: encrypt=false or blank on an old driver — login only, not validated', () => {
    assert.equal(row(';encrypt=false;trustServerCertificate=true;hostNameInCertificate=x'), 1);
    assert.equal(row('', '9.4'), 1);
    assert.match(jdbcTransport(parse('jdbc:sqlserver://h;encrypt=no'), '12.10').validation, /not validated/);
  });
  test('2: encrypt=true, trustServerCertificate=true — not validated', () => assert.equal(row(';encrypt=true;trustServerCertificate=true;trustStore=s'), 2));
  test('3: encrypt=true (or blank on 10.2+) — serverName against the default store', () => {
    assert.equal(row(';encrypt=true'), 3);
    assert.equal(row(''), 3);
    assert.match(jdbcTransport(parse('jdbc:sqlserver://db.contoso.com'), '12.10').validation, /'db\.contoso\.com' \(serverName\)/);
  });
  test('4: + hostNameInCertificate', () => assert.equal(row(';encrypt=true;hostNameInCertificate=*.contoso.com'), 4));
  test('5: + trustStore and trustStorePassword', () => assert.equal(row(';encrypt=true;trustStore=/s.jks;trustStorePassword=${P}'), 5));
  test('6: trustStorePassword only — the default store’s integrity', () => assert.equal(row(';encrypt=true;trustStorePassword=${P}'), 6));
  test('7: trustStore only', () => assert.equal(row(';encrypt=true;trustStore=/s.jks'), 7));
  test('8: hostNameInCertificate + trustStorePassword', () => assert.equal(row(';encrypt=true;hostNameInCertificate=h;trustStorePassword=${P}'), 8));
  test('9: hostNameInCertificate + trustStore', () => assert.equal(row(';encrypt=true;hostNameInCertificate=h;trustStore=/s.jks'), 9));
  test('10: hostNameInCertificate + trustStore + trustStorePassword', () => assert.equal(row(';encrypt=true;hostNameInCertificate=h;trustStore=/s.jks;trustStorePassword=${P}'), 10));
  test('11: encrypt=strict — TDS 8, trustServerCertificate ignored, hostNameInCertificate or serverCertificate', () => {
    assert.equal(row(';encrypt=strict;trustServerCertificate=true;serverCertificate=/c.pem'), 11);
    const card = jdbcTransport(parse('jdbc:sqlserver://h;encrypt=strict;serverCertificate=/c.pem'), '12.10');
    assert.match(card.validation, /pinned certificate '\/c\.pem'/);
    assert.match(card.tls, /TDS 8\.0 strict/);
  });
});
