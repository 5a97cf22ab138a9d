/**
 * Named objects in scripts — where each is declared (CREATE) and referenced (ALTER, DROP, AUTHENTICATION =
 * CERTIFICATE, FOR LOGIN, GRANT … ON ENDPOINT::, …) — for the outline, go to definition, find references and hovers.
 */
import type { Span } from '../core/types';
import type { Ident, SecurableClass, Statement } from '../tsql/ast';

export type ObjectKind = 'endpoint' | 'certificate' | 'login' | 'user' | 'service' | 'remote-service-binding' | 'route' | 'contract' | 'database' | 'queue';
/** `principal` stands for a login or a user: GRANT … TO x does not say which. */
export type RefKind = ObjectKind | 'principal';

export interface Occurrence {
  readonly kind: RefKind;
  readonly name: string;
  readonly span: Span;
  readonly declaration: boolean;
  /** the whole statement, for outlines */
  readonly statementSpan: Span;
  readonly detail?: string;
}

const CLASS_KIND: Record<SecurableClass, ObjectKind> = {
  ENDPOINT: 'endpoint',
  CERTIFICATE: 'certificate',
  SERVICE: 'service',
  'REMOTE SERVICE BINDING': 'remote-service-binding',
  ROUTE: 'route',
  CONTRACT: 'contract',
  DATABASE: 'database',
};

/** The text inside a string literal's quotes (`'x'` or `N'x'`). */
function inner(span: Span): Span {
  return { start: span.start + 1, end: span.end - 1 };
}

export function occurrencesOf(statements: readonly Statement[]): Occurrence[] {
  const out: Occurrence[] = [];
  const add = (kind: RefKind, id: Ident | undefined, declaration: boolean, s: Statement, detail?: string): void => {
    if (id) out.push({ kind, name: id.name, span: id.span, declaration, statementSpan: s.span, detail });
  };
  for (const s of statements) {
    switch (s.type) {
      case 'endpoint':
        add('endpoint', s.name, s.action === 'create', s, s.payload?.value);
        for (const m of s.authentication?.methods ?? []) if (m.kind === 'certificate') add('certificate', m.certificate, false, s);
        add('login', s.authorization, false, s);
        break;
      case 'certificate':
        add('certificate', s.name, s.action === 'create', s, s.action === 'create' ? (s.source === 'generated' ? 'created' : `imported from ${s.source}`) : undefined);
        add('user', s.authorization, false, s);
        break;
      case 'login':
        add('login', s.name, s.action === 'create', s, s.source);
        add('certificate', s.certificate, false, s);
        break;
      case 'user':
        add('user', s.name, s.action === 'create', s, s.login ? `for login ${s.login.name}` : s.withoutLogin ? 'without login' : undefined);
        add('login', s.login, false, s);
        add('certificate', s.certificate, false, s);
        break;
      case 'permission':
        add(CLASS_KIND[s.securableClass], s.securable, false, s);
        for (const p of s.principals) add('principal', p, false, s);
        break;
      case 'alter-authorization':
        add(CLASS_KIND[s.securableClass], s.securable, false, s);
        add('principal', s.principal, false, s);
        break;
      case 'service':
        add('service', s.name, s.action === 'create', s, s.queue ? `on queue ${s.queue.name}` : undefined);
        add('principal', s.authorization, false, s);
        add('queue', s.queue, false, s);
        for (const c of s.contracts) add('contract', c, false, s);
        break;
      case 'queue':
        add('queue', s.name, s.action === 'create', s);
        break;
      case 'remote-service-binding':
        add('remote-service-binding', s.name, s.action === 'create', s, s.toService ? `to service '${s.toService.value}'` : undefined);
        add('user', s.user, false, s);
        if (s.toService) out.push({ kind: 'service', name: s.toService.value, span: inner(s.toService.span), declaration: false, statementSpan: s.span });
        break;
      case 'route':
        add('route', s.name, s.action === 'create', s, s.address?.value);
        if (s.serviceName) out.push({ kind: 'service', name: s.serviceName.value, span: inner(s.serviceName.span), declaration: false, statementSpan: s.span });
        break;
      case 'dialog':
        add('service', s.fromService, false, s);
        if (s.toService) out.push({ kind: 'service', name: s.toService.value, span: inner(s.toService.span), declaration: false, statementSpan: s.span });
        add('contract', s.contract, false, s);
        break;
      default:
        break;
    }
  }
  return out;
}


/** Whether an occurrence of kind `a` can name the same object as one of kind `b`. */
export function kindsMatch(a: RefKind, b: RefKind): boolean {
  if (a === b) return true;
  const principal = (k: RefKind): boolean => k === 'login' || k === 'user' || k === 'principal';
  return (a === 'principal' && principal(b)) || (b === 'principal' && principal(a));
}

export function occurrenceIn(occurrences: readonly Occurrence[], offset: number): Occurrence | undefined {
  return occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
}
