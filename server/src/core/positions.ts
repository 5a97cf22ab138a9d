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

/** Offsets ↔ lines; built once per document version, or updated from the previous version after an edit. */
export class LineIndex {
  private readonly lineStarts: number[];

  /**
   * With `previous` and the edit's common prefix/suffix, line starts before the edit are kept, those after it are
   * shifted, and only the edited text is scanned.
   */
  constructor(
    private readonly text: string,
    previous?: { readonly index: LineIndex; readonly prefix: number; readonly suffix: number },
  ) {
    if (previous) {
      this.lineStarts = edited(previous.index, text, previous.prefix, previous.suffix);
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  /** for building the next version's index */
  starts(): readonly number[] {
    return this.lineStarts;
  }

  get length(): number {
    return this.text.length;
  }

  /** the text the index was built for */
  textOf(): string {
    return this.text;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

function edited(old: LineIndex, text: string, prefix: number, suffix: number): number[] {
  const oldStarts = old.starts();
  const delta = text.length - old.length;
  const tailFromOld = old.length - suffix; // where the unchanged tail begins, old offsets
  const tailFrom = text.length - suffix; // the same point, new offsets
  // keep the line starts up to the line that holds the edit's first changed character
  let keep = 0;
  while (keep + 1 < oldStarts.length && oldStarts[keep + 1] <= Math.max(0, prefix - 1)) keep++;
  const starts = oldStarts.slice(0, keep + 1) as number[];
  // rescan the edited text, one character into the tail (a \r\n pair may straddle the boundary)
  for (let i = starts[starts.length - 1]; i < text.length && i <= tailFrom; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  // line starts inside the unchanged tail stay line starts, shifted
  for (const s0 of oldStarts) {
    if (s0 <= tailFromOld) continue;
    const s1 = s0 + delta;
    if (s1 > tailFrom && s1 > starts[starts.length - 1]) starts.push(s1);
  }
  return starts;
}
