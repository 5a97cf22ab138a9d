/** LineIndex: offsets ↔ lines, built on first use. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../server/src/core/positions';
import { rng } from '../helpers/rng';

/** The definition, one character at a time: a line starts after \n, after \r\n, and after a lone \r. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  return starts;
}

test('line starts of random texts of CR, LF and CRLF match the definition', () => {
  const r = rng(7);
  const bits = ['\r', '\n', '\r\n', '\n\r', 'x', 'yz', '\u2028', ''];
  for (let n = 0; n < 2000; n++) {
    let text = '';
    const parts = Math.floor(r() * 12);
    for (let k = 0; k < parts; k++) text += bits[Math.floor(r() * bits.length)];
    assert.deepEqual(new LineIndex(text).starts(), referenceStarts(text), JSON.stringify(text));
  }
});

test('positions and offsets round-trip on every line ending', () => {
  const text = 'ab\r\ncd\re\n\nf';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 5);
  assert.deepEqual(index.positionAt(5), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(99), { line: 4, character: 1 });
  assert.equal(index.lineText(0), 'ab');
  assert.equal(index.lineText(1), 'cd');
  assert.equal(index.lineEnd(2), 8);
  assert.equal(index.lineEnd(3), 9);
  for (let offset = 0; offset <= text.length; offset++) {
    const p = index.positionAt(offset);
    // offsets inside a \r\n pair map to the end of the line's content
    assert.equal(index.offsetAt(p), Math.min(offset, index.lineEnd(p.line)));
  }
});

test('an edit of an index that was never used builds the new one from scratch, the same as a fresh one', () => {
  const before = new LineIndex('a\nb\nc');
  const after = new LineIndex('a\nXX\nb\nc', { index: before, prefix: 2, suffix: 3 });
  assert.deepEqual(after.starts(), [0, 2, 5, 7]);
  const used = new LineIndex('a\nb\nc');
  void used.lineCount;
  const edited = new LineIndex('a\nXX\nb\nc', { index: used, prefix: 2, suffix: 3 });
  assert.deepEqual(edited.starts(), [0, 2, 5, 7]);
});
