/**
 * The facade both front ends call: documents in, plain findings / hovers / fixes out. No I/O, no editor types.
 */
import type { Finding, Fix, Span, TextEdit } from '../core/types';
import { RULES } from '../rules';
import { finding, type Report, type Rule } from '../rules/rule';
import { Workspace } from '../workspace/workspace';
import { DEFAULT_CONFIG, type AnalysisConfig } from './config';
import type { SourceDocument } from './documents';
import { hoverAt, type Hover } from './hover';
import type { LineIndex } from '../core/positions';
import { commentFor, suppresses, type Suppression } from './suppressions';
import { complete, type CompletionItem } from './completion';
import { transportReport } from './report';

/** The editor-only hint for a suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';
import { definition, documentSymbols, references, type DocumentSymbol, type Location } from './navigation';

export interface ServiceOptions {
  readonly config?: AnalysisConfig;
  /** add an `unused-suppression` hint for suppression comments that silence nothing (the editor wants it; CI does not) */
  readonly reportUnusedSuppressions?: boolean;
  /** called when a rule throws; the other rules still run. Front ends log it. */
  readonly onRuleError?: (rule: string, uri: string, error: unknown) => void;
}

export interface CodeFix {
  readonly finding: Finding;
  readonly fix: Fix;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

export class AnalysisService {
  readonly workspace = new Workspace();
  private config: AnalysisConfig;
  /** findings per uri, valid while the document object and the workspace's cross-file generation are the same */
  private readonly cache = new Map<string, { doc: object; generation: number; findings: Finding[] }>();

  constructor(private readonly options: ServiceOptions = {}) {
    this.config = options.config ?? DEFAULT_CONFIG;
  }

  getConfig(): AnalysisConfig {
    return this.config;
  }

  setConfig(config: AnalysisConfig): void {
    this.config = config;
    this.cache.clear();
  }

  update(source: SourceDocument): void {
    this.workspace.set(source);
  }

  remove(uri: string): void {
    this.workspace.delete(uri);
    this.cache.delete(uri);
  }

  /** Findings to show: suppressed ones left out. */
  analyze(uri: string): Finding[] {
    return this.analyzeAll(uri).filter((f) => !f.suppressed);
  }

  /** Every finding, suppressed ones marked `suppressed` (SARIF reports them as in-source suppressions). */
  analyzeAll(uri: string): Finding[] {
    const doc = this.workspace.get(uri);
    if (!doc) return [];
    const cached = this.cache.get(uri);
    if (cached && cached.doc === doc && cached.generation === this.workspace.crossGeneration) return cached.findings;
    const findings: Finding[] = [];
    for (const rule of RULES) {
      const setting = this.config.rules[rule.id];
      if (setting === 'off') continue;
      const report = (r: Report): void => {
        const f = finding(rule, r);
        findings.push(setting ? { ...f, severity: setting } : f);
      };
      this.runRule(rule, uri, () => rule.check({ document: doc, workspace: this.workspace, config: this.config, report }));
    }
    const result = this.applySuppressions(doc.text, doc.lineIndex, doc.suppressions, findings);
    result.sort((a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule));
    this.cache.set(uri, { doc, generation: this.workspace.crossGeneration, findings: result });
    // only documents being edited (version 2 and later) keep their tokens for incremental re-lexing
    if (!doc.isEdited) doc.releaseTokens();
    return result;
  }

  /**
   * Forgets what can be recomputed for documents nobody is editing (version 1: opened, scanned): their cached
   * findings and line indexes, which were most of the server's memory with many documents open. Front ends call it
   * for the documents whose diagnostics (and related locations) they have just converted. Edited documents keep both
   * (the next edit reuses them).
   */
  releaseUnedited(uris: Iterable<string> = this.workspace.uris()): void {
    for (const uri of uris) {
      const doc = this.workspace.get(uri);
      if (!doc || doc.isEdited) continue;
      this.cache.delete(uri);
      doc.releaseLineIndex();
    }
  }

  private applySuppressions(text: string, lines: LineIndex, suppressions: readonly Suppression[], findings: Finding[]): Finding[] {
    if (suppressions.length === 0) return findings;
    const used = new Set<Suppression>();
    const out = findings.map((f) => {
      const by = suppressions.find((s) => suppresses(s, f, lines));
      if (!by) return f;
      used.add(by);
      return { ...f, suppressed: true };
    });
    if (this.options.reportUnusedSuppressions) {
      for (const s of suppressions) {
        if (used.has(s)) continue;
        out.push({
          rule: UNUSED_SUPPRESSION,
          severity: 'hint',
          span: s.span,
          message: `This suppression silences nothing${s.rules.length > 0 ? ` (${s.rules.join(', ')})` : ''}: the finding it was written for is gone. Remove it.`,
          fixes: [{ title: 'Remove the unused suppression', edits: [removeDirective(text, lines, s.span)], isPreferred: true }],
        });
      }
    }
    return out;
  }

  hover(uri: string, offset: number): Hover | undefined {
    const doc = this.workspace.get(uri);
    return doc ? hoverAt(doc, this.workspace, this.config, offset) : undefined;
  }

  /** The transport security report of everything the service holds, as Markdown. */
  report(root?: string): string {
    return transportReport(this.workspace, this.config, root);
  }

  complete(uri: string, offset: number): CompletionItem[] {
    const doc = this.workspace.get(uri);
    return doc ? complete(doc, this.workspace, offset) : [];
  }

  documentSymbols(uri: string): DocumentSymbol[] {
    return documentSymbols(this.workspace, uri);
  }

  definition(uri: string, offset: number): Location[] {
    return definition(this.workspace, uri, offset);
  }

  references(uri: string, offset: number, includeDeclaration = true): Location[] {
    return references(this.workspace, uri, offset, includeDeclaration);
  }

  /** Quick fixes for the findings that touch `span`, then "suppress this rule on this line" for each of them. */
  fixes(uri: string, span: Span): CodeFix[] {
    const doc = this.workspace.get(uri);
    if (!doc) return [];
    const out: CodeFix[] = [];
    const suppress: CodeFix[] = [];
    const seen = new Set<string>();
    for (const f of this.analyze(uri)) {
      if (f.span.start > span.end || f.span.end < span.start) continue;
      for (const fix of f.fixes ?? []) out.push({ finding: f, fix });
      const line = doc.lineIndex.positionAt(f.span.start).line;
      const key = `${f.rule}@${line}`;
      if (f.rule === UNUSED_SUPPRESSION || seen.has(key)) continue;
      seen.add(key);
      const comment = commentFor(uri, doc.source.languageId, `sqlguard-disable-next-line ${f.rule} -- reason`);
      if (!comment) continue;
      const start = doc.lineIndex.lineStart(line);
      const indent = /^[ \t]*/.exec(doc.lineIndex.lineText(line))?.[0] ?? '';
      const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
      suppress.push({ finding: f, fix: { title: `Suppress ${f.rule} on this line`, edits: [{ start, end: start, newText: `${indent}${comment}${eol}` }] } });
    }
    return [...out, ...suppress];
  }

  /**
   * Every preferred fix of the document whose edits do not overlap an earlier one (for `source.fixAll`, e.g. on save).
   * Suppressions are never added this way.
   */
  fixAll(uri: string): TextEdit[] {
    const edits: TextEdit[] = [];
    for (const f of this.analyze(uri)) {
      const fix = f.fixes?.find((x) => x.isPreferred);
      if (!fix) continue;
      const overlaps = fix.edits.some((e) => edits.some((o) => e.start < o.end && o.start < e.end || (e.start === e.end && e.start === o.start)));
      if (!overlaps) edits.push(...fix.edits);
    }
    return edits;
  }

  private runRule(rule: Rule, uri: string, run: () => void): void {
    if (!this.options.onRuleError) {
      run();
      return;
    }
    try {
      run();
    } catch (error) {
      this.options.onRuleError(rule.id, uri, error);
    }
  }
}

/** Removes a suppression directive: its whole line when the line holds nothing else but the comment. */
function removeDirective(text: string, lines: LineIndex, span: Span): TextEdit {
  const line = lines.positionAt(span.start).line;
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const before = text.slice(start, span.start);
  const after = text.slice(span.end, end);
  if (/^\s*(--|\/\/|#|<!--|\/\*)?\s*$/.test(before) && /^(\s*(--|:)[^\n]*?)?\s*(-->|\*\/)?\s*$/.test(after)) {
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : end;
    return { start, end: next, newText: '' };
  }
  return { start: span.start, end: span.end, newText: '' };
}
