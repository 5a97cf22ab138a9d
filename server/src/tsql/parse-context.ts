/**
 * A cursor over the token arrays with the small vocabulary the statement parsers share. Nothing here allocates per
 * token except `upper()` and `ident()`, which parsers call only inside statements they recognise.
 */
import type { Span } from '../core/types';
import type { Ident, SyntaxProblem } from './ast';
import { Tok, UNTERMINATED, type Tokens } from './lexer';

/**
 * Words that begin a statement: inside a recognised statement they mean the statement ended early. (Not WITH: it is
 * part of most statements we parse, and a CTE must follow a `;` anyway.)
 */
const STATEMENT_STARTERS = new Set([
  'ALTER', 'BACKUP', 'BEGIN', 'CLOSE', 'CREATE', 'DECLARE', 'DELETE', 'DENY', 'DROP', 'EXEC', 'EXECUTE', 'GRANT', 'IF',
  'INSERT', 'MERGE', 'OPEN', 'PRINT', 'RESTORE', 'REVOKE', 'SELECT', 'SEND', 'UPDATE', 'USE', 'WHILE',
]);

/** STATEMENT_STARTERS by their first letter's code, for comparing ASCII words in place. */
const STARTERS_BY_FIRST: readonly (readonly string[] | undefined)[] = (() => {
  const t: string[][] = [];
  for (const w of STATEMENT_STARTERS) (t[w.charCodeAt(0)] ??= []).push(w);
  return t;
})();

export class ParseContext {
  readonly text: string;
  readonly count: number;
  readonly problems: SyntaxProblem[] = [];

  constructor(readonly tokens: Tokens) {
    this.text = tokens.text;
    this.count = tokens.count;
  }

  kind(i: number): number {
    return i < this.count ? this.tokens.kinds[i] : 0;
  }

  start(i: number): number {
    return i < this.count ? this.tokens.starts[i] : this.text.length;
  }

  end(i: number): number {
    return i < this.count ? this.tokens.ends[i] : this.text.length;
  }

  span(i: number): Span {
    return { start: this.start(i), end: this.end(i) };
  }

  spanOf(first: number, last: number): Span {
    return { start: this.start(first), end: this.end(last) };
  }

  textOf(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }

  /** Case-insensitive keyword test without allocating; `keyword` must be upper-case ASCII. */
  isWord(i: number, keyword: string): boolean {
    if (i >= this.count || this.tokens.kinds[i] !== Tok.Word) return false;
    const start = this.tokens.starts[i];
    if (this.tokens.ends[i] - start !== keyword.length) return false;
    for (let j = 0; j < keyword.length; j++) {
      let c = this.text.charCodeAt(start + j);
      if (c >= 97 && c <= 122) c -= 32;
      if (c !== keyword.charCodeAt(j)) return false;
    }
    return true;
  }

  isPunct(i: number, ch: string): boolean {
    return i < this.count && this.tokens.kinds[i] === Tok.Punct && this.text.charCodeAt(this.tokens.starts[i]) === ch.charCodeAt(0);
  }

  upper(i: number): string {
    return this.textOf(i).toUpperCase();
  }

  isIdent(i: number): boolean {
    const k = this.kind(i);
    return (k === Tok.Word || k === Tok.QuotedIdent) && !(this.tokens.flags[i] & UNTERMINATED);
  }

  ident(i: number): Ident {
    const raw = this.textOf(i);
    if (this.kind(i) === Tok.QuotedIdent) {
      const close = raw.charAt(0) === '[' ? ']' : '"';
      return { name: raw.slice(1, -1).split(close + close).join(close), span: this.span(i) };
    }
    return { name: raw, span: this.span(i) };
  }

  /** A string literal's value (quotes removed, `''` unescaped), or undefined when token i is not a string. */
  stringValue(i: number): string | undefined {
    if (this.kind(i) !== Tok.String || this.tokens.flags[i] & UNTERMINATED) return undefined;
    const raw = this.textOf(i);
    const body = raw.charAt(0) === "'" ? raw.slice(1, -1) : raw.slice(2, -1);
    return body.split("''").join("'");
  }

  /** True where a recognised statement must stop: end of text, `;`, `GO`, or a word that starts another statement. */
  isStatementEnd(i: number): boolean {
    if (i >= this.count) return true;
    const k = this.tokens.kinds[i];
    if (k === Tok.Go) return true;
    if (k === Tok.Punct) return this.isPunct(i, ';');
    if (k !== Tok.Word) return false;
    const start = this.tokens.starts[i];
    const len = this.tokens.ends[i] - start;
    return len >= 2 && len <= 7 && this.isStarter(i, start, len);
  }

  /**
   * Whether word i is one of the STATEMENT_STARTERS. Called for most tokens inside the statements we parse, so ASCII
   * words are compared in place; others are upper-cased as Unicode does it (`ſelect` is SELECT to toUpperCase).
   */
  private isStarter(i: number, start: number, len: number): boolean {
    for (let k = start; k < start + len; k++) if (this.text.charCodeAt(k) >= 128) return STATEMENT_STARTERS.has(this.upper(i));
    const candidates = STARTERS_BY_FIRST[this.text.charCodeAt(start) & ~32];
    if (!candidates) return false;
    for (const word of candidates) if (this.isWord(i, word)) return true;
    return false;
  }

  error(span: Span, message: string): void {
    this.problems.push({ span, message });
  }

  /** A description of token i for messages: `'FOO'`, or "the end of the statement". */
  describe(i: number): string {
    if (this.isStatementEnd(i) && !(i < this.count && this.kind(i) === Tok.Word)) return 'the end of the statement';
    const t = this.textOf(i);
    return `'${t.length > 40 ? t.slice(0, 37) + '…' : t}'`;
  }

  /**
   * Skips to the next `,` or `)` at the current parenthesis depth (or the statement's end). Used to recover inside an
   * option list.
   */
  skipToListSeparator(i: number): number {
    let depth = 0;
    while (i < this.count && !this.isStatementEnd(i)) {
      if (this.isPunct(i, '(')) depth++;
      else if (this.isPunct(i, ')')) {
        if (depth === 0) return i;
        depth--;
      } else if (depth === 0 && this.isPunct(i, ',')) return i;
      i++;
    }
    return i;
  }
}
