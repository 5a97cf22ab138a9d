/**
 * `--format sarif`: structure (rules, ruleIndex, regions, fixes, related locations, fingerprints, %SRCROOT%) checked
 * here, and the whole log validated by Microsoft's SARIF Multitool (its own copy of the schema plus its SARIF and
 * GitHub-ingestion rules) over the example project and a fixture project.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../helpers/temp';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/rules';
import { project, RC4, RC4_COLUMN, run, SUPPORTED, write } from './helpers';

type Json = any;

const FIXTURE = resolve('test/cli/fixtures/sarif-project');

function sarif(args: string[], cwd: string): Json {
  const r = run(['--format', 'sarif', ...args], cwd);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

function copy(from: string): string {
  const to = tempDir('sqlguard-sarif-');
  cpSync(from, to, { recursive: true });
  return to;
}

function region(result: Json): Json {
  return result.locations[0].physicalLocation.region;
}

/** Applies a SARIF fix's replacements (1-based lines and UTF-16 columns) to `text`. */
function applyFix(text: string, fix: Json): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number): number => lineStarts[line - 1] + column - 1;
  const replacements = fix.artifactChanges.flatMap((c: Json) => c.replacements);
  const edits = replacements.map((r: Json) => ({
    start: offset(r.deletedRegion.startLine, r.deletedRegion.startColumn),
    end: offset(r.deletedRegion.endLine, r.deletedRegion.endColumn),
    text: r.insertedContent?.text ?? '',
  }));
  edits.sort((a: Json, b: Json) => b.start - a.start);
  return edits.reduce((t: string, e: Json) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('sqlguard --format sarif', () => {
  test('one run whose driver lists every rule in registry order, with help, level and security severity', () => {
    const log = sarif(['a.sql'], project({ 'a.sql': RC4 }));
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const { driver } = log.runs[0].tool;
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(driver.name, 'sqlguard');
    assert.equal(driver.semanticVersion, pkg.version);
    assert.equal(driver.informationUri, pkg.repository.url);
    assert.deepEqual(driver.rules.map((r: Json) => r.id), RULES.map((r) => r.id));
    const rc4 = driver.rules.find((r: Json) => r.id === 'endpoint-rc4-algorithm');
    assert.equal(rc4.name, 'EndpointRc4Algorithm');
    assert.equal(rc4.helpUri, `${pkg.repository.url}/blob/main/docs/rules/endpoint-rc4-algorithm.md`);
    assert.match(rc4.help.markdown, /\(https:\/\/github\.com\/.*endpoint-rc4-algorithm\.md\)/);
    for (const [i, rule] of RULES.entries()) {
      const d = driver.rules[i];
      assert.equal(d.shortDescription.text, rule.summary);
      assert.equal(d.defaultConfiguration.level, { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[rule.defaultSeverity]);
      assert.equal(d.properties['security-severity'], rule.securitySeverity.toFixed(1));
      assert.match(d.properties['security-severity'], /^\d+\.\d$/);
      assert.equal(d.properties.tags[0], 'security');
      assert.equal(d.properties.precision, 'high');
    }
  });

  test('results: ruleIndex points at the rule, regions are 1-based UTF-16 columns relative to %SRCROOT%', () => {
    const root = project({ 'db/a.sql': RC4, 'db/b.sql': `/* 🚀 */ ${SUPPORTED}` });
    const run0 = sarif(['.'], root).runs[0];
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run0.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
    for (const result of run0.results) assert.equal(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const [rc4, supported] = run0.results;
    assert.equal(rc4.ruleId, 'endpoint-rc4-algorithm');
    assert.equal(rc4.level, 'warning');
    assert.deepEqual(rc4.locations[0].physicalLocation.artifactLocation, { uri: 'db/a.sql', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(region(rc4), { startLine: 2, startColumn: RC4_COLUMN, endLine: 2, endColumn: RC4_COLUMN + 'ALGORITHM RC4'.length });
    assert.equal(supported.level, 'note', 'info is a note');
    // '🚀' is two UTF-16 code units: the column counts both.
    assert.equal(region(supported).startColumn, `/* 🚀 */ ${SUPPORTED}`.indexOf('SUPPORTED') + 1);
  });

  test('fixes are replacements that, applied, give the fixed text; related locations point into peer files', () => {
    const root = copy(FIXTURE);
    const results: Json[] = sarif(['.'], root).runs[0].results;
    const rc4 = results.find((r) => r.ruleId === 'endpoint-rc4-algorithm');
    const text = readFileSync(join(root, 'db/principal.sql'), 'utf8');
    assert.equal(rc4.fixes[0].description.text.length > 0, true);
    assert.deepEqual(rc4.fixes[0].artifactChanges[0].artifactLocation, rc4.locations[0].physicalLocation.artifactLocation);
    assert.equal(applyFix(text, rc4.fixes[0]), text.replace('ALGORITHM RC4', 'ALGORITHM AES'));
    const peers = results.find((r) => r.ruleId === 'endpoint-incompatible-peers' && r.locations[0].physicalLocation.artifactLocation.uri === 'db/principal.sql');
    assert.deepEqual(
      peers.relatedLocations.map((l: Json) => [l.id, l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]),
      [[1, 'db/mirror.sql', 4]],
    );
    assert.equal(typeof peers.relatedLocations[0].message.text, 'string');
    const runbook = results.find((r) => r.ruleId === 'endpoint-encryption-supported');
    assert.equal(runbook.locations[0].physicalLocation.artifactLocation.uri, 'docs/Runbook%20%E2%80%93%20%C3%9Cn%C3%AFcode%20%26%20spaces.md');
  });

  test('secrets never appear in SARIF; the password fix inserts a variable', () => {
    const root = copy(FIXTURE);
    const r = run(['--format', 'sarif', '.'], root);
    assert.doesNotMatch(r.stdout, /Str0ng!Passphrase/);
    const password = (JSON.parse(r.stdout).runs[0].results as Json[]).find((x) => x.ruleId === 'hardcoded-password');
    assert.equal(password.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, "'$(MasterKeyPassword)'");
  });

  test('%SRCROOT% is the folder of the .sqlguard.json in use, else the working directory', () => {
    const root = project({ '.sqlguard.json': '{}', 'sub/a.sql': RC4 });
    const fromSub = sarif(['.'], join(root, 'sub')).runs[0];
    assert.equal(fromSub.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(root).href}/`);
    assert.equal(fromSub.results[0].locations[0].physicalLocation.artifactLocation.uri, 'sub/a.sql');
    const bare = project({ 'sub/a.sql': RC4 });
    const fromBare = sarif(['.'], join(bare, 'sub')).runs[0];
    assert.equal(fromBare.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(join(bare, 'sub')).href}/`);
    assert.equal(fromBare.results[0].locations[0].physicalLocation.artifactLocation.uri, 'a.sql');
  });

  test('fingerprints stay the same when a blank line is inserted above; they differ between identical findings', () => {
    const root = project({ 'a.sql': `${RC4}GO\n${RC4}` });
    const before: Json[] = sarif(['a.sql'], root).runs[0].results;
    write(root, { 'a.sql': `\n${RC4}GO\n${RC4}` });
    const after: Json[] = sarif(['a.sql'], root).runs[0].results;
    assert.equal(before.length, after.length);
    assert.ok(before.length >= 2);
    assert.deepEqual(after.map(region).map((r) => r.startLine), before.map(region).map((r) => r.startLine + 1));
    assert.deepEqual(after.map((r) => r.partialFingerprints), before.map((r) => r.partialFingerprints));
    const prints = before.map((r) => r.partialFingerprints['sqlguard/v1']);
    assert.ok(prints.every((p) => /^[0-9a-f]{64}$/.test(p)));
    assert.equal(new Set(prints).size, prints.length, 'the occurrence index tells identical lines apart');
  });

  test('a clean project gives a run with no results', () => {
    const log = sarif(['.'], project({ 'a.sql': 'SELECT 1;\n' }));
    assert.deepEqual(log.runs[0].results, []);
  });
});

/** The multitool's binary, from the platform package that @microsoft/sarif-multitool depends on. */
function multitool(): string | undefined {
  try {
    return createRequire(resolve('package.json'))('@microsoft/sarif-multitool') as string;
  } catch {
    return undefined;
  }
}

/**
 * SARIF2006 (UrisShouldBeReachable) sends an HTTP GET to every URI in the log; tests never touch the network, so it
 * is off. Turning it off makes the multitool add a WRN999 configuration notification, which the test expects.
 */
const MULTITOOL_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

describe('SARIF Multitool', () => {
  const tool = multitool();
  test('validates the logs of the example project and the fixture project: no errors, no warnings', { skip: tool ? false : '@microsoft/sarif-multitool has no binary for this platform' }, (t) => {
    const work = tempDir('sqlguard-multitool-');
    const logs: Record<string, string> = {
      'examples.sarif': run(['--format', 'sarif', '.'], copy(resolve('examples'))).stdout,
      'fixtures.sarif': run(['--format', 'sarif', '.'], copy(FIXTURE)).stdout,
    };
    const baselined = copy(FIXTURE);
    run(['--write-baseline', 'baseline.json', '.'], baselined);
    write(baselined, { 'db/new.sql': RC4 });
    logs['baseline.sarif'] = run(['--format', 'sarif', '--baseline', 'baseline.json', '.'], baselined).stdout;
    for (const [name, text] of Object.entries(logs)) {
      assert.ok(JSON.parse(text).runs[0].results.length > 0, `${name} has results`);
      writeFileSync(join(work, name), text);
    }
    writeFileSync(join(work, 'config.xml'), MULTITOOL_CONFIG);
    const inputs = Object.keys(logs).map((name) => join(work, name));
    const output = join(work, 'validation.sarif');
    // No shell (the npm bin wrapper uses one): the ';'-separated lists stay single arguments.
    const r = spawnSync(
      tool as string,
      ['validate', ...inputs, '--output', output, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note', '--rule-kind', 'Sarif;Ghas', '--config', join(work, 'config.xml')],
      // Validation needs no culture data: invariant globalisation lets the .NET binary run where libicu is missing.
      { encoding: 'utf8', env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' } },
    );
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const validation = JSON.parse(readFileSync(output, 'utf8'));
    const [vrun] = validation.runs;
    const results: Json[] = vrun.results ?? [];
    // A log the multitool cannot deserialise is skipped without a word, so make sure each one was really analysed
    // (every log draws notes, e.g. SARIF2009 on the kebab-case rule ids).
    for (const input of inputs) {
      assert.ok(
        results.some((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === pathToFileURL(input).href),
        `the multitool analysed ${input}`,
      );
    }
    // A result without a level is a warning (SARIF's default).
    const serious = results.filter((x) => (x.level ?? 'warning') !== 'note' && x.kind !== 'pass');
    const describe = (x: Json): string => `${x.ruleId} ${x.level ?? 'warning'} ${JSON.stringify(x.message)}`;
    assert.deepEqual(serious.map(describe), [], 'no errors and no warnings');
    const notifications = (vrun.invocations ?? []).flatMap((i: Json) => [...(i.toolConfigurationNotifications ?? []), ...(i.toolExecutionNotifications ?? [])]);
    assert.deepEqual(
      notifications.map((n: Json) => n.descriptor?.id),
      ['WRN999.RuleExplicitlyDisabled'],
      JSON.stringify(notifications),
    );
    const notes = new Map<string, number>();
    for (const x of results) notes.set(x.ruleId, (notes.get(x.ruleId) ?? 0) + 1);
    t.diagnostic(`multitool notes: ${[...notes].map(([id, n]) => `${id}×${n}`).join(', ')}`);
  });
});
