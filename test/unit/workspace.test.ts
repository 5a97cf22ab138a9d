import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisService } from '../../server/src/service/service';

const endpoint = (enc: string): string => `CREATE ENDPOINT Endpoint_Mirroring AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = ALL, ENCRYPTION = ${enc})\n`;
const peerErrors = (s: AnalysisService, uri: string): string[] => s.analyze(uri).filter((f) => f.rule === 'endpoint-incompatible-peers').map((f) => f.message);

test('scripts in other folders are peers only when an address names their host and port', () => {
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/site1/sqlnode1.sql', text: endpoint('REQUIRED ALGORITHM AES') + "ALTER DATABASE Sales SET PARTNER = 'TCP://sqlnode2.contoso.com:5022'\n" });
  s.update({ uri: 'file:///w/site2/sqlnode2.sql', text: endpoint('DISABLED') });
  s.update({ uri: 'file:///w/elsewhere/unrelated.sql', text: endpoint('DISABLED') });
  assert.deepEqual(peerErrors(s, 'file:///w/site1/sqlnode1.sql'), [
    'Endpoint Endpoint_Mirroring cannot connect with its peer Endpoint_Mirroring (sqlnode2.sql): one endpoint requires encryption and the other has it disabled, so the handshake fails (error 28027).',
  ]);
  assert.deepEqual(peerErrors(s, 'file:///w/elsewhere/unrelated.sql'), []);
});

test('dropped endpoints and other kinds are not peers; edits update the model', () => {
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/a.sql', text: endpoint('REQUIRED ALGORITHM AES') });
  s.update({ uri: 'file:///w/b.sql', text: endpoint('DISABLED') + 'DROP ENDPOINT Endpoint_Mirroring\n' });
  s.update({ uri: 'file:///w/c.sql', text: 'CREATE ENDPOINT Broker AS TCP (LISTENER_PORT = 4022) FOR SERVICE_BROKER (ENCRYPTION = DISABLED)\n' });
  assert.deepEqual(peerErrors(s, 'file:///w/a.sql'), []);
  s.update({ uri: 'file:///w/b.sql', text: endpoint('DISABLED') });
  assert.equal(peerErrors(s, 'file:///w/a.sql').length, 1);
  s.remove('file:///w/b.sql');
  assert.deepEqual(peerErrors(s, 'file:///w/a.sql'), []);
});

test('an ALTER later in the script changes the effective configuration the peers see', () => {
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/a.sql', text: endpoint('REQUIRED ALGORITHM AES') });
  s.update({ uri: 'file:///w/b.sql', text: endpoint('DISABLED') + 'GO\nALTER ENDPOINT Endpoint_Mirroring FOR DATABASE_MIRRORING (ENCRYPTION = SUPPORTED ALGORITHM AES)\n' });
  assert.deepEqual(peerErrors(s, 'file:///w/a.sql'), []);
});

test('address links work in both directions', () => {
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/site1/sqlnode1.sql', text: endpoint('REQUIRED ALGORITHM AES') + "ALTER DATABASE Sales SET PARTNER = 'TCP://sqlnode2.contoso.com:5022'\n" });
  s.update({ uri: 'file:///w/site2/sqlnode2.sql', text: endpoint('DISABLED') });
  assert.equal(peerErrors(s, 'file:///w/site2/sqlnode2.sql').length, 1);
});

test('two witness-only endpoints are not peers; a witness and a partner are', () => {
  const witness = (enc: string): string =>
    `CREATE ENDPOINT Endpoint_Mirroring AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ROLE = WITNESS, ENCRYPTION = ${enc})\n`;
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/w1.sql', text: witness('REQUIRED ALGORITHM AES') });
  s.update({ uri: 'file:///w/w2.sql', text: witness('DISABLED') });
  assert.deepEqual(peerErrors(s, 'file:///w/w1.sql'), []);
  s.update({ uri: 'file:///w/p.sql', text: endpoint('REQUIRED ALGORITHM AES') });
  assert.equal(peerErrors(s, 'file:///w/w2.sql').length, 1);
});

test('Markdown documents are documentation: never peers of scripts', () => {
  const s = new AnalysisService();
  s.update({ uri: 'file:///w/a.sql', text: endpoint('REQUIRED ALGORITHM AES') });
  s.update({ uri: 'file:///w/notes.md', text: '```sql\n' + endpoint('DISABLED') + '```\n' });
  assert.deepEqual(peerErrors(s, 'file:///w/a.sql'), []);
  assert.deepEqual(peerErrors(s, 'file:///w/notes.md'), []);
});
