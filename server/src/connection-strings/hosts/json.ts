/**
 * JSON and JSONC: every string value (member values and array items, not member names), JSON escapes decoded, keyed
 * by its full path (`ConnectionStrings.Sales`, `servers[0].url`). Comments are skipped in both (they cannot occur
 * outside strings in valid JSON, so tolerating them costs nothing). Malformed input is read on as best it can be.
 */
import type { Span } from '../../core/types';
import { isLineBreak, joinKey, Sink, type KeyedString } from './common';
import { JSON_RULES } from './escapes';
import { scanQuoted, type QuotedSpec } from './quoted';

const STRING: QuotedSpec = { prefix: 0, delim: '"', multiline: false, escapes: JSON_RULES, escaping: 'backslash-double' };
const noNested = (): undefined => undefined;

interface Frame {
  readonly array: boolean;
  readonly path: string;
  /** objects: the current member's name and where it is written; arrays: those of the member holding the array */
  key?: string;
  keySpan?: Span;
  index: number;
  expectKey: boolean;
}

/** Nesting deeper than this is not tracked (paths stop growing), so garbage like `[[[[…` stays cheap. */
const MAX_DEPTH = 512;
const DELIMITERS = new Set(['{', '}', '[', ']', ',', ':', '"', '/', ' ', '\t', '\r', '\n']);

export function scanJson(text: string, out: KeyedString[]): void {
  const n = text.length;
  const stack: Frame[] = [];
  let untracked = 0;
  const top = (): Frame | undefined => stack[stack.length - 1];
  const valuePath = (): string => {
    const f = top();
    if (!f) return '';
    return f.array ? `${f.path}[${f.index}]` : joinKey(f.path, f.key ?? '');
  };
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && !isLineBreak(text[i])) i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '{' || c === '[') {
      if (stack.length < MAX_DEPTH) {
        const parent = top();
        stack.push({ array: c === '[', path: valuePath(), keySpan: parent?.keySpan, index: 0, expectKey: c === '{' });
      } else untracked++;
      i++;
    } else if (c === '}' || c === ']') {
      if (untracked > 0) untracked--;
      else stack.pop();
      i++;
    } else if (c === ':') {
      const f = top();
      if (f && !f.array) f.expectKey = false;
      i++;
    } else if (c === ',') {
      const f = top();
      if (f?.array) f.index++;
      else if (f) {
        f.expectKey = true;
        f.key = undefined;
        f.keySpan = undefined;
      }
      i++;
    } else if (c === '"') {
      const f = top();
      const sink = new Sink(i);
      const end = scanQuoted(text, i, STRING, sink, noNested, 0);
      sink.endPiece(STRING.escaping);
      if (f && !f.array && f.expectKey && untracked === 0) {
        f.key = sink.build(end)?.value ?? '';
        f.keySpan = { start: i, end };
      } else {
        const path = valuePath();
        const s = sink.build(end, path || undefined, path ? f?.keySpan : undefined);
        if (s) out.push(s);
      }
      i = end;
    } else {
      // numbers, true/false/null, garbage
      const start = i;
      while (i < n && !DELIMITERS.has(text[i])) i++;
      if (i === start) i++;
    }
  }
}
