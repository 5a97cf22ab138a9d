import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisService } from '../../server/src/service/service';
import { DEFAULT_CONFIG } from '../../server/src/service/config';
import { serviceWithText } from '../helpers/workspace';

const text = `CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022)
    FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS NTLM, ENCRYPTION = REQUIRED ALGORITHM RC4 AES, ROLE = ALL);`;

function hoverOn(word: string, nth = 0, source = text, service?: AnalysisService, uri?: string): string | undefined {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = source.indexOf(word, offset + 1);
  assert.ok(offset >= 0, word);
  const s = service && uri ? { service, uri } : serviceWithText(source);
  return s.service.hover(s.uri, offset + 1)?.markdown;
}

test('hover on a value explains it, with the version default and the peer consequence', () => {
  assert.match(hoverOn('RC4')!, /RC4: fast but weak.*FIPS/s);
  assert.match(hoverOn('RC4')!, /preferred.*accepting the connection wins/s);
  assert.match(hoverOn('NTLM')!, /no mutual authentication/);
  assert.match(hoverOn('ALGORITHM')!, /Default: AES on SQL Server 2016 and later, RC4 on 2014 and earlier/);
  assert.match(hoverOn('REQUIRED')!, /connects only to endpoints that support or require encryption/);
  assert.match(hoverOn('STATE')!, /Default: STOPPED/);
});

test('hover on REQUIRED without ALGORITHM names the algorithm in force for the target version', () => {
  const src = 'ALTER ENDPOINT m FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED)';
  const old = new AnalysisService({ config: { ...DEFAULT_CONFIG, sqlServerVersion: '2014' } });
  old.update({ uri: 'file:///w/a.sql', text: src });
  assert.match(hoverOn('REQUIRED', 0, src, old, 'file:///w/a.sql')!, /SQL Server 2014 uses \*\*RC4\*\*/);
  assert.match(hoverOn('REQUIRED', 0, src)!, /SQL Server 2022 uses \*\*AES\*\*/);
});

test('hover on the endpoint name shows the effective transport security and each peer handshake', () => {
  const service = new AnalysisService();
  service.update({ uri: 'file:///w/dbm/principal.sql', text });
  service.update({
    uri: 'file:///w/dbm/mirror.sql',
    text: 'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM AES RC4, ROLE = ALL)',
  });
  service.update({
    uri: 'file:///w/dbm/witness.sql',
    text: 'CREATE ENDPOINT Mirroring AS TCP (LISTENER_PORT = 5022) FOR DATABASE_MIRRORING (AUTHENTICATION = WINDOWS KERBEROS, ROLE = WITNESS)',
  });
  const card = hoverOn('Mirroring', 0, text, service, 'file:///w/dbm/principal.sql')!;
  assert.match(card, /\| Authentication \| Windows NTLM \|/);
  assert.match(card, /\| Encryption \| REQUIRED, RC4 then AES \|/);
  assert.match(card, /\| State \| STARTED \|/);
  assert.match(card, /\| Port \| 5022 \|/);
  // mirror connects to us: we accept, our order (RC4 first) wins; we connect to the mirror: its order (AES) wins.
  assert.match(card, /Mirroring \(mirror\.sql\): connects, Windows \(NTLM\); the session is encrypted with AES \(the accepting endpoint’s preference wins\)\. When Mirroring connects here: connects, Windows \(NTLM\); the session is encrypted with RC4/);
  assert.match(card, /Mirroring \(witness\.sql\): \*\*fails\*\* — one endpoint allows only Windows NTLM and the other only Windows KERBEROS/);
});

test('no hover outside endpoint statements or in comments', () => {
  const src = '-- ALGORITHM RC4\nSELECT algorithm FROM t';
  assert.equal(hoverOn('RC4', 0, src), undefined);
  assert.equal(hoverOn('algorithm', 0, src), undefined);
});
