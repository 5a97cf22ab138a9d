import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { EndpointStatement } from '../../server/src/tsql/ast';
import { parseSql } from '../../server/src/tsql/parser';

function endpoints(text: string): EndpointStatement[] {
  return parseSql(text).statements.filter((s): s is EndpointStatement => s.type === 'endpoint');
}

const at = (text: string, span: { start: number; end: number } | undefined): string | undefined => (span ? text.slice(span.start, span.end) : undefined);

/** CREATE/ALTER ENDPOINT examples from the documentation (domain reference §1, §4) and real-world scripts. */
const DOCUMENTED = [
  `CREATE ENDPOINT Endpoint_Mirroring STATE=STARTED AS TCP(LISTENER_PORT=7024, LISTENER_IP=ALL) FOR DATABASE_MIRRORING(AUTHENTICATION=CERTIFICATE HOST_A_cert, ENCRYPTION=REQUIRED ALGORITHM AES, ROLE=ALL)`,
  `CREATE ENDPOINT Endpoint_Mirroring STATE=STARTED AS TCP(LISTENER_PORT=7022) FOR DATABASE_MIRRORING(ROLE=PARTNER)`,
  `CREATE ENDPOINT BrokerEndpoint STATE=STARTED AS TCP(LISTENER_PORT=4037) FOR SERVICE_BROKER(AUTHENTICATION=WINDOWS)`,
  `CREATE ENDPOINT [Hadr_endpoint] AS TCP (LISTENER_PORT = 5022) FOR DATA_MIRRORING (ROLE = ALL, AUTHENTICATION = CERTIFICATE dbm_certificate, ENCRYPTION = REQUIRED ALGORITHM AES);
ALTER ENDPOINT [Hadr_endpoint] STATE = STARTED;`,
  `CREATE ENDPOINT endpoint_mirroring
    STATE = STARTED
    AS TCP ( LISTENER_PORT = 7022 )
    FOR DATABASE_MIRRORING (
       AUTHENTICATION = WINDOWS KERBEROS,
       ENCRYPTION = SUPPORTED,
       ROLE=ALL);`,
  `CREATE ENDPOINT BrokerEndpoint AUTHORIZATION [CONTOSO\\svc] STATE = STARTED AS TCP (LISTENER_PORT = 4022, LISTENER_IP = (10.0.0.5))
   FOR SERVICE_BROKER (AUTHENTICATION = CERTIFICATE TransportSecurity WINDOWS NEGOTIATE, ENCRYPTION = REQUIRED ALGORITHM AES RC4, MESSAGE_FORWARDING = ENABLED, MESSAGE_FORWARD_SIZE = 10)`,
  `CREATE ENDPOINT ipv6 AS TCP (LISTENER_PORT = 5022, LISTENER_IP = ('::1')) FOR DATABASE_MIRRORING (ROLE = WITNESS)`,
  `ALTER ENDPOINT Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES)`,
  `ALTER ENDPOINT Mirroring AS TCP (LISTENER_PORT = $(Port)) FOR DATABASE_MIRRORING (ROLE = $(Role))`,
  `CREATE ENDPOINT sql_endpoint STATE = STARTED AS TCP (LISTENER_PORT = 1433) FOR TSQL ();`,
  `DROP ENDPOINT Mirroring;`,
];

describe('endpoint parser', () => {
  for (const [n, text] of DOCUMENTED.entries()) {
    test(`documented example ${n + 1} parses without a problem`, () => {
      const parsed = parseSql(text);
      assert.deepEqual(parsed.problems, []);
      assert.ok(endpoints(text).length >= 1);
    });
  }

  test('typed nodes with spans for every keyword and value', () => {
    const text = DOCUMENTED[5];
    const [e] = endpoints(text);
    assert.equal(e.action, 'create');
    assert.equal(e.name?.name, 'BrokerEndpoint');
    assert.equal(e.authorization?.name, 'CONTOSO\\svc');
    assert.equal(e.state?.value, 'STARTED');
    assert.equal(at(text, e.state?.optionSpan), 'STATE = STARTED');
    assert.equal(e.port?.value, 4022);
    assert.equal(e.listenerIp?.value, '10.0.0.5');
    assert.equal(e.payload?.value, 'SERVICE_BROKER');
    assert.deepEqual(e.authentication?.methods.map((m) => m.kind), ['certificate', 'windows']);
    assert.equal(at(text, e.authentication?.optionSpan), 'AUTHENTICATION = CERTIFICATE TransportSecurity WINDOWS NEGOTIATE');
    assert.equal(e.encryption?.mode.value, 'REQUIRED');
    assert.deepEqual(e.encryption?.algorithm?.values.map((v) => v.value), ['AES', 'RC4']);
    assert.equal(at(text, e.encryption?.algorithm?.span), 'ALGORITHM AES RC4');
    assert.equal(e.messageForwarding?.value, 'ENABLED');
    assert.equal(e.messageForwardSize?.value, 10);
    assert.equal(at(text, e.payloadBody)?.trim().startsWith('AUTHENTICATION'), true);
  });

  test('DATA_MIRRORING is DATABASE_MIRRORING; bracketed names are unquoted', () => {
    const [e] = endpoints('CREATE ENDPOINT [my]]ep] AS TCP (LISTENER_PORT = 5022) FOR DATA_MIRRORING (ROLE = ALL)');
    assert.equal(e.payload?.value, 'DATABASE_MIRRORING');
    assert.equal(e.name?.name, 'my]ep');
  });

  test('the current database follows USE', () => {
    const es = endpoints('CREATE ENDPOINT a AS TCP (LISTENER_PORT = 5022) FOR TSQL ()\nUSE [Sales]\nGO\nALTER ENDPOINT a STATE = STOPPED');
    assert.deepEqual(es.map((e) => e.database), [undefined, 'Sales']);
  });

  test('peer addresses from SET PARTNER / SET WITNESS / ENDPOINT_URL', () => {
    const text = `ALTER DATABASE Sales SET PARTNER = 'TCP://mirror.contoso.com:7022';
ALTER DATABASE Sales SET WITNESS = N'TCP://[fe80::1]:7023';
CREATE AVAILABILITY GROUP ag FOR DATABASE db REPLICA ON 'n1' WITH (ENDPOINT_URL = 'TCP://n1.contoso.com:5022', AVAILABILITY_MODE = SYNCHRONOUS_COMMIT);
ALTER DATABASE Sales SET PARTNER OFF;`;
    const addresses = parseSql(text).statements.filter((s) => s.type === 'peer-address');
    assert.deepEqual(
      addresses.map((a) => (a.type === 'peer-address' ? [a.kind, a.host, a.port] : [])),
      [['PARTNER', 'mirror.contoso.com', 7022], ['WITNESS', '[fe80::1]', 7023], ['ENDPOINT_URL', 'n1.contoso.com', 5022]],
    );
  });

  test('recovers at the next statement after an unclosed option list', () => {
    const text = 'CREATE ENDPOINT a AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = REQUIRED\nGO\nCREATE ENDPOINT b AS TCP (LISTENER_PORT = 5023) FOR SERVICE_BROKER (ENCRYPTION = DISABLED)';
    const parsed = parseSql(text);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].message, /Missing '\)'/);
    const es = endpoints(text);
    assert.deepEqual(es.map((e) => [e.name?.name, e.encryption?.mode.value]), [['a', 'REQUIRED'], ['b', 'DISABLED']]);
  });

  test('unknown statements never produce problems', () => {
    const text = `CREATE TABLE endpoint (algorithm int); SELECT * FROM sys.endpoints; EXEC sp_who; CREATE PROCEDURE p AS BEGIN SELECT 1 END
MERGE t USING s ON 1=0 WHEN NOT MATCHED THEN INSERT VALUES (1);`;
    assert.deepEqual(parseSql(text).problems, []);
    assert.deepEqual(parseSql(text).statements, []);
  });

  test('precise messages list the alternatives', () => {
    const messages = (t: string): string[] => parseSql(t).problems.map((p) => p.message);
    assert.match(messages('ALTER ENDPOINT a FOR SERVICE_BROKER (ENCRYPTION = REQUIRED ALGORITHM DES)')[0], /expected AES, RC4, AES RC4 or RC4 AES/);
    assert.match(messages('ALTER ENDPOINT a FOR SERVICE_BROKER (ENCRYPTION = MAYBE)')[0], /Expected DISABLED, SUPPORTED or REQUIRED for ENCRYPTION/);
    assert.match(messages('ALTER ENDPOINT a FOR DATABASE_MIRRORING (ROLE = BOSS)')[0], /Expected WITNESS, PARTNER or ALL for ROLE/);
    assert.match(messages('ALTER ENDPOINT a FOR DATABASE_MIRRORING (MESSAGE_FORWARDING = ENABLED)')[0], /belongs to FOR SERVICE_BROKER/);
    assert.match(messages('ALTER ENDPOINT a FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4 AES RC4)')[0], /RC4 is repeated/);
  });
});
