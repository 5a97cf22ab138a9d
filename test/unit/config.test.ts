import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_IDS } from '../../server/src/rules';
import { DEFAULT_CONFIG, readConfig } from '../../server/src/service/config';
import { serviceWithText } from '../helpers/workspace';

test('valid configuration is merged over the defaults', () => {
  const { config, errors } = readConfig({ sqlServerVersion: '2014', rules: { 'endpoint-rc4-algorithm': 'error' }, exclude: ['legacy/**'], drivers: { jdbc: '12.8' } }, DEFAULT_CONFIG, RULE_IDS);
  assert.deepEqual(errors, []);
  assert.equal(config.sqlServerVersion, '2014');
  assert.equal(config.rules['endpoint-rc4-algorithm'], 'error');
  assert.deepEqual(config.exclude, ['legacy/**']);
  assert.equal(config.drivers.jdbc, '12.8');
});

test('errors name the key that is wrong', () => {
  const { errors } = readConfig({ sqlServerVersion: '2008', rules: { 'endpoint-rc4-algorithm': 'loud', 'no-such-rule': 'off' }, color: 'blue', drivers: { jdbc: 12 } }, DEFAULT_CONFIG, RULE_IDS);
  assert.equal(errors.length, 5);
  assert.match(errors.join('\n'), /unknown key "color"/);
  assert.match(errors.join('\n'), /"sqlServerVersion": "2008"/);
  assert.match(errors.join('\n'), /"rules.endpoint-rc4-algorithm": "loud"/);
  assert.match(errors.join('\n'), /"rules.no-such-rule": no rule has this id/);
  assert.match(errors.join('\n'), /"drivers.jdbc": 12/);
  assert.deepEqual(readConfig([]).errors, ['the configuration must be a JSON object']);
});

test('severity overrides and "off" apply to findings', () => {
  const text = 'ALTER ENDPOINT m FOR DATABASE_MIRRORING (ENCRYPTION = REQUIRED ALGORITHM RC4)';
  const raised = serviceWithText(text, 'a.sql', { ...DEFAULT_CONFIG, rules: { 'endpoint-rc4-algorithm': 'error' } });
  assert.deepEqual(raised.service.analyze(raised.uri).map((f) => [f.rule, f.severity]), [['endpoint-rc4-algorithm', 'error']]);
  const off = serviceWithText(text, 'a.sql', { ...DEFAULT_CONFIG, rules: { 'endpoint-rc4-algorithm': 'off' } });
  assert.deepEqual(off.service.analyze(off.uri), []);
});
