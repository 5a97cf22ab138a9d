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

/**
 * Token flag: a word with the first and last letter and the length of one of the STATEMENT_HEADS. The lexer has them
 * at hand when it ends a word, so the parser's statement loop reads one flag per token instead of every word's text.
 */
export const HEAD_CANDIDATE = 2;

/** The words that begin the statements the parser looks at (its `statementAt` dispatches on them). */
export const STATEMENT_HEADS: readonly string[] = [
  'CREATE', 'CLOSE', 'ALTER', 'DROP', 'DENY', 'GRANT', 'REVOKE', 'RESTORE', 'OPEN', 'BEGIN', 'BACKUP', 'USE',
  'PARTNER', 'WITNESS', 'ENDPOINT_URL',
];

/** For each upper-case ASCII letter, a bit per length (at most 15) that a statement head starting with it has. */
const HEAD_LENGTHS: Uint16Array = (() => {
  const t = new Uint16Array(128);
  for (const h of STATEMENT_HEADS) t[h.charCodeAt(0)] |= 1 << h.length;
  return t;
})();

/**
 * The same by first and last letter (their low five bits): most words that share a head's first letter and length
 * (Region, COUNT, GROUP, DESC) end differently. Other characters may share a letter's bits, which only lets a word
 * through to the parser's full comparison.
 */
const HEAD_ENDS: Uint16Array = (() => {
  const t = new Uint16Array(32 * 32);
  for (const h of STATEMENT_HEADS) t[((h.charCodeAt(0) & 31) << 5) | (h.charCodeAt(h.length - 1) & 31)] |= 1 << h.length;
  return t;
})();

/**
 * Whether a word of this length, whose first unit is c and last is z, may be a statement head (case-insensitive for
 * ASCII letters). A last unit beyond ASCII keeps the word: the parser upper-cases some heads as Unicode does, where
 * e.g. a long s is an S.
 */
function mayBeHead(c: number, z: number, length: number): boolean {
  const upper = c & ~32;
  if (length >= 16 || upper >= 128) return false;
  const lengths = z < 128 ? HEAD_ENDS[((upper & 31) << 5) | (z & 31)] : HEAD_LENGTHS[upper];
  return ((lengths >> length) & 1) === 1;
}

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

/** Growable parallel token arrays. `lexUnits` writes into them directly and calls `grow` only when they are full. */
class TokenBuffer {
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

  /** Doubles the capacity, keeping the first `count` tokens. */
  grow(count: number): void {
    const size = Math.max(16, this.kinds.length * 2);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds.subarray(0, count));
    const starts = new Int32Array(size);
    starts.set(this.starts.subarray(0, count));
    const ends = new Int32Array(size);
    ends.set(this.ends.subarray(0, count));
    const flags = new Uint8Array(size);
    flags.set(this.flags.subarray(0, count));
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
    this.flags = flags;
  }
}

/*
 * Character classes of ASCII, looked up in one table instead of a chain of comparisons per character. Code units from
 * 128 up are identifier characters except the Unicode spaces (see `classOf`).
 */
const C_PUNCT = 0;
/** control characters (NUL included) and the space: binary junk must not derail the lexer */
const C_SPACE = 1;
const C_NEWLINE = 2;
/** A-Z a-z _ # (N and n may also open N'…') */
const C_IDENT = 3;
const C_DIGIT = 4;
const C_QUOTE = 5;
const C_BRACKET = 6;
const C_DQUOTE = 7;
const C_MINUS = 8;
const C_SLASH = 9;
const C_DOT = 10;
const C_AT = 11;
const C_DOLLAR = 12;
const C_COLON = 13;

const CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c <= 32; c++) t[c] = C_SPACE;
  t[10] = C_NEWLINE;
  t[13] = C_NEWLINE;
  for (let c = 65; c <= 90; c++) t[c] = C_IDENT;
  for (let c = 97; c <= 122; c++) t[c] = C_IDENT;
  t[95] = C_IDENT; // _
  t[35] = C_IDENT; // #
  for (let c = 48; c <= 57; c++) t[c] = C_DIGIT;
  t[39] = C_QUOTE;
  t[91] = C_BRACKET;
  t[34] = C_DQUOTE;
  t[45] = C_MINUS;
  t[47] = C_SLASH;
  t[46] = C_DOT;
  t[64] = C_AT;
  t[36] = C_DOLLAR;
  t[58] = C_COLON;
  return t;
})();

/** 1 for the ASCII characters that continue an identifier or variable: letters, digits, _ # @ $. */
const IDENT_PART: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (CLASS[c] === C_IDENT || CLASS[c] === C_DIGIT) t[c] = 1;
  t[64] = 1; // @
  t[36] = 1; // $
  return t;
})();

function classOf(c: number): number {
  return c < 128 ? CLASS[c] : isUnicodeSpace(c) ? C_SPACE : C_IDENT;
}

function isIdentStart(c: number): boolean {
  return c < 128 ? CLASS[c] === C_IDENT : !isUnicodeSpace(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x3000;
}

/** The end of the identifier characters from i (letters, digits, _ # @ $, and non-space characters from 128 up). */
function identEnd(u: Units, i: number, to: number): number {
  while (i < to) {
    const c = u[i];
    if (c < 128 ? IDENT_PART[c] === 0 : isUnicodeSpace(c)) break;
    i++;
  }
  return i;
}

/** The text being lexed as code units: bytes when it is pure ASCII (see `codeUnits`). */
type Units = Uint8Array | Uint16Array;

const encoder = new TextEncoder();

/**
 * The byte copy of the text is only needed while lexing (which is synchronous), so one buffer serves every call: a
 * fresh 10 MB buffer per call costs page faults and external-memory GCs. It grows to the largest text lexed, up to
 * MAX_SCRATCH; larger texts get a buffer of their own.
 */
const MAX_SCRATCH = 16 * 1024 * 1024;
let scratch = new Uint8Array(0);

/** A byte buffer of at least `length` bytes (not cleared: the caller writes what it reads). */
function scratchFor(length: number): Uint8Array {
  if (length > MAX_SCRATCH) return new Uint8Array(length);
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, Math.min(MAX_SCRATCH, Math.max(scratch.length * 2, 4096))));
  return scratch;
}

/**
 * The code units of text[from, to) in a typed array, then the one at `to` (scanGoTail looks one past the end) and
 * zeros. Indexing a typed array is much cheaper than `charCodeAt`, which checks the string's representation on every
 * call; the copy costs a fraction of that. Pure ASCII, the usual case, is copied by the native UTF-8 encoder into
 * bytes (its output is then the code units themselves); anything else goes unit by unit into a Uint16Array.
 */
function codeUnits(text: string, from: number, to: number): Units {
  const end = Math.min(to + 1, text.length);
  const part = text.slice(from, end);
  const bytes = scratchFor(to - from + 2);
  const copied = encoder.encodeInto(part, bytes);
  if (copied.read === part.length && copied.written === part.length) {
    for (let k = part.length; k < to - from + 2; k++) bytes[k] = 0;
    return bytes;
  }
  const units = new Uint16Array(to - from + 2);
  for (let k = 0; k < part.length; k++) units[k] = part.charCodeAt(k);
  return units;
}

/**
 * A 10 MB script has about one token per 5 characters; sizing the arrays for one per 4 up front avoids copying them
 * when they grow, and leaves less than the slack `lex` trims away for ordinary T-SQL.
 */
function initialCapacity(length: number): number {
  return Math.max(16, (length >> 2) + 16);
}

export function lex(text: string, from = 0, to = text.length): Tokens {
  return lexUnits(text, codeUnits(text, from, to), from, to - from);
}

/**
 * The lexer proper, over the code units of text[base, base + to) (see `codeUnits`): positions are relative to `base`
 * while scanning, and offsets in the text when stored. Reads past `to` see the unit at `to`, then zeros: every such
 * read is either guarded by `< to` or compares with a non-zero character, so zeros stand for "past the end".
 */
function lexUnits(text: string, u: Units, base: number, to: number): Tokens {
  const buffer = new TokenBuffer(initialCapacity(to));
  let kinds = buffer.kinds;
  let starts = buffer.starts;
  let ends = buffer.ends;
  let count = 0;
  const comments: CommentSpan[] = [];
  let i = 0;
  // Only whitespace since the last line break: decides whether `GO` or `:cmd` starts the line.
  let lineIsBlank = true;

  while (i < to) {
    const c = u[i];
    const cls = classOf(c);
    if (cls === C_SPACE) {
      i++;
      continue;
    }
    if (cls === C_NEWLINE) {
      lineIsBlank = true;
      i++;
      continue;
    }

    const start = i;
    let kind: TokKind = Tok.Punct;
    let flag = 0;
    if (cls === C_IDENT && !((c | 32) === 110 /* N'…' */ && u[i + 1] === 39 && i + 1 < to)) {
      i = identEnd(u, i + 1, to);
      kind = Tok.Word;
      if (lineIsBlank && i - start === 2 && (c | 32) === 103 && (u[start + 1] | 32) === 111) {
        const goEnd = scanGoTail(u, i, to);
        if (goEnd >= 0) {
          kind = Tok.Go;
          i = goEnd;
        }
      }
      if (kind === Tok.Word && mayBeHead(c, u[i - 1], i - start)) flag = HEAD_CANDIDATE;
      lineIsBlank = false;
    } else if (cls === C_PUNCT) {
      i++;
      lineIsBlank = false;
    } else {
      // comments (which the token arrays do not hold), strings, quoted identifiers, numbers and the sqlcmd forms
      if (cls === C_MINUS && u[i + 1] === 45 && i + 1 < to) {
        i = lineEnd(u, i + 2, to);
        comments.push({ start: base + start, end: base + i, block: false, unterminated: false });
        continue;
      }
      if (cls === C_SLASH && u[i + 1] === 42 && i + 1 < to) {
        const end = blockCommentEnd(u, i + 2, to);
        i = end < 0 ? to : end;
        comments.push({ start: base + start, end: base + i, block: true, unterminated: end < 0 });
        // `/* x */ GO` is not a batch separator in sqlcmd either
        lineIsBlank = false;
        continue;
      }
      const wasBlank = lineIsBlank;
      lineIsBlank = false;
      const end = scanOther(u, i, to, cls, wasBlank);
      if (end > 0) {
        i = end;
        kind = OTHER_KIND[cls] as TokKind;
      } else if (end < 0) {
        // an unterminated string or quoted identifier runs to the end
        i = to;
        kind = OTHER_KIND[cls] as TokKind;
        flag = UNTERMINATED;
      } else {
        i++;
      }
    }

    if (count === kinds.length) {
      buffer.grow(count);
      kinds = buffer.kinds;
      starts = buffer.starts;
      ends = buffer.ends;
    }
    kinds[count] = kind;
    starts[count] = base + start;
    ends[count] = base + i;
    if (flag !== 0) buffer.flags[count] = flag;
    count++;
  }

  // Trim the growth slack: open documents keep their tokens (for incremental re-lexing), and slack doubles memory.
  const tight = kinds.length > count + (count >> 2) + 16;
  return {
    text,
    count,
    kinds: tight ? kinds.slice(0, count) : kinds,
    starts: tight ? starts.slice(0, count) : starts,
    ends: tight ? ends.slice(0, count) : ends,
    flags: tight ? buffer.flags.slice(0, count) : buffer.flags,
    comments,
  };
}

/** The kind of the token `scanOther` found, by the class of its first character. */
const OTHER_KIND: Uint8Array = (() => {
  const t = new Uint8Array(16).fill(Tok.Punct);
  t[C_IDENT] = Tok.String; // N'…'
  t[C_QUOTE] = Tok.String;
  t[C_BRACKET] = Tok.QuotedIdent;
  t[C_DQUOTE] = Tok.QuotedIdent;
  t[C_DIGIT] = Tok.Number;
  t[C_DOT] = Tok.Number;
  t[C_AT] = Tok.Variable;
  t[C_DOLLAR] = Tok.SqlcmdVar;
  t[C_COLON] = Tok.SqlcmdCommand;
  return t;
})();

/**
 * The less frequent tokens, by the class of their first character: the end offset of the token, -1 for a string or
 * quoted identifier that runs to the end without its closing delimiter, or 0 when the character is plain punctuation.
 */
function scanOther(u: Units, i: number, to: number, cls: number, wasBlank: boolean): number {
  switch (cls) {
    case C_IDENT: // N'unicode string' (the caller checked the quote)
      return scanQuoted(u, i + 1, to, 39);
    case C_QUOTE:
      return scanQuoted(u, i, to, 39);
    case C_BRACKET:
      return scanQuoted(u, i, to, 93);
    case C_DQUOTE:
      return scanQuoted(u, i, to, 34);
    case C_DIGIT:
      return scanNumber(u, i, to);
    case C_DOT:
      return isDigit(u[i + 1]) && i + 1 < to ? scanNumber(u, i, to) : 0;
    case C_AT:
      return identEnd(u, i + 1, to);
    case C_DOLLAR:
      return u[i + 1] === 40 /* ( */ && i + 1 < to ? sqlcmdVarEnd(u, i + 2, to) : 0;
    case C_COLON:
      return wasBlank && isIdentStart(u[i + 1]) && i + 1 < to ? lineEnd(u, i, to) : 0;
    default:
      return 0;
  }
}

/** The offset of the next line break from i (or `to`). */
function lineEnd(u: Units, i: number, to: number): number {
  while (i < to) {
    const d = u[i];
    if (d === 10 || d === 13) break;
    i++;
  }
  return i;
}

/** After `/*`: the end of the comment, nested as SQL Server nests them, or -1 when it runs to the end. */
function blockCommentEnd(u: Units, i: number, to: number): number {
  let depth = 1;
  while (i < to) {
    const d = u[i];
    if (d === 42 && u[i + 1] === 47 && i + 1 < to) {
      i += 2;
      if (--depth === 0) return i;
    } else if (d === 47 && u[i + 1] === 42 && i + 1 < to) {
      depth++;
      i += 2;
    } else {
      i++;
    }
  }
  return -1;
}

/** After `$(`: the end of `$(Name)` on one line, or 0 when it does not close (then `$` is punctuation). */
function sqlcmdVarEnd(u: Units, j: number, to: number): number {
  while (j < to) {
    const d = u[j];
    if (d === 41) return j + 1;
    if (d === 10 || d === 13) return 0;
    j++;
  }
  return 0;
}

/** Scans a delimited token whose closing delimiter is escaped by doubling. Returns the end offset, or -1. */
function scanQuoted(u: Units, openAt: number, to: number, close: number): number {
  let i = openAt + 1;
  while (i < to) {
    if (u[i] === close) {
      if (i + 1 < to && u[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return -1;
}

function scanNumber(u: Units, i: number, to: number): number {
  if (u[i] === 48 && (u[i + 1] | 32) === 120 && i + 1 < to) {
    // 0x… binary literal
    i += 2;
    while (i < to) {
      const d = u[i] | 32;
      if (isDigit(d) || (d >= 97 && d <= 102)) i++;
      else break;
    }
    return i;
  }
  while (i < to && isDigit(u[i])) i++;
  if (i < to && u[i] === 46) {
    i++;
    while (i < to && isDigit(u[i])) i++;
  }
  if (i < to && (u[i] | 32) === 101) {
    let j = i + 1;
    const sign = u[j];
    if (sign === 43 || sign === 45) j++;
    if (j < to && isDigit(u[j])) {
      i = j;
      while (i < to && isDigit(u[i])) i++;
    }
  }
  return i;
}

/**
 * After a line-initial `GO`: optional spaces, an optional repeat count, optional spaces and an optional `--` comment,
 * then the end of the line. Returns where the separator token ends, or -1 when this `GO` is not a separator.
 */
function scanGoTail(u: Units, i: number, to: number): number {
  let j = i;
  while (j < to && (u[j] === 32 || u[j] === 9)) j++;
  let end = i;
  if (j < to && isDigit(u[j])) {
    while (j < to && isDigit(u[j])) j++;
    end = j;
    while (j < to && (u[j] === 32 || u[j] === 9)) j++;
  }
  if (j >= to) return end;
  const d = u[j];
  if (d === 10 || d === 13) return end;
  if (d === 45 && u[j + 1] === 45) return end;
  if (d === 59 /* ; */) return end; // `GO;` is tolerated by SSMS
  return -1;
}
