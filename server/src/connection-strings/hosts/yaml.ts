/**
 * YAML block documents, line by line, with a stack of open keys (by indentation) for full dotted keys
 * (`spring.datasource.url`; sequence items add `[i]`: `servers[0].url`).
 * Values: plain scalars (` #` starts a comment; continuation lines fold to one space), '…' (`''` escape) and "…"
 * (backslash escapes, escaped line breaks), both folding line breaks as YAML does; block scalars `|`/`>` with
 * chomping (`-`/`+`) and indentation indicators, indentation removed, `>` folded as YAML folds it. Flow collections
 * `[…]`/`{…}` yield their quoted scalars only, keyed by the collection's key (`[i]` added in a flow sequence).
 * Not supported: complex keys (`? …`), anchors/aliases beyond skipping them, tags beyond skipping them.
 */
import type { Span } from '../../core/types';
import { isBlank, isLineBreak, joinKey, lineEnd, nextLine, skipBlanks, Sink, type KeyedString } from './common';
import { decodeEscape, YAML_DOUBLE } from './escapes';

interface Entry {
  readonly indent: number;
  /** a key, or `[i]` for a sequence item */
  readonly seg: string;
  readonly item: boolean;
  /** items of the sequence under this entry so far */
  count: number;
  readonly keySpan?: Span;
}

interface Quoted {
  readonly sink: Sink;
  readonly end: number;
  readonly closed: boolean;
}

export function scanYaml(text: string, out: KeyedString[]): void {
  new YamlScanner(text, out).scan();
}

class YamlScanner {
  private readonly stack: Entry[] = [];
  private rootCount = 0;
  private readonly n: number;

  constructor(
    private readonly text: string,
    private readonly out: KeyedString[],
  ) {
    this.n = text.length;
  }

  scan(): void {
    const { text, n } = this;
    let pos = 0;
    while (pos < n) {
      const le = lineEnd(text, pos);
      const p = skipBlanks(text, pos, le);
      if (p === le || text[p] === '#' || (p === pos && text[p] === '%')) {
        pos = nextLine(text, le);
      } else if (p === pos && this.isMarker(pos)) {
        this.stack.length = 0;
        this.rootCount = 0;
        pos = nextLine(text, le);
      } else {
        pos = this.line(pos, le, p);
      }
    }
  }

  /** `---` or `...` at the start of a line. */
  private isMarker(ls: number): boolean {
    const t = this.text;
    return (t.startsWith('---', ls) || t.startsWith('...', ls)) && (ls + 3 >= this.n || isBlank(t[ls + 3]) || isLineBreak(t[ls + 3]));
  }

  private isItem(p: number, le: number): boolean {
    return this.text[p] === '-' && (p + 1 >= le || isBlank(this.text[p + 1]));
  }

  /** A line that would end an unterminated scalar: a document marker, or a less indented key or item. */
  private endsScalar(ls: number, p: number, ownerIndent: number): boolean {
    if (p === ls && this.isMarker(ls)) return true;
    if (p - ls > ownerIndent) return false;
    const le = lineEnd(this.text, p);
    return this.isItem(p, le) || this.keyAt(p, le) !== undefined;
  }

  private pop(pred: (e: Entry) => boolean): void {
    while (this.stack.length > 0 && pred(this.stack[this.stack.length - 1])) this.stack.pop();
  }

  private path(seg: string): string {
    let s = '';
    for (const e of this.stack) s = joinKey(s, e.seg);
    return joinKey(s, seg);
  }

  private emit(sink: Sink, end: number, key: string, keySpan: Span | undefined): void {
    const s = sink.build(end, key || undefined, key ? keySpan : undefined);
    if (s) this.out.push(s);
  }

  /** One line whose first non-blank character is at p; returns where the next unread line starts. */
  private line(ls: number, le: number, p: number): number {
    const { text } = this;
    let col = p - ls;
    for (let guard = 0; guard < 64 && this.isItem(p, le); guard++) {
      this.pop((e) => e.indent > col || (e.indent === col && e.item));
      const parent = this.stack[this.stack.length - 1];
      const index = parent ? parent.count++ : this.rootCount++;
      this.stack.push({ indent: col, seg: `[${index}]`, item: true, count: 0, keySpan: parent?.keySpan });
      const q = skipBlanks(text, p + 1, le);
      if (q === le || text[q] === '#') return nextLine(text, le);
      col += q - p;
      p = q;
    }
    if (text[p] === '?' && (p + 1 >= le || isBlank(text[p + 1]))) return nextLine(text, le);
    const key = this.keyAt(p, le);
    if (key) {
      this.pop((e) => e.indent >= col);
      const v = this.skipProperties(skipBlanks(text, key.colon + 1, le), le);
      if (v === le || text[v] === '#') {
        this.stack.push({ indent: col, seg: key.name, item: false, count: 0, keySpan: key.span });
        return nextLine(text, le);
      }
      return this.value(v, le, this.path(key.name), key.span, col);
    }
    // a scalar without a key: the value of the enclosing key or item (`key:` with its value on the next line)
    this.pop((e) => e.indent >= col);
    const owner = this.stack[this.stack.length - 1];
    const v = this.skipProperties(p, le);
    if (v === le || text[v] === '#') return nextLine(text, le);
    return this.value(v, le, this.path(''), owner?.keySpan, owner ? owner.indent : -1);
  }

  /** Skips tags (`!!str`) and anchors (`&a`) before a value. */
  private skipProperties(v: number, le: number): number {
    const { text } = this;
    while (v < le && (text[v] === '!' || text[v] === '&')) {
      while (v < le && !isBlank(text[v])) v++;
      v = skipBlanks(text, v, le);
    }
    return v;
  }

  /** A mapping key at p (plain or quoted, followed by `: ` or `:` at the line end). */
  private keyAt(p: number, le: number): { name: string; span: Span; colon: number } | undefined {
    const { text } = this;
    const c = text[p];
    if (c === '"' || c === "'") {
      let j = p + 1;
      while (j < le && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      if (j >= le) return undefined;
      if (c === "'" && text[j + 1] === "'") {
        // `''` inside: find the real closing quote
        j = p + 1;
        while (j < le && !(text[j] === "'" && text[j + 1] !== "'")) j += text[j] === "'" ? 2 : 1;
        if (j >= le) return undefined;
      }
      const k = skipBlanks(text, j + 1, le);
      if (text[k] !== ':' || !(k + 1 >= le || isBlank(text[k + 1]))) return undefined;
      const q = this.quoted(p, -1);
      return { name: q.sink.build(j + 1)?.value ?? '', span: { start: p, end: j + 1 }, colon: k };
    }
    if ('[{|>*&!%@`#'.includes(c)) return undefined;
    for (let j = p; j < le; j++) {
      const d = text[j];
      if (d === ':' && (j + 1 >= le || isBlank(text[j + 1]))) {
        let e = j;
        while (e > p && isBlank(text[e - 1])) e--;
        return { name: text.slice(p, e), span: { start: p, end: e }, colon: j };
      }
      if (d === '#' && j > p && isBlank(text[j - 1])) return undefined;
    }
    return undefined;
  }

  private value(v: number, le: number, key: string, keySpan: Span | undefined, ownerIndent: number): number {
    const { text } = this;
    const c = text[v];
    if (c === '*') return nextLine(text, le);
    if (c === '"' || c === "'") {
      const q = this.quoted(v, ownerIndent);
      q.sink.endPiece(c === '"' ? 'backslash-double' : 'doubled-single');
      this.emit(q.sink, q.end, key, keySpan);
      return nextLine(text, lineEnd(text, q.end));
    }
    if (c === '|' || c === '>') return this.block(v, le, key, keySpan, ownerIndent);
    if (c === '[' || c === '{') return this.flow(v, key, keySpan, ownerIndent);
    return this.plain(v, le, key, keySpan, ownerIndent);
  }

  /** End of a plain scalar's text on one line: before ` #`, trailing blanks trimmed. */
  private plainEnd(p: number, le: number): number {
    const { text } = this;
    let j = p;
    while (j < le && !(text[j] === '#' && j > p && isBlank(text[j - 1]))) j++;
    while (j > p && isBlank(text[j - 1])) j--;
    return j;
  }

  private plain(v: number, le: number, key: string, keySpan: Span | undefined, ownerIndent: number): number {
    const { text, n } = this;
    const sink = new Sink(v);
    let last = this.plainEnd(v, le);
    sink.pushRaw(text, v, last);
    let pos = nextLine(text, le);
    let empties = 0;
    while (pos < n) {
      const lle = lineEnd(text, pos);
      const p = skipBlanks(text, pos, lle);
      if (p === lle) {
        empties++;
        pos = nextLine(text, lle);
        continue;
      }
      if (p - pos <= ownerIndent || text[p] === '#' || (p === pos && this.isMarker(pos))) break;
      if (ownerIndent < 0 && (this.isItem(p, lle) || this.keyAt(p, lle))) break;
      // folding: one line break becomes a space; n empty lines become n line breaks
      sink.push(empties > 0 ? '\n'.repeat(empties) : ' ', last, p);
      last = this.plainEnd(p, lle);
      sink.pushRaw(text, p, last);
      empties = 0;
      pos = nextLine(text, lle);
    }
    sink.endPiece('none');
    this.emit(sink, last, key, keySpan);
    return pos;
  }

  /** A quoted scalar at v, folded across lines; unterminated, it stops before a line that ends it (endsScalar). */
  private quoted(v: number, ownerIndent: number): Quoted {
    const { text, n } = this;
    const q = text[v];
    const sink = new Sink(v);
    sink.contentAt(v + 1);
    let i = v + 1;
    let ws = -1; // start of pending blanks: dropped before a line break, kept before anything else
    const flush = (): void => {
      if (ws >= 0) sink.pushRaw(text, ws, i);
      ws = -1;
    };
    while (i < n) {
      const c = text[i];
      if (c === q) {
        flush();
        if (q === "'" && text[i + 1] === "'") {
          sink.push("'", i, i + 2);
          i += 2;
          continue;
        }
        return { sink, end: i + 1, closed: true };
      }
      if (isBlank(c)) {
        if (ws < 0) ws = i;
        i++;
        continue;
      }
      const escapedBreak = q === '"' && c === '\\' && isLineBreak(text[i + 1]);
      if (isLineBreak(c) || escapedBreak) {
        if (escapedBreak) flush();
        ws = -1;
        let j = nextLine(text, escapedBreak ? i + 1 : i);
        let empties = 0;
        let p = skipBlanks(text, j);
        while (p < n && isLineBreak(text[p])) {
          empties++;
          j = nextLine(text, p);
          p = skipBlanks(text, j);
        }
        if (p >= n || this.endsScalar(j, p, ownerIndent)) return { sink, end: i, closed: false };
        const fold = escapedBreak || empties > 0 ? '\n'.repeat(empties) : ' ';
        if (fold) sink.push(fold, i, p);
        i = p;
        continue;
      }
      flush();
      if (q === '"' && c === '\\') {
        i = decodeEscape(text, i, n, YAML_DOUBLE, sink);
        continue;
      }
      sink.push(c, i, i + 1);
      i++;
    }
    return { sink, end: n, closed: false };
  }

  private block(v: number, le: number, key: string, keySpan: Span | undefined, ownerIndent: number): number {
    const { text, n } = this;
    const folded = text[v] === '>';
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    let explicit = 0;
    for (let j = v + 1; j < v + 3; j++) {
      const c = text[j];
      if (c === '-') chomp = 'strip';
      else if (c === '+') chomp = 'keep';
      else if (c >= '1' && c <= '9') explicit = c.charCodeAt(0) - 48;
      else break;
    }
    let indent = explicit ? Math.max(ownerIndent, 0) + explicit : -1;
    // the block's lines as [start, end, next, blank] quadruples
    const lines: number[] = [];
    let pos = nextLine(text, le);
    while (pos < n) {
      const lle = lineEnd(text, pos);
      let sp = pos;
      while (sp < lle && text[sp] === ' ') sp++;
      const blank = skipBlanks(text, pos, lle) === lle;
      if (!blank) {
        const col = sp - pos;
        if (indent < 0) {
          if (col <= ownerIndent) break;
          indent = col;
        }
        if (col < indent || (col === 0 && this.isMarker(pos))) break;
      }
      lines.push(pos, lle, nextLine(text, lle), blank ? 1 : 0);
      pos = nextLine(text, lle);
    }
    const sink = new Sink(v);
    let lastEnd = v + 1;
    const count = lines.length / 4;
    const start = (k: number): number => lines[4 * k];
    const end = (k: number): number => lines[4 * k + 1];
    const isBlankLine = (k: number): boolean => lines[4 * k + 3] === 1;
    const more = (k: number): boolean => folded && isBlank(text[start(k) + indent]);
    const lineBreak = (k: number): void => {
      if (lines[4 * k + 2] > end(k)) {
        sink.push('\n', end(k), lines[4 * k + 2]);
        lastEnd = lines[4 * k + 2];
      }
    };
    let prev = -1;
    for (let k = 0; k < count; k++) {
      if (isBlankLine(k)) continue;
      if (prev < 0) {
        for (let b = 0; b < k; b++) lineBreak(b);
      } else if (folded && !more(k) && !more(prev)) {
        if (k === prev + 1) sink.push(' ', end(prev), lines[4 * prev + 2]);
        for (let b = prev + 1; b < k; b++) lineBreak(b);
      } else {
        for (let b = prev; b < k; b++) lineBreak(b);
      }
      sink.pushRaw(text, start(k) + indent, end(k));
      lastEnd = end(k);
      prev = k;
    }
    if (prev >= 0 && chomp !== 'strip') lineBreak(prev);
    if (prev >= 0 && chomp === 'keep') for (let b = prev + 1; b < count; b++) lineBreak(b);
    sink.endPiece('none');
    this.emit(sink, lastEnd, key, keySpan);
    return pos;
  }

  private flow(v: number, key: string, keySpan: Span | undefined, ownerIndent: number): number {
    const { text, n } = this;
    const sequence = text[v] === '[';
    let depth = 0;
    let index = 0;
    let i = v;
    while (i < n) {
      const c = text[i];
      if (c === '[' || c === '{') {
        depth++;
        i++;
      } else if (c === ']' || c === '}') {
        depth--;
        i++;
        if (depth <= 0) break;
      } else if (c === ',') {
        if (depth === 1) index++;
        i++;
      } else if (c === '"' || c === "'") {
        const q = this.quoted(i, ownerIndent);
        const k = skipBlanks(text, q.end);
        if (text[k] !== ':') {
          q.sink.endPiece(c === '"' ? 'backslash-double' : 'doubled-single');
          this.emit(q.sink, q.end, sequence && depth === 1 ? joinKey(key, `[${index}]`) : key, keySpan);
        }
        i = Math.max(q.end, i + 1);
        if (!q.closed) break;
      } else if (c === '#' && i > v && isBlank(text[i - 1])) {
        i = lineEnd(text, i);
      } else if (isLineBreak(c)) {
        const next = nextLine(text, i);
        const p = skipBlanks(text, next);
        if (p < n && !isLineBreak(text[p]) && this.endsScalar(next, p, ownerIndent)) break;
        i = next;
      } else i++;
    }
    return nextLine(text, lineEnd(text, i));
  }
}
