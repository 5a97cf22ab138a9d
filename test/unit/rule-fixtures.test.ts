/**
 * Every folder under test/fixtures/rules is a small workspace (with an optional .sqlguard.json); every finding in it
 * must be annotated and every annotation must be found.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { applyEdits } from '../../server/src/core/apply-edits';
import { RULES } from '../../server/src/rules';
import { compare } from '../helpers/annotations';
import { FIXTURES, serviceFor, subfolders } from '../helpers/workspace';

const cases = subfolders(join(FIXTURES, 'rules'));

describe('rule fixtures', () => {
  for (const dir of cases) {
    test(basename(dir), () => {
      const { service, uris } = serviceFor(dir);
      for (const [file, uri] of uris) {
        const text = readFileSync(file, 'utf8');
        const { missing, unexpected } = compare(text, service.analyze(uri));
        assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] }, `${basename(dir)}/${basename(file)}`);
      }
    });
  }

  test('every rule has at least one positive fixture', () => {
    const seen = new Set<string>();
    for (const dir of cases) {
      const { service, uris } = serviceFor(dir);
      for (const uri of uris.values()) for (const f of service.analyze(uri)) seen.add(f.rule);
    }
    assert.deepEqual(RULES.map((r) => r.id).filter((id) => !seen.has(id)), []);
  });
});

describe('fixes', () => {
  for (const dir of cases) {
    test(`${basename(dir)}: every fix removes its finding and adds no error`, () => {
      const { service, uris } = serviceFor(dir);
      let applied = 0;
      for (const uri of uris.values()) {
        const doc = service.workspace.get(uri)!;
        const original = doc.text;
        const before = service.analyze(uri);
        for (const f of before) {
          for (const fix of f.fixes ?? []) {
            const fixed = applyEdits(original, fix.edits);
            service.update({ uri, text: fixed });
            const after = service.analyze(uri);
            const sameRuleBefore = before.filter((x) => x.rule === f.rule).length;
            const sameRuleAfter = after.filter((x) => x.rule === f.rule).length;
            assert.ok(sameRuleAfter < sameRuleBefore, `${fix.title} should remove ${f.rule} at ${f.span.start} in ${basename(uri)}`);
            const errorsBefore = before.filter((x) => x.severity === 'error').length;
            const errorsAfter = after.filter((x) => x.severity === 'error').length;
            assert.ok(errorsAfter <= errorsBefore, `${fix.title} added an error in ${basename(uri)}: ${after.filter((x) => x.severity === 'error').map((x) => x.message).join(' | ')}`);
            applied++;
            service.update({ uri, text: original });
          }
        }
      }
      const fixable = [...uris.values()].flatMap((u) => service.analyze(u)).filter((f) => (f.fixes ?? []).length > 0).length;
      assert.ok(fixable === 0 || applied >= fixable, `applied ${applied} fixes for ${fixable} fixable findings`);
    });
  }
});
