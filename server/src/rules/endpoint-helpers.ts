/** Small helpers the endpoint rules share. */
import type { EndpointStatement } from '../tsql/ast';
import type { AnalyzedDocument } from '../service/documents';

export function endpointStatements(doc: AnalyzedDocument): EndpointStatement[] {
  const sql = doc.sql;
  if (!sql) return [];
  return sql.statements.filter((s): s is EndpointStatement => s.type === 'endpoint' && s.action !== 'drop');
}

export function endpointLabel(s: { name?: { name: string } }): string {
  return s.name ? `Endpoint ${s.name.name}` : 'This endpoint';
}

/** Where to append an option inside `FOR …( … )`: after the last option, with a separating comma when needed. */
export function appendOptionEdit(s: EndpointStatement, text: string, option: string): { start: number; end: number; newText: string } | undefined {
  const body = s.payloadBody;
  if (!body) return undefined;
  const inner = text.slice(body.start, body.end);
  const trimmedEnd = body.start + inner.trimEnd().length;
  const empty = inner.trim() === '';
  return { start: trimmedEnd, end: trimmedEnd, newText: empty ? option : `, ${option}` };
}
