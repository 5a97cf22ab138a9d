/**
 * Service Broker statements (domain reference §2): BEGIN DIALOG, REMOTE SERVICE BINDING, ROUTE, SERVICE, QUEUE.
 * Like the security statements they are scanned for the clauses that matter and never produce problems.
 */
import type { Span } from '../core/types';
import type { DialogStatement, Ident, QueueStatement, RemoteServiceBindingStatement, RouteStatement, ServiceStatement, Valued } from './ast';
import { Tok } from './lexer';
import type { ParseContext } from './parse-context';
import { finish, nameAt, statementEnd, stringOption, type Parsed } from './security-parser';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A possibly qualified name (`db.schema.name`): the last part, and the index after it. */
function qualifiedName(p: ParseContext, i: number): { name?: Ident; next: number } {
  let name = nameAt(p, i);
  if (!name) return { next: i };
  let j = i + 1;
  while (p.isPunct(j, '.') && nameAt(p, j + 1)) {
    name = p.ident(j + 1);
    j += 2;
  }
  return { name, next: j };
}

function onOff(p: ParseContext, at: number): Valued<'ON' | 'OFF'> | undefined {
  if (!p.isPunct(at + 1, '=') || !(p.isWord(at + 2, 'ON') || p.isWord(at + 2, 'OFF'))) return undefined;
  return { value: p.upper(at + 2) as 'ON' | 'OFF', span: p.span(at + 2), optionSpan: p.spanOf(at, at + 2) };
}

function numberOption(p: ParseContext, at: number): Valued<number> | undefined {
  if (!p.isPunct(at + 1, '=') || p.kind(at + 2) !== Tok.Number) return undefined;
  return { value: Number(p.textOf(at + 2)), span: p.span(at + 2), optionSpan: p.spanOf(at, at + 2) };
}

/** `i` at BEGIN, `i + 1` at DIALOG. */
export function parseDialog(p: ParseContext, i: number, database: string | undefined): Parsed<DialogStatement> {
  const first = i;
  let j = i + 2;
  if (p.isWord(j, 'CONVERSATION')) j++;
  const withOptions: Span[] = [];
  const d: Mutable<DialogStatement> = { type: 'dialog', span: p.spanOf(i, j - 1), keywordSpan: p.spanOf(i, j - 1), database, toServiceIsVariable: false, withOptions };
  const end = statementEnd(p, j);
  for (; j < end; j++) {
    if (p.isWord(j, 'FROM') && p.isWord(j + 1, 'SERVICE')) {
      d.fromService = nameAt(p, j + 2);
    } else if (p.isWord(j, 'TO') && p.isWord(j + 1, 'SERVICE')) {
      const value = p.stringValue(j + 2);
      if (value !== undefined) d.toService = { value, span: p.span(j + 2), optionSpan: p.spanOf(j, j + 2) };
      else d.toServiceIsVariable = p.kind(j + 2) === Tok.Variable;
      if (p.isPunct(j + 3, ',')) {
        const instance = p.stringValue(j + 4);
        if (instance !== undefined) d.brokerInstance = { value: instance, span: p.span(j + 4), optionSpan: p.spanOf(j + 3, j + 4) };
      }
    } else if (p.isWord(j, 'ON') && p.isWord(j + 1, 'CONTRACT')) {
      d.contract = nameAt(p, j + 2);
    } else if (p.isWord(j, 'WITH') && !d.withSpan) {
      d.withSpan = p.span(j);
    } else if (d.withSpan && p.isWord(j, 'ENCRYPTION')) {
      d.encryption = onOff(p, j);
      if (d.encryption) withOptions.push(d.encryption.optionSpan);
    } else if (d.withSpan && p.isWord(j, 'LIFETIME')) {
      d.lifetime = numberOption(p, j);
      withOptions.push(p.spanOf(j, j + 2));
    } else if (d.withSpan && (p.isWord(j, 'RELATED_CONVERSATION') || p.isWord(j, 'RELATED_CONVERSATION_GROUP'))) {
      withOptions.push(p.spanOf(j, j + 2));
    }
  }
  const { span, next } = finish(p, first, end);
  d.span = span;
  return { statement: d, next };
}

/** CREATE / ALTER / DROP REMOTE SERVICE BINDING; `i` at the verb. */
export function parseRemoteServiceBinding(p: ParseContext, i: number, action: RemoteServiceBindingStatement['action'], database: string | undefined): Parsed<RemoteServiceBindingStatement> {
  const first = i;
  let j = i + 4;
  const b: Mutable<RemoteServiceBindingStatement> = { type: 'remote-service-binding', action, span: p.spanOf(i, i + 3), keywordSpan: p.spanOf(i, i + 3), database };
  b.name = nameAt(p, j);
  if (b.name) j++;
  const end = statementEnd(p, j);
  for (; j < end; j++) {
    if (p.isWord(j, 'AUTHORIZATION') && !b.authorization) b.authorization = nameAt(p, j + 1);
    else if (p.isWord(j, 'TO') && p.isWord(j + 1, 'SERVICE')) {
      const value = p.stringValue(j + 2);
      if (value !== undefined) b.toService = { value, span: p.span(j + 2), optionSpan: p.spanOf(j, j + 2) };
    } else if (p.isWord(j, 'USER') && p.isPunct(j + 1, '=')) {
      b.user = nameAt(p, j + 2);
      if (b.user) b.userOptionSpan = p.spanOf(j, j + 2);
    } else if (p.isWord(j, 'ANONYMOUS')) {
      b.anonymous = onOff(p, j);
    }
  }
  const { span, next } = finish(p, first, end);
  b.span = span;
  return { statement: b, next };
}

export function parseRoute(p: ParseContext, i: number, action: RouteStatement['action'], database: string | undefined): Parsed<RouteStatement> {
  const first = i;
  let j = i + 2;
  const r: Mutable<RouteStatement> = { type: 'route', action, span: p.spanOf(i, i + 1), keywordSpan: p.spanOf(i, i + 1), database };
  r.name = nameAt(p, j);
  if (r.name) j++;
  const end = statementEnd(p, j);
  for (; j < end; j++) {
    if (p.kind(j) !== Tok.Word) continue;
    if (p.isWord(j, 'SERVICE_NAME')) r.serviceName = stringOption(p, j);
    else if (p.isWord(j, 'BROKER_INSTANCE')) r.brokerInstance = stringOption(p, j);
    else if (p.isWord(j, 'ADDRESS')) r.address = stringOption(p, j);
    else if (p.isWord(j, 'MIRROR_ADDRESS')) r.mirrorAddress = stringOption(p, j);
    else if (p.isWord(j, 'LIFETIME')) r.lifetime = numberOption(p, j);
  }
  const { span, next } = finish(p, first, end);
  r.span = span;
  return { statement: r, next };
}

export function parseService(p: ParseContext, i: number, action: ServiceStatement['action'], database: string | undefined): Parsed<ServiceStatement> {
  const first = i;
  let j = i + 2;
  const s: Mutable<ServiceStatement> = { type: 'service', action, span: p.spanOf(i, i + 1), keywordSpan: p.spanOf(i, i + 1), database, contracts: [] };
  s.name = nameAt(p, j);
  if (s.name) j++;
  const end = statementEnd(p, j);
  const contracts: Ident[] = [];
  for (; j < end; j++) {
    if (p.isWord(j, 'AUTHORIZATION') && !s.authorization) s.authorization = nameAt(p, j + 1);
    else if (p.isWord(j, 'ON') && p.isWord(j + 1, 'QUEUE')) {
      const q = qualifiedName(p, j + 2);
      s.queue = q.name;
      j = q.next - 1;
    } else if (p.isPunct(j, '(')) {
      for (j++; j < end && !p.isPunct(j, ')'); j++) {
        if (p.isWord(j, 'ADD') || p.isWord(j, 'DROP') || p.isWord(j, 'CONTRACT') || p.isPunct(j, ',')) continue;
        const c = nameAt(p, j);
        if (c && !p.isWord(j - 1, 'DROP') && !(p.isWord(j - 1, 'CONTRACT') && p.isWord(j - 2, 'DROP'))) contracts.push(c);
      }
    }
  }
  s.contracts = contracts;
  const { span, next } = finish(p, first, end);
  s.span = span;
  return { statement: s, next };
}

export function parseQueue(p: ParseContext, i: number, action: QueueStatement['action'], database: string | undefined): Parsed<QueueStatement> {
  const q = qualifiedName(p, i + 2);
  const end = statementEnd(p, q.next);
  const { span, next } = finish(p, i, end);
  return { statement: { type: 'queue', action, span, keywordSpan: p.spanOf(i, i + 1), database, name: q.name }, next };
}

