/** The CLI's parts in process: masking, code frames, fingerprints, colours, progress, arguments, paths. */
import assert from 'node:assert/strict';
import { join, sep } from 'node:path';
import { describe, test } from 'node:test';
import { LineIndex } from '../../server/src/core/positions';
import type { Finding, Span } from '../../server/src/core/types';
import { parseArgs } from '../../server/src/cli/args';
import { codeFrame } from '../../server/src/cli/code-frame';
import { fingerprintsOf, normalisedLines } from '../../server/src/cli/fingerprint';
import { TerminalProgress } from '../../server/src/cli/progress';
import type { ScannedFile } from '../../server/src/cli/scan';
import { commonAncestor, isInside } from '../../server/src/cli/scan';
import { MASK, maskRange } from '../../server/src/cli/secrets';
import { colorEnabled, makeStyle, sanitize } from '../../server/src/cli/terminal';

const PLAIN = makeStyle(false);

function file(text: string, findings: Finding[] = [], secrets: Span[] = [], rootPath = 'a.sql'): ScannedFile {
  return { absolute: `/p/${rootPath}`, display: rootPath, rootPath, insideRoot: true, uri: `file:///p/${rootPath}`, text, lines: new LineIndex(text), findings, secrets };
}

function finding(text: string, needle: string, rule = 'r', length = needle.length): Finding {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { rule, severity: 'warning', span: { start, end: start + length }, message: 'm' };
}

describe('maskRange', () => {
  const text = "x = 'secret' + 'other';";
  const secrets = [{ start: 4, end: 12 }];

  test('replaces secret spans inside the range and maps offsets around them', () => {
    const m = maskRange(text, 0, text.length, secrets);
    assert.equal(m.text, `x = ${MASK} + 'other';`);
    assert.equal(m.map(0), 0);
    assert.equal(m.map(4), 4, 'start of the secret → start of the mask');
    assert.equal(m.map(8), 4, 'inside the secret, as a start → start of the mask');
    assert.equal(m.map(8, true), 4 + MASK.length, 'inside the secret, as an end → end of the mask');
    assert.equal(m.map(12, true), 4 + MASK.length);
    assert.equal(m.map(15), 4 + MASK.length + 3, 'after the secret, shifted by the length difference');
    assert.equal(m.map(text.length, true), m.text.length);
  });

  test('clips secrets to the range and leaves text without secrets alone', () => {
    assert.equal(maskRange(text, 8, 14, secrets).text, `${MASK} +`);
    assert.equal(maskRange(text, 13, text.length, secrets).text, "+ 'other';");
    assert.equal(maskRange(text, 0, text.length, []).text, text);
  });
});

describe('codeFrame', () => {
  test('a caret under a zero-length range, and to the end of the line for a multi-line range', () => {
    const text = 'ALTER ENDPOINT e\nFOR X;\n';
    const empty = { ...finding(text, 'ENDPOINT'), span: { start: 6, end: 6 } };
    assert.deepEqual(codeFrame(file(text), empty, PLAIN), ['  1 | ALTER ENDPOINT e', '    |       ^']);
    const multi = { ...finding(text, 'ENDPOINT'), span: { start: 6, end: text.indexOf('X') } };
    assert.deepEqual(codeFrame(file(text), multi, PLAIN)[1], '    |       ^~~~~~~~~~');
  });

  test('tabs stay tabs in the caret line so the caret lines up', () => {
    const text = '\tALTER\tENDPOINT e';
    assert.deepEqual(codeFrame(file(text), finding(text, 'ENDPOINT'), PLAIN), ['  1 | \tALTER\tENDPOINT e', '    | \t     \t^~~~~~~~']);
  });

  test('secrets anywhere on the line are masked, and the caret follows the shorter text', () => {
    const text = "CREATE LOGIN l WITH PASSWORD = 'longer-than-the-mask', DEFAULT_DATABASE = x";
    const secret = finding(text, "'longer-than-the-mask'");
    const other = finding(text, 'DEFAULT_DATABASE');
    const f = file(text, [secret, other], [secret.span]);
    const [code, caret] = codeFrame(f, other, PLAIN);
    assert.equal(code, `  1 | CREATE LOGIN l WITH PASSWORD = ${MASK}, DEFAULT_DATABASE = x`);
    assert.equal(caret.indexOf('^'), code.indexOf('DEFAULT_DATABASE'));
    const [, secretCaret] = codeFrame(f, secret, PLAIN);
    assert.equal(secretCaret.indexOf('^'), code.indexOf(MASK));
    assert.ok(secretCaret.endsWith(`^${'~'.repeat(MASK.length - 1)}`), secretCaret);
  });

  test('colours the caret with the severity and dims the gutter', () => {
    const text = 'ALTER ENDPOINT e';
    const [code, caret] = codeFrame(file(text), finding(text, 'ENDPOINT'), makeStyle(true));
    assert.equal(code, '\u001b[2m  1 |\u001b[22m ALTER ENDPOINT e');
    assert.equal(caret, '\u001b[2m    |\u001b[22m       \u001b[33m^~~~~~~~\u001b[39m');
  });
});

describe('fingerprints', () => {
  test('depend on rule, path, the normalised line and the occurrence, not on the line number', () => {
    const text = 'A  x;\nB x;\nA x;\n';
    const [a1, b, a2] = [finding(text, 'A  x'), finding(text, 'B x'), { ...finding(text, 'A x;\n'), rule: 'r' }];
    assert.equal(normalisedLines(file(text), a1), 'A x;');
    const prints = fingerprintsOf(file(text, [a1, b, a2]));
    assert.equal(new Set(prints).size, 3);
    const moved = '\n\n' + text.replace('A  x', 'A x');
    const shifted = (f: Finding): Finding => ({ ...f, span: { start: f.span.start + 2, end: f.span.end + 1 } });
    const again = fingerprintsOf(file(moved, [{ ...a1, span: { start: 2, end: 5 } }, shifted(b), shifted(a2)]));
    assert.deepEqual(again, prints, 'blank lines above and whitespace changes keep them');
    assert.notDeepEqual(fingerprintsOf(file(text, [a1], [], 'b.sql')), [prints[0]], 'the path is part of it');
    assert.notDeepEqual(fingerprintsOf(file(text, [{ ...a1, rule: 'q' }])), [prints[0]], 'the rule is part of it');
  });

  test('hash the masked text: a secret never feeds a fingerprint', () => {
    const one = "PASSWORD = 'one'";
    const two = "PASSWORD = 'two'";
    const f1 = finding(one, "'one'");
    const f2 = finding(two, "'two'");
    assert.deepEqual(fingerprintsOf(file(one, [f1], [f1.span])), fingerprintsOf(file(two, [f2], [f2.span])));
    assert.equal(normalisedLines(file(one, [f1], [f1.span]), f1), `PASSWORD = ${MASK}`);
  });
});

describe('terminal', () => {
  test('colours: NO_COLOR wins, FORCE_COLOR forces (0/false turn off), else a terminal that is not dumb', () => {
    assert.equal(colorEnabled(true, {}), true);
    assert.equal(colorEnabled(false, {}), false);
    assert.equal(colorEnabled(true, { TERM: 'dumb' }), false);
    assert.equal(colorEnabled(true, { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(colorEnabled(false, { FORCE_COLOR: '1' }), true);
    assert.equal(colorEnabled(false, { FORCE_COLOR: '' }), true);
    assert.equal(colorEnabled(true, { FORCE_COLOR: '0' }), false);
    assert.equal(colorEnabled(true, { FORCE_COLOR: 'false' }), false);
    assert.equal(colorEnabled(false, { FORCE_COLOR: '1', NO_COLOR: '1' }), false);
  });

  test('sanitize neutralises escapes and bidi overrides, keeping length and tabs', () => {
    const raw = 'a\u001b[31mb\u202ec\td\u0007';
    const clean = sanitize(raw);
    assert.equal(clean, 'a\uFFFD[31mb\uFFFDc\td\uFFFD');
    assert.equal(clean.length, raw.length);
  });

  test('progress: shown after a delay, one line rewritten in place, throttled, cut to the width, erased by clear', () => {
    const writes: string[] = [];
    let now = 1000;
    const p = new TerminalProgress((s) => writes.push(s), 30, () => now, 100, 300);
    p.clear();
    p.update('reading', 0, 10);
    now = 1200;
    p.update('reading', 1, 10);
    assert.deepEqual(writes, [], 'a quick scan shows nothing (and clears nothing)');
    now = 1300;
    p.update('reading', 2, 10);
    now = 1350;
    p.update('reading', 3, 10);
    now = 1400;
    p.update('analysing', 4, 10);
    p.clear();
    assert.deepEqual(writes, ['\rsqlguard: reading 2/10 files…\u001b[K', '\rsqlguard: analysing 4/10 file\u001b[K', '\r\u001b[K']);
  });
});

describe('arguments and paths', () => {
  test('--baseline and --write-baseline take a file and exclude each other', () => {
    assert.deepEqual(parseArgs(['--baseline', 'b.json', '.']), { args: { format: 'text', failOn: 'warning', config: undefined, baseline: 'b.json', writeBaseline: undefined, paths: ['.'], help: false, version: false, quiet: false, workers: 'auto' } });
    assert.equal((parseArgs(['--write-baseline=b.json', '.']) as { args: { writeBaseline: string } }).args.writeBaseline, 'b.json');
    assert.deepEqual(parseArgs(['--write-baseline', '.']), { error: 'no files or folders given (see sqlguard --help)' });
    assert.deepEqual(parseArgs(['--write-baseline']), { error: '--write-baseline needs a file name' });
    assert.deepEqual(parseArgs(['--baseline', 'a', '--write-baseline', 'b', '.']), { error: '--baseline and --write-baseline cannot be used together' });
  });

  test('--workers takes a count or auto', () => {
    const workers = (argv: string[]): unknown => {
      const r = parseArgs(argv);
      return 'args' in r ? r.args.workers : r.error;
    };
    assert.equal(workers(['.']), 'auto');
    assert.equal(workers(['--workers', '3', '.']), 3);
    assert.equal(workers(['--workers=auto', '.']), 'auto');
    assert.equal(workers(['--workers', '64', '.']), 64);
    assert.equal(workers(['--workers', '1.5', '.']), "--workers needs a number from 1 to 64 or 'auto' (got '1.5')");
    assert.equal(workers(['--workers', '.']), "--workers needs a number from 1 to 64 or 'auto' (got '.')");
  });

  test('isInside and commonAncestor', () => {
    const root = join(sep, 'work', 'repo');
    assert.equal(isInside(root, join(root, 'a', 'b.sql')), true);
    assert.equal(isInside(root, root), true);
    assert.equal(isInside(root, join(sep, 'work', 'repo2')), false);
    assert.equal(isInside(root, join(root, '..foo')), true, 'a name starting with two dots is inside');
    assert.equal(commonAncestor([join(root, 'a'), join(root, 'a', 'b'), join(root, 'c')]), root);
    assert.equal(commonAncestor([root]), root);
    assert.equal(commonAncestor([]), undefined);
  });
});
