/** The JSON schema contributed for .sqlguard.json agrees with what the config reader accepts. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { SQL_SERVER_VERSIONS } from '../../server/src/core/types';

const schema = JSON.parse(readFileSync('schemas/sqlguard.schema.json', 'utf8')) as {
  properties: { rules: { propertyNames: { enum: string[] } }; sqlServerVersion: { enum: string[] } };
};

test('every rule id is in the schema, and nothing else', () => {
  assert.deepEqual([...schema.properties.rules.propertyNames.enum].sort(), RULES.map((r) => r.id).sort());
});

test('the versions match', () => {
  assert.deepEqual(schema.properties.sqlServerVersion.enum, [...SQL_SERVER_VERSIONS]);
});

test('package.json contributes the schema for .sqlguard.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { jsonValidation: { fileMatch: string; url: string }[] } };
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.sqlguard.json', url: './schemas/sqlguard.schema.json' }]);
});
