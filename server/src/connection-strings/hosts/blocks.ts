/**
 * Literals whose content is a block of lines with the closing line's indentation removed: C# 11 raw strings
 * (`"""…"""`, `$"""…"""`, `$$"""…"""`) and PHP heredoc/nowdoc (`<<<ID` … `ID`).
 */
import { isBlank, isIdentPart, isIdentStart, isLineBreak, lineEnd, nextLine, type Sink } from './common';
import { PHP_HEREDOC } from './escapes';
import { skipHole, step, type ContentSpec, type NestedScanner } from './quoted';

/** Pushes lines [first, contentEnd) without `indent` at their start; line breaks between them are kept as written. */
function pushIndentedLines(text: string, first: number, contentEnd: number, indent: string, out: Sink, unit: (i: number, limit: number) => number): void {
  let ls = first;
  while (ls <= contentEnd) {
    const le = Math.min(lineEnd(text, ls), contentEnd);
    let i = ls;
    while (i < le && i - ls < indent.length && text[i] === indent[i - ls]) i++;
    while (i < le) i = unit(i, le);
    if (le >= contentEnd) break;
    const next = nextLine(text, le);
    out.pushRaw(text, le, next);
    ls = next;
  }
}

/** Start of the line holding `at`, searching back no further than `floor`. */
function lineStartBefore(text: string, at: number, floor: number): number {
  let i = at;
  while (i > floor && !isLineBreak(text[i - 1])) i--;
  return i;
}

/** End of the content before the closing line that starts at `closingLine` (the line break before it is not content). */
function contentEndBefore(text: string, closingLine: number): number {
  if (text[closingLine - 1] === '\n' && text[closingLine - 2] === '\r') return closingLine - 2;
  return closingLine - 1;
}

/** A C# raw string at `start` (`$` prefix included); returns the index after it. */
export function scanCSharpRaw(text: string, start: number, out: Sink | null, nested: NestedScanner, depth: number): number {
  const n = text.length;
  let i = start;
  let dollars = 0;
  while (text[i] === '$') {
    dollars++;
    i++;
  }
  let quotes = 0;
  while (text[i] === '"') {
    quotes++;
    i++;
  }
  const open = i;
  let close = n;
  for (let j = open; j < n; ) {
    if (text[j] !== '"') {
      j++;
      continue;
    }
    let r = j;
    while (r < n && text[r] === '"') r++;
    if (r - j >= quotes) {
      close = r - quotes; // a longer run is an error; its first quotes are taken as content
      break;
    }
    j = r;
  }
  const end = Math.min(n, close + quotes);
  if (!out) return end;
  const unit = (k: number, limit: number): number => rawUnit(text, k, limit, dollars, out, nested, depth);
  let k = open;
  while (k < close && isBlank(text[k])) k++;
  if (k < close && isLineBreak(text[k])) {
    // multi-line: content is the lines between the opening and closing lines, less the closing line's indentation
    const first = nextLine(text, k);
    const closingLine = close < n ? lineStartBefore(text, close, first) : n;
    const indent = close < n && /^[ \t]*$/.test(text.slice(closingLine, close)) ? text.slice(closingLine, close) : '';
    const contentEnd = close < n ? (closingLine > first ? contentEndBefore(text, closingLine) : first - 1) : n;
    out.contentAt(first);
    if (contentEnd >= first) pushIndentedLines(text, first, contentEnd, indent, out, unit);
  } else {
    out.contentAt(open);
    for (let j = open; j < close; ) j = unit(j, close);
  }
  return end;
}

/** One unit of raw content: with N `$`, a run of at least N `{` opens a hole; fewer braces are text. */
function rawUnit(text: string, i: number, limit: number, dollars: number, out: Sink, nested: NestedScanner, depth: number): number {
  if (dollars > 0 && text[i] === '{') {
    let r = i;
    while (r < limit && text[r] === '{') r++;
    if (r - i < dollars) {
      out.pushRaw(text, i, r);
      return r;
    }
    let e = skipHole(text, r, limit, nested, depth, true);
    for (let extra = 1; extra < dollars && e < limit && text[e] === '}'; extra++) e++;
    out.pushRaw(text, i, e);
    return e;
  }
  out.push(text[i], i, i + 1);
  return i + 1;
}

const HEREDOC: ContentSpec = { escapes: PHP_HEREDOC, holes: 'php', multiline: false };

/** The heredoc/nowdoc header at i (`<<<ID`, `<<<"ID"`, `<<<'ID'` + line break), or undefined. */
export function heredocAt(text: string, i: number): { id: string; nowdoc: boolean; contentStart: number } | undefined {
  if (!text.startsWith('<<<', i)) return undefined;
  let j = i + 3;
  while (isBlank(text[j])) j++;
  const quote = text[j] === '"' || text[j] === "'" ? text[j] : '';
  if (quote) j++;
  const idStart = j;
  if (j >= text.length || !isIdentStart(text.charCodeAt(j), false)) return undefined;
  while (j < text.length && isIdentPart(text.charCodeAt(j), false)) j++;
  const id = text.slice(idStart, j);
  if (quote) {
    if (text[j] !== quote) return undefined;
    j++;
  }
  if (!isLineBreak(text[j])) return undefined;
  return { id, nowdoc: quote === "'", contentStart: nextLine(text, j) };
}

/** A PHP heredoc/nowdoc at `start`; returns the index after its closing identifier. */
export function scanHeredoc(text: string, start: number, out: Sink | null, nested: NestedScanner, depth: number): number {
  const h = heredocAt(text, start);
  if (!h) return start + 3;
  const n = text.length;
  // the closing line: optional indentation, the identifier, then no identifier character
  let closingLine = n;
  let closing = n;
  for (let ls = h.contentStart; ls < n; ) {
    const p = ls + (/^[ \t]*/.exec(text.slice(ls, Math.min(n, ls + 256)))?.[0].length ?? 0);
    if (text.startsWith(h.id, p) && !(p + h.id.length < n && isIdentPart(text.charCodeAt(p + h.id.length), false))) {
      closingLine = ls;
      closing = p;
      break;
    }
    const le = lineEnd(text, ls);
    if (le >= n) break;
    ls = nextLine(text, le);
  }
  const end = closing < n ? closing + h.id.length : n;
  if (!out) return end;
  const indent = text.slice(closingLine, closing);
  const contentEnd = closing < n ? (closingLine > h.contentStart ? contentEndBefore(text, closingLine) : h.contentStart - 1) : n;
  out.contentAt(h.contentStart);
  const unit = (k: number, limit: number): number => {
    if (!h.nowdoc) return step(text, k, limit, HEREDOC, out, nested, depth);
    out.push(text[k], k, k + 1);
    return k + 1;
  };
  if (contentEnd >= h.contentStart) pushIndentedLines(text, h.contentStart, contentEnd, indent, out, unit);
  return end;
}
