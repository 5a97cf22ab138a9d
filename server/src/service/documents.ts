/**
 * Documents as the core sees them: text plus what kind of host holds the SQL. Markdown keeps only its ```sql fences
 * (everything else blanked, offsets unchanged), so runbooks are analysed like scripts.
 */
import { LineIndex } from '../core/positions';
import type { Span } from '../core/types';
import { parseSql, type ParsedSql } from '../tsql/parser';
import { commonEnds, relexOwned } from '../tsql/incremental';
import { hasProviderString, parseUnits, reparseUnits, type ParseUnit } from '../tsql/incremental-parse';
import { lex } from '../tsql/lexer';
import { findSuppressions, updatedSuppressions, type Suppression } from './suppressions';
import type { Tokens } from '../tsql/lexer';

export interface SourceDocument {
  readonly uri: string;
  /** an LSP/VS Code language id when known (`sql`, `markdown`, `java`, …) */
  readonly languageId?: string;
  readonly text: string;
  readonly version?: number;
}

export type HostKind = 'sql' | 'markdown' | 'other';

const SQL_EXTENSIONS = new Set(['sql', 'tsql', 'ddl', 'prc', 'udf', 'viw', 'tab']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdx']);

export function hostKindOf(uri: string, languageId?: string): HostKind {
  if (languageId === 'sql' || languageId === 'tsql' || languageId === 'mssql') return 'sql';
  if (languageId === 'markdown') return 'markdown';
  const ext = extensionOf(uri);
  if (SQL_EXTENSIONS.has(ext)) return 'sql';
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown';
  return 'other';
}

export function extensionOf(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The folder part of a uri or path: peers and instances are grouped by folder. */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  // `untitled:Untitled-1` has no folder; `file:///a.sql` has `file://`, a folder like any other
  return slash < 0 ? '' : uri.slice(0, slash);
}

export class AnalyzedDocument {
  readonly kind: HostKind;
  private parsed?: ParsedSql;
  private lines?: LineIndex;

  /**
   * What an edited document can reuse from earlier versions: tokens (with their parse units) and line starts, each
   * with the text it was built from (an unanalysed version in between passes on what it had). Dropped once used.
   */
  private previous?: { tokens?: Tokens; units?: readonly ParseUnit[]; lines?: LineIndex; suppressions?: { list: readonly Suppression[]; text: string } };
  private edits = new Map<string, { prefix: number; suffix: number }>();

  constructor(readonly source: SourceDocument, previous?: AnalyzedDocument) {
    this.kind = hostKindOf(source.uri, source.languageId);
    if (previous && previous.kind === this.kind) {
      const { tokens, units } = this.kind === 'sql' ? previous.handOverTokens() : {};
      const suppressions = previous.suppressionList ? { list: previous.suppressionList, text: previous.text } : previous.previous?.suppressions;
      this.previous = { tokens, units, lines: previous.lines ?? previous.previous?.lines, suppressions };
    }
  }

  /**
   * Gives this version's tokens and parse units to the next version, which edits the token arrays in place: they are
   * gone from here (re-lexed should anyone still ask this version for them).
   */
  private handOverTokens(): { tokens?: Tokens; units?: readonly ParseUnit[] } {
    if (this.tokensRef) {
      const out = { tokens: this.tokensRef, units: this.units };
      this.tokensRef = undefined;
      this.units = undefined;
      return out;
    }
    const out = { tokens: this.previous?.tokens, units: this.previous?.units };
    if (this.previous) this.previous.tokens = this.previous.units = undefined;
    return out;
  }

  /**
   * Once tokens, line index and suppressions have all been carried over, the previous text is no longer needed: the
   * edits map (keyed by it) would otherwise keep a second copy of a large document alive for as long as this version.
   */
  private releasePrevious(): void {
    const p = this.previous;
    if (p && (p.tokens || p.lines || p.suppressions)) return;
    this.previous = undefined;
    this.edits.clear();
  }

  /** The common prefix and suffix of `base` (an earlier version's text) and this text, computed once per base. */
  private editFrom(base: string): { prefix: number; suffix: number } {
    let edit = this.edits.get(base);
    if (!edit) {
      edit = commonEnds(base, this.text);
      this.edits.set(base, edit);
    }
    return edit;
  }

  get uri(): string {
    return this.source.uri;
  }

  get text(): string {
    return this.source.text;
  }

  private blocks?: readonly Span[];
  private tokensRef?: Tokens;
  /** the parse units of tokensRef, for re-parsing only what the next edit touches (edited documents only) */
  private units?: readonly ParseUnit[];

  /** The SQL of this document (parsed once, on first use), or undefined for hosts that hold none. */
  get sql(): ParsedSql | undefined {
    if (this.kind === 'other') return undefined;
    if (!this.parsed) {
      let parsed: ParsedSql;
      if (this.kind === 'markdown') {
        const masked = maskMarkdown(this.text);
        this.blocks = masked.blocks;
        parsed = parseSql(masked.text);
      } else {
        parsed = this.parseEdited() ?? parseSql(this.text);
      }
      if (this.previous) this.previous.tokens = this.previous.units = undefined;
      this.releasePrevious();
      if (this.isEdited) {
        this.tokensRef = parsed.tokens;
      } else {
        // nobody edits it: the tokens go at once (most of a document's memory; with hundreds of documents opened in a
        // burst they were all alive together before analysis released them), after the one thing analysis needs
        this.providerStrings = hasProviderString(parsed.tokens);
        this.tokensRef = this.units = undefined;
      }
      // the tokens stay reachable through a getter: releaseTokens() may drop them, and they are re-lexed on demand
      const doc = this;
      this.parsed = {
        statements: parsed.statements,
        problems: parsed.problems,
        get tokens(): Tokens {
          return doc.tokensNow();
        },
      };
    }
    return this.parsed;
  }

  /**
   * An edited document's SQL: re-lexed and re-parsed only where the edit touched the previous version's tokens, or
   * parsed unit by unit when there is nothing to reuse, so that the next edit can. Undefined for a first version.
   */
  private parseEdited(): ParsedSql | undefined {
    const tokens = this.previous?.tokens;
    if (!tokens && !this.isEdited) return undefined;
    const change = tokens ? relexOwned(tokens, this.text, this.editFrom(tokens.text)) : undefined;
    const current = change?.tokens ?? lex(this.text);
    const units = change && this.previous?.units ? reparseUnits(this.previous.units, change) : parseUnits(current);
    this.units = units.units;
    this.providerStrings = units.providerStrings;
    return { tokens: current, statements: units.statements, problems: units.problems };
  }

  /**
   * False when parsing found no `@provstr` variable (edited SQL documents), so that the full token pass looking for
   * linked-server provider strings can be skipped; true when unknown.
   */
  get mayHoldProviderStrings(): boolean {
    void this.sql;
    return this.providerStrings;
  }

  private providerStrings = true;

  /** Version 2 and later: a document being edited, which keeps its tokens (AnalysisService releases the others'). */
  get isEdited(): boolean {
    return this.source.version !== undefined && this.source.version > 1;
  }

  /** The tokens of the current text, re-lexed if they were released. */
  private tokensNow(): Tokens {
    this.tokensRef ??= lex(this.kind === 'markdown' ? maskMarkdown(this.text).text : this.text);
    return this.tokensRef;
  }

  /**
   * Drops the tokens of a document nobody is editing (a scanned file, a CLI input, an editor that was only opened):
   * they are most of a document's memory. Edited documents keep them for incremental re-lexing.
   */
  releaseTokens(): void {
    if (this.parsed) this.tokensRef = this.units = undefined;
  }

  /** Drops the line index of a document nobody is editing; it is rebuilt (one pass over the text) when next asked for. */
  releaseLineIndex(): void {
    if (!this.isEdited) this.lines = undefined;
  }

  /**
   * The independent scripts of this document: one per ```sql fence in Markdown (alternative examples in docs must not
   * be taken as one instance), the whole text otherwise.
   */
  get scripts(): readonly Span[] {
    if (this.kind === 'markdown') {
      void this.sql;
      return this.blocks ?? [];
    }
    return [{ start: 0, end: this.text.length }];
  }

  private suppressionList?: readonly Suppression[];

  /** The suppression directives of this text; after an edit, the previous version's updated around the edit. */
  get suppressions(): readonly Suppression[] {
    if (!this.suppressionList) {
      const old = this.previous?.suppressions;
      this.suppressionList = old ? updatedSuppressions(old.list, old.text, this.text, this.lineIndex, this.editFrom(old.text)) : findSuppressions(this.text, this.lineIndex);
      if (this.previous) this.previous.suppressions = undefined;
      this.releasePrevious();
    }
    return this.suppressionList;
  }

  get lineIndex(): LineIndex {
    if (!this.lines) {
      const old = this.previous?.lines;
      this.lines = old ? new LineIndex(this.text, { index: old, ...this.editFrom(old.textOf()) }) : new LineIndex(this.text);
      if (this.previous) this.previous.lines = undefined;
      this.releasePrevious();
    }
    return this.lines;
  }
}

const FENCE_LANGS = new Set(['sql', 'tsql', 't-sql', 'mssql', 'sqlcmd']);

/**
 * Replaces everything outside ```sql / ~~~tsql fences with spaces (line breaks kept), so offsets in the result are
 * offsets in the Markdown. Linear; an unclosed fence runs to the end of the document, as Markdown renders it.
 */
export function maskMarkdownToSql(text: string): string {
  return maskMarkdown(text).text;
}

export function maskMarkdown(text: string): { text: string; blocks: Span[] } {
  const out: string[] = [];
  const blocks: Span[] = [];
  let blockStart = -1;
  let pos = 0;
  let inSql = false;
  let fence = '';
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const line = text.slice(pos, eol);
    const trimmed = line.trimStart();
    const indent = line.length - trimmed.length;
    let keep = false;
    if (fence === '') {
      const m = indent <= 3 ? /^(`{3,}|~{3,})\s*([A-Za-z0-9_+-]*)/.exec(trimmed) : null;
      if (m) {
        fence = m[1];
        inSql = FENCE_LANGS.has(m[2].toLowerCase());
        if (inSql) blockStart = eol + 1;
      }
    } else if (indent <= 3 && trimmed.startsWith(fence) && trimmed.slice(fence.length).trim() === '') {
      if (inSql) blocks.push({ start: Math.min(blockStart, pos), end: pos });
      fence = '';
      inSql = false;
    } else {
      keep = inSql;
    }
    out.push(keep ? line : line.replace(/[^\r]/g, ' '));
    if (eol < text.length) out.push('\n');
    pos = eol + 1;
  }
  if (fence !== '' && inSql) blocks.push({ start: Math.min(blockStart, text.length), end: text.length });
  return { text: out.join(''), blocks };
}
