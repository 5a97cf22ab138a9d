/** The one place where core findings, hovers and fixes become LSP objects. */
import {
  CodeActionKind,
  CompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type Range,
} from 'vscode-languageserver/node';
import type { TextEdit } from '../core/types';
import type { CompletionItem as CoreCompletion } from '../service/completion';
import type { LineIndex } from '../core/positions';
import type { Finding, Severity, Span } from '../core/types';
import type { CodeFix } from '../service/service';
import type { DocumentSymbol as CoreSymbol, Location as CoreLocation } from '../service/navigation';
import type { ObjectKind } from '../workspace/symbols';
import { DOCS_BASE } from '../version';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'sqlguard';

export function toRange(index: LineIndex, span: Span): Range {
  return { start: index.positionAt(span.start), end: index.positionAt(span.end) };
}

export function toSpan(index: LineIndex, range: Range): Span {
  return { start: index.offsetAt(range.start), end: index.offsetAt(range.end) };
}

export function toDiagnostic(index: LineIndex, f: Finding, relatedIndex: (uri: string) => LineIndex | undefined): Diagnostic {
  const related = (f.related ?? []).flatMap((r) => {
    const other = relatedIndex(r.uri);
    return other ? [{ location: { uri: r.uri, range: toRange(other, r.span) }, message: r.message }] : [];
  });
  return {
    range: toRange(index, f.span),
    severity: SEVERITY[f.severity],
    source: DIAGNOSTIC_SOURCE,
    code: f.rule,
    codeDescription: { href: `${DOCS_BASE}${f.rule}.md` },
    message: f.message,
    relatedInformation: related.length > 0 ? related : undefined,
    // an unused suppression is shown faded, like unused code
    tags: f.rule === 'unused-suppression' ? [DiagnosticTag.Unnecessary] : undefined,
  };
}

export function toCodeAction(uri: string, index: LineIndex, item: CodeFix, diagnostics: readonly Diagnostic[]): CodeAction {
  const range = toRange(index, item.finding.span);
  const matching = diagnostics.filter(
    (d) => d.code === item.finding.rule && d.range.start.line === range.start.line && d.range.start.character === range.start.character,
  );
  return {
    title: item.fix.title,
    kind: CodeActionKind.QuickFix,
    isPreferred: item.fix.isPreferred,
    diagnostics: matching.length > 0 ? matching : undefined,
    edit: { changes: { [uri]: item.fix.edits.map((e) => ({ range: toRange(index, e), newText: e.newText })) } },
  };
}

const SYMBOL_KIND: Record<ObjectKind, SymbolKind> = {
  endpoint: SymbolKind.Interface,
  certificate: SymbolKind.Key,
  login: SymbolKind.Constructor,
  user: SymbolKind.Variable,
  service: SymbolKind.Module,
  'remote-service-binding': SymbolKind.Struct,
  route: SymbolKind.Event,
  contract: SymbolKind.Object,
  database: SymbolKind.Namespace,
  queue: SymbolKind.Array,
};

export function toDocumentSymbol(index: LineIndex, s: CoreSymbol): DocumentSymbol {
  return { name: s.name, kind: SYMBOL_KIND[s.kind], detail: s.detail ? `${s.kind} — ${s.detail}` : s.kind, range: toRange(index, s.span), selectionRange: toRange(index, s.selectionSpan) };
}

export function toLocation(indexOf: (uri: string) => LineIndex | undefined, l: CoreLocation): Location[] {
  const index = indexOf(l.uri);
  return index ? [{ uri: l.uri, range: toRange(index, l.span) }] : [];
}

export function toFixAll(uri: string, index: LineIndex, edits: readonly TextEdit[], kind: string): CodeAction {
  return { title: 'Fix all SQL Transport Guard problems', kind, edit: { changes: { [uri]: edits.map((e) => ({ range: toRange(index, e), newText: e.newText })) } } };
}

const COMPLETION_KIND = { keyword: CompletionItemKind.Keyword, value: CompletionItemKind.Value, property: CompletionItemKind.Property, reference: CompletionItemKind.Reference } as const;

export function toCompletionItem(c: CoreCompletion): CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: MarkupKind.Markdown, value: c.documentation } : undefined,
    insertText: c.insertText,
    sortText: String(c.rank).padStart(3, '0'),
    tags: c.deprecated ? [CompletionItemTag.Deprecated] : undefined,
  };
}
