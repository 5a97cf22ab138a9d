/**
 * The one place where offsets become lines and characters (UTF-16 code units, as LSP and VS Code count them).
 * Lines break at \n, \r\n and a lone \r.
 */
export interface Position {
  /** 0-based line */
  readonly line: number;
  /** 0-based UTF-16 column */
  readonly character: number;
}

/**
 * Offsets ↔ lines; built once per document version, or updated from the previous version after an edit.
 *
 * The line starts are computed on first use: most analyses never ask for a position (findings that nobody converts,
 * files without suppression comments), and a full pass over a large text costs about as much as lexing it.
 */
export class LineIndex {
  private lineStarts?: Int32Array;

  /**
   * With `previous` and the edit's common prefix/suffix, line starts before the edit are kept, those after it are
   * shifted, and only the edited text is scanned.
   */
  constructor(
    private readonly text: string,
    previous?: { readonly index: LineIndex; readonly prefix: number; readonly suffix: number },
  ) {
    // Updating is only worth it from an index that was built; holding on to an unbuilt one would chain every version's
    // text, so this index then builds from scratch when first asked.
    const old = previous?.index.lineStarts;
    if (previous && old) this.lineStarts = edited(old, previous.index.length, text, previous.prefix, previous.suffix);
  }

  private get built(): Int32Array {
    this.lineStarts ??= scanLineStarts(this.text);
    return this.lineStarts;
  }

  /** The start offset of every line, in order (a copy). */
  starts(): readonly number[] {
    return Array.from(this.built);
  }

  get length(): number {
    return this.text.length;
  }

  /** the text the index was built for */
  textOf(): string {
    return this.text;
  }

  get lineCount(): number {
    return this.built.length;
  }

  positionAt(offset: number): Position {
    const starts = this.built;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low] };
  }

  offsetAt(position: Position): number {
    const starts = this.built;
    if (position.line < 0) return 0;
    if (position.line >= starts.length) return this.text.length;
    const start = starts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const starts = this.built;
    const next = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    let end = next;
    if (end > starts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    const starts = this.built;
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** An Int32Array that grows by doubling, for line starts. */
class StartsBuilder {
  private values: Int32Array;
  count = 0;

  constructor(capacity: number) {
    this.values = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.count === this.values.length) {
      const larger = new Int32Array(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.count++] = value;
  }

  last(): number {
    return this.values[this.count - 1];
  }

  /** the values, without the spare room */
  done(): Int32Array {
    return this.values.slice(0, this.count);
  }
}

/**
 * Line starts of the whole text. Line feeds are found with `indexOf`, which the engine runs at memchr speed, instead
 * of a loop over every character; carriage returns (\r\n or a lone \r) are found the same way, the next one kept
 * until the scan passes it, so a text without any costs one search.
 */
function scanLineStarts(text: string): Int32Array {
  const out = new StartsBuilder((text.length >> 5) + 16);
  out.push(0);
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    if (lf < 0 && cr < 0) break;
    if (cr < 0 || (lf >= 0 && lf < cr)) {
      out.push(lf + 1);
      lf = text.indexOf('\n', lf + 1);
      continue;
    }
    // a \r ends the line, with the \n right after it if there is one
    const next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    out.push(next);
    if (next === cr + 2) lf = text.indexOf('\n', next);
    cr = text.indexOf('\r', next);
  }
  return out.done();
}

/** Index of the last value ≤ x in sorted values (0 when none is). */
function lastAtMost(values: Int32Array, x: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid] <= x) low = mid;
    else high = mid - 1;
  }
  return low;
}

function edited(oldStarts: Int32Array, oldLength: number, text: string, prefix: number, suffix: number): Int32Array {
  const delta = text.length - oldLength;
  const tailFromOld = oldLength - suffix; // where the unchanged tail begins, old offsets
  const tailFrom = text.length - suffix; // the same point, new offsets
  // keep the line starts up to the line that holds the edit's first changed character
  const keep = lastAtMost(oldStarts, Math.max(0, prefix - 1));
  const starts = new StartsBuilder(oldStarts.length + 16);
  for (let k = 0; k <= keep; k++) starts.push(oldStarts[k]);
  // rescan the edited text, one character into the tail (a \r\n pair may straddle the boundary)
  for (let i = starts.last(); i < text.length && i <= tailFrom; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  // line starts inside the unchanged tail stay line starts, shifted
  for (let k = lastAtMost(oldStarts, tailFromOld) + 1; k < oldStarts.length; k++) {
    const s1 = oldStarts[k] + delta;
    if (s1 > tailFrom && s1 > starts.last()) starts.push(s1);
  }
  return starts.done();
}
