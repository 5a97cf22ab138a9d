/** Outline, go to definition and find references over the workspace's named objects. */
import type { Span } from '../core/types';
import { sameName } from '../workspace/security';
import { kindsMatch, occurrenceIn, type ObjectKind, type Occurrence } from '../workspace/symbols';
import type { Workspace } from '../workspace/workspace';

export interface Location {
  readonly uri: string;
  readonly span: Span;
}

export interface DocumentSymbol {
  readonly name: string;
  readonly kind: ObjectKind;
  readonly detail?: string;
  /** the whole statement */
  readonly span: Span;
  /** the name */
  readonly selectionSpan: Span;
}

export function documentSymbols(workspace: Workspace, uri: string): DocumentSymbol[] {
  const doc = workspace.get(uri);
  if (!doc) return [];
  return workspace
    .occurrences(doc)
    .filter((o) => o.declaration && o.kind !== 'principal')
    .map((o) => ({ name: o.name, kind: o.kind as ObjectKind, detail: o.detail, span: o.statementSpan, selectionSpan: o.span }));
}

function target(workspace: Workspace, uri: string, offset: number): Occurrence | undefined {
  const doc = workspace.get(uri);
  return doc ? occurrenceIn(workspace.occurrences(doc), offset) : undefined;
}

/** Declarations of the object at `offset`: in the same instance first, then anywhere in the workspace. */
export function definition(workspace: Workspace, uri: string, offset: number): Location[] {
  const doc = workspace.get(uri);
  const at = target(workspace, uri, offset);
  if (!doc || !at) return [];
  const find = (docs: Iterable<{ uri: string }>): Location[] => {
    const out: Location[] = [];
    for (const d of docs) {
      const dd = workspace.get(d.uri);
      if (!dd) continue;
      for (const o of workspace.occurrences(dd)) if (o.declaration && kindsMatch(o.kind, at.kind) && sameName(o.name, at.name)) out.push({ uri: d.uri, span: o.span });
    }
    return out;
  };
  const near = find(workspace.scope(doc));
  return near.length > 0 ? near : find(workspace.all());
}

export function references(workspace: Workspace, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const at = target(workspace, uri, offset);
  if (!at) return [];
  const out: Location[] = [];
  for (const d of workspace.all()) {
    for (const o of workspace.occurrences(d)) {
      if ((includeDeclaration || !o.declaration) && kindsMatch(o.kind, at.kind) && sameName(o.name, at.name)) out.push({ uri: d.uri, span: o.span });
    }
  }
  return out;
}
