/**
 * T-SQL lexer. One linear pass, never throws, exact offsets.
 *
 * Tokens are stored as parallel typed arrays (no object per token) because most of a real script is ordinary
 * DML that the parser only skips; comments go to a separate list so the parser never sees them but suppression
 * comments and hovers can.
 */

export const Tok = {
  Word: 1,
  /** `[name]` or `"name"` */
  QuotedIdent: 2,
  /** `'…'` or `N'…'` */
  String: 3,
  Number: 4,
  /** `@name`, `@@name` */
  Variable: 5,
  /** sqlcmd `$(Name)` */
  SqlcmdVar: 6,
  /** any other single character; read it with `charAt(start)` */
  Punct: 7,
  /** `GO [n]` alone on its line: a batch separator */
  Go: 8,
  /** a sqlcmd command line such as `:setvar x y` or `:r file.sql` */
  SqlcmdCommand: 9,
} as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

/** Token flag: the string, identifier or comment runs to the end of the text without its closing delimiter. */
export const UNTERMINATED = 1;

export interface Tokens {
  readonly text: string;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly flags: Uint8Array;
  /** comments as [start, end) pairs, in order */
  readonly comments: readonly CommentSpan[];
  /** indices of the GO tokens, when known (incremental re-lexing keeps them) */
  readonly separators?: Int32Array;
}

export interface CommentSpan {
  readonly start: number;
  readonly end: number;
  readonly block: boolean;
  readonly unterminated: boolean;
}

class TokenBuffer {
  count = 0;
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  flags: Uint8Array;

  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  push(kind: TokKind, start: number, end: number, flag: number): void {
    if (this.count === this.kinds.length) this.grow();
    const i = this.count++;
    this.kinds[i] = kind;
    this.starts[i] = start;
    this.ends[i] = end;
    this.flags[i] = flag;
  }

  private grow(): void {
    const size = Math.max(16, this.kinds.length * 2);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 /* _ */ || c === 35 /* # */ || (c > 127 && !isUnicodeSpace(c));
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 64 /* @ */ || c === 36 /* $ */;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x3000;
}

/** Control characters (NUL included) count as whitespace so that binary junk cannot derail the lexer. */
function isSpace(c: number): boolean {
  return c <= 32 || isUnicodeSpace(c);
}

export function lex(text: string, from = 0, to = text.length): Tokens {
  const out = new TokenBuffer(Math.max(16, (to - from) >> 3));
  const comments: CommentSpan[] = [];
  let i = from;
  // Only whitespace since the last line break: decides whether `GO` or `:cmd` starts the line.
  let lineIsBlank = true;

  while (i < to) {
    const c = text.charCodeAt(i);

    if (c === 10 || c === 13) {
      lineIsBlank = true;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }

    const start = i;

    // -- line comment
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45 && i + 1 < to) {
      i += 2;
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      comments.push({ start, end: i, block: false, unterminated: false });
      continue;
    }

    // /* block comment */, nested as SQL Server nests them
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 && i + 1 < to) {
      i += 2;
      let depth = 1;
      while (i < to && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === 42 && text.charCodeAt(i + 1) === 47 && i + 1 < to) {
          depth--;
          i += 2;
        } else if (d === 47 && text.charCodeAt(i + 1) === 42 && i + 1 < to) {
          depth++;
          i += 2;
        } else {
          i++;
        }
      }
      comments.push({ start, end: i, block: true, unterminated: depth > 0 });
      // A comment does not make the line non-blank for sqlcmd purposes only if nothing else precedes; keep simple:
      // `/* x */ GO` is not a batch separator in sqlcmd either.
      lineIsBlank = false;
      continue;
    }

    const wasBlank = lineIsBlank;
    lineIsBlank = false;

    // N'unicode string'
    if ((c === 78 || c === 110) && text.charCodeAt(i + 1) === 39 && i + 1 < to) {
      i = scanQuoted(text, i + 1, to, 39);
      out.push(Tok.String, start, i < 0 ? to : i, i < 0 ? UNTERMINATED : 0);
      if (i < 0) i = to;
      continue;
    }

    if (c === 39 /* ' */) {
      i = scanQuoted(text, i, to, 39);
      out.push(Tok.String, start, i < 0 ? to : i, i < 0 ? UNTERMINATED : 0);
      if (i < 0) i = to;
      continue;
    }

    if (c === 91 /* [ */) {
      i = scanQuoted(text, i, to, 93);
      out.push(Tok.QuotedIdent, start, i < 0 ? to : i, i < 0 ? UNTERMINATED : 0);
      if (i < 0) i = to;
      continue;
    }

    if (c === 34 /* " */) {
      i = scanQuoted(text, i, to, 34);
      out.push(Tok.QuotedIdent, start, i < 0 ? to : i, i < 0 ? UNTERMINATED : 0);
      if (i < 0) i = to;
      continue;
    }

    if (isIdentStart(c)) {
      i++;
      while (i < to && isIdentPart(text.charCodeAt(i))) i++;
      if (wasBlank && i - start === 2 && (c | 32) === 103 && (text.charCodeAt(start + 1) | 32) === 111) {
        const goEnd = scanGoTail(text, i, to);
        if (goEnd >= 0) {
          out.push(Tok.Go, start, goEnd, 0);
          i = goEnd;
          continue;
        }
      }
      out.push(Tok.Word, start, i, 0);
      continue;
    }

    if (isDigit(c) || (c === 46 /* . */ && isDigit(text.charCodeAt(i + 1)) && i + 1 < to)) {
      i = scanNumber(text, i, to);
      out.push(Tok.Number, start, i, 0);
      continue;
    }

    if (c === 64 /* @ */) {
      i++;
      while (i < to && isIdentPart(text.charCodeAt(i))) i++;
      out.push(Tok.Variable, start, i, 0);
      continue;
    }

    if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 40 /* ( */ && i + 1 < to) {
      let j = i + 2;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (d === 41 || d === 10 || d === 13) break;
        j++;
      }
      if (j < to && text.charCodeAt(j) === 41) {
        i = j + 1;
        out.push(Tok.SqlcmdVar, start, i, 0);
        continue;
      }
    }

    if (c === 58 /* : */ && wasBlank && isIdentStart(text.charCodeAt(i + 1)) && i + 1 < to) {
      while (i < to) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        i++;
      }
      out.push(Tok.SqlcmdCommand, start, i, 0);
      continue;
    }

    i++;
    out.push(Tok.Punct, start, i, 0);
  }

  // Trim the growth slack: open documents keep their tokens (for incremental re-lexing), and slack doubles memory.
  const n = out.count;
  const tight = out.kinds.length > n + (n >> 2) + 16;
  return {
    text,
    count: n,
    kinds: tight ? out.kinds.slice(0, n) : out.kinds,
    starts: tight ? out.starts.slice(0, n) : out.starts,
    ends: tight ? out.ends.slice(0, n) : out.ends,
    flags: tight ? out.flags.slice(0, n) : out.flags,
    comments,
  };
}

/** Scans a delimited token whose closing delimiter is escaped by doubling. Returns the end offset, or -1. */
function scanQuoted(text: string, openAt: number, to: number, close: number): number {
  let i = openAt + 1;
  while (i < to) {
    if (text.charCodeAt(i) === close) {
      if (i + 1 < to && text.charCodeAt(i + 1) === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

function scanNumber(text: string, i: number, to: number): number {
  if (text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 32) === 120 && i + 1 < to) {
    // 0x… binary literal
    i += 2;
    while (i < to) {
      const d = text.charCodeAt(i) | 32;
      if (isDigit(d) || (d >= 97 && d <= 102)) i++;
      else break;
    }
    return i;
  }
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i < to && text.charCodeAt(i) === 46) {
    i++;
    while (i < to && isDigit(text.charCodeAt(i))) i++;
  }
  if (i < to && (text.charCodeAt(i) | 32) === 101) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (j < to && isDigit(text.charCodeAt(j))) {
      i = j;
      while (i < to && isDigit(text.charCodeAt(i))) i++;
    }
  }
  return i;
}

/**
 * After a line-initial `GO`: optional spaces, an optional repeat count, optional spaces and an optional `--` comment,
 * then the end of the line. Returns where the separator token ends, or -1 when this `GO` is not a separator.
 */
function scanGoTail(text: string, i: number, to: number): number {
  let j = i;
  while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  let end = i;
  if (j < to && isDigit(text.charCodeAt(j))) {
    while (j < to && isDigit(text.charCodeAt(j))) j++;
    end = j;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  }
  if (j >= to) return end;
  const d = text.charCodeAt(j);
  if (d === 10 || d === 13) return end;
  if (d === 45 && text.charCodeAt(j + 1) === 45) return end;
  if (d === 59 /* ; */) return end; // `GO;` is tolerated by SSMS
  return -1;
}
