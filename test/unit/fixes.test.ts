/** Quick fixes applied to text, compared with the expected result. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from '../../server/src/core/apply-edits';
import { serviceWithText } from '../helpers/workspace';

function fixOnce(text: string, rule: string, title?: string, version?: '2014' | '2022'): string {
  const config = version ? { ...serviceWithText('').service.getConfig(), sqlServerVersion: version } : undefined;
  const { service, uri } = serviceWithText(text, 'fix.sql', config);
  const f = service.analyze(uri).find((x) => x.rule === rule);
  assert.ok(f, `expected a ${rule} finding`);
  const fix = title ? f.fixes?.find((x) => x.title === title) : f.fixes?.find((x) => x.isPreferred);
  assert.ok(fix, `expected a fix${title ? ` titled ${title}` : ' marked preferred'}`);
  return applyEdits(text, fix.edits);
}

const endpoint = (options: string): string =>
  `CREATE ENDPOINT Mirroring STATE = STARTED AS TCP (LISTENER_PORT = 5022)\n    FOR DATABASE_MIRRORING (${options});\n`;

test('RC4 becomes AES (the preferred fix)', () => {
  assert.equal(fixOnce(endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4 AES'), 'endpoint-rc4-algorithm'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
  assert.equal(fixOnce(endpoint('ENCRYPTION = SUPPORTED algorithm aes rc4, ROLE = ALL'), 'endpoint-rc4-algorithm'), endpoint('ENCRYPTION = SUPPORTED ALGORITHM AES, ROLE = ALL'));
});

test('a missing algorithm is stated', () => {
  assert.equal(fixOnce(endpoint('ROLE = ALL, ENCRYPTION = REQUIRED'), 'endpoint-implicit-algorithm'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
  assert.equal(fixOnce(endpoint('ROLE = ALL'), 'endpoint-implicit-algorithm', undefined, '2014'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
});

test('DISABLED becomes REQUIRED ALGORITHM AES; SUPPORTED becomes REQUIRED', () => {
  assert.equal(fixOnce(endpoint('ROLE = ALL, ENCRYPTION = DISABLED'), 'endpoint-encryption-disabled'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
  assert.equal(fixOnce(endpoint('ROLE = ALL, ENCRYPTION = SUPPORTED ALGORITHM AES'), 'endpoint-encryption-supported'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
  assert.equal(fixOnce(endpoint('ROLE = ALL, ENCRYPTION = SUPPORTED'), 'endpoint-encryption-supported'), endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES'));
});

test('NTLM becomes NEGOTIATE, or KERBEROS on request', () => {
  const text = endpoint('AUTHENTICATION = WINDOWS NTLM, ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM AES');
  assert.equal(fixOnce(text, 'endpoint-ntlm-authentication'), text.replace('NTLM', 'NEGOTIATE'));
  assert.equal(fixOnce(text, 'endpoint-ntlm-authentication', 'Use WINDOWS KERBEROS'), text.replace('NTLM', 'KERBEROS'));
});

test('fixes keep CRLF line endings and the rest of the script', () => {
  const text = `-- keep me\r\n${endpoint('ROLE = ALL, ENCRYPTION = REQUIRED ALGORITHM RC4').replace(/\n/g, '\r\n')}GO\r\nSELECT 1;\r\n`;
  const fixed = fixOnce(text, 'endpoint-rc4-algorithm');
  assert.equal(fixed, text.replace('ALGORITHM RC4', 'ALGORITHM AES'));
});
