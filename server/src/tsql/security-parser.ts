/**
 * Keys, certificates, logins, users, permissions and ownership (domain reference §3–4). These statements are parsed
 * by scanning their tokens for the clauses that matter (passwords, dates, sources, owners), which tolerates the many
 * optional parts of their grammar; problems are never reported for them — SQL Server's own errors are precise.
 */
import type { Span } from '../core/types';
import type {
  AuthorizationStatement,
  CertificateSource,
  CertificateStatement,
  Ident,
  LoginStatement,
  MasterKeyStatement,
  PasswordLiteral,
  PermissionStatement,
  PrivateKeyClause,
  SecurableClass,
  UserStatement,
  Valued,
} from './ast';
import { Tok } from './lexer';
import type { ParseContext } from './parse-context';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface Parsed<T> {
  readonly statement: T;
  readonly next: number;
}

/** Index of the first token after the statement that starts before `i` (stops at `;`, GO or another statement). */
export function statementEnd(p: ParseContext, i: number): number {
  let depth = 0;
  while (i < p.count) {
    if (p.isPunct(i, '(')) depth++;
    else if (p.isPunct(i, ')')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && p.isStatementEnd(i) && !((p.isWord(i, 'DROP') || p.isWord(i, 'ADD')) && p.isWord(i + 1, 'ENCRYPTION'))) break;
    i++;
  }
  return i;
}

export function finish(p: ParseContext, first: number, end: number): { span: Span; next: number } {
  const last = Math.max(first, end - 1);
  const next = p.isPunct(end, ';') ? end + 1 : end;
  return { span: { start: p.start(first), end: p.end(p.isPunct(end, ';') ? end : last) }, next };
}

/** `PASSWORD = '…'` at i (the PASSWORD word); the clause names what precedes it (`ENCRYPTION BY PASSWORD` starts two
 * words earlier). */
function passwordAt(p: ParseContext, i: number, clause: string): PasswordLiteral | undefined {
  if (!p.isPunct(i + 1, '=')) return undefined;
  const value = p.stringValue(i + 2);
  if (value === undefined) return undefined;
  const clauseStart = clause.endsWith('BY PASSWORD') ? i - 2 : i;
  return { span: p.span(i + 2), value, clause, clauseSpan: p.spanOf(clauseStart, i + 2) };
}

export function stringOption(p: ParseContext, i: number): Valued<string> | undefined {
  if (!p.isPunct(i + 1, '=')) return undefined;
  const value = p.stringValue(i + 2);
  if (value === undefined) return undefined;
  return { value, span: p.span(i + 2), optionSpan: p.spanOf(i, i + 2) };
}

export function nameAt(p: ParseContext, i: number): Ident | undefined {
  return p.isIdent(i) && !p.isStatementEnd(i) ? p.ident(i) : undefined;
}

/** `ENCRYPTION BY PASSWORD`, `DECRYPTION BY PASSWORD` or `WITH PASSWORD` ending at the PASSWORD word j. */
function byPasswordClause(p: ParseContext, j: number): string | undefined {
  if (!p.isWord(j, 'PASSWORD')) return undefined;
  if (p.isWord(j - 1, 'BY') && (p.isWord(j - 2, 'ENCRYPTION') || p.isWord(j - 2, 'DECRYPTION'))) return `${p.upper(j - 2)} BY PASSWORD`;
  return undefined;
}

// ---- MASTER KEY ----

export function parseMasterKey(p: ParseContext, i: number, action: MasterKeyStatement['action'], database: string | undefined, headLength: number): Parsed<MasterKeyStatement> {
  const first = i;
  const end = statementEnd(p, i + headLength);
  const passwords: PasswordLiteral[] = [];
  let dropsServiceMasterKey = false;
  for (let j = i + headLength; j < end; j++) {
    const clause = byPasswordClause(p, j);
    if (clause) {
      const pw = passwordAt(p, j, clause);
      if (pw) passwords.push(pw);
    } else if (p.isWord(j, 'DROP') && p.isWord(j + 1, 'ENCRYPTION') && p.isWord(j + 2, 'BY') && p.isWord(j + 3, 'SERVICE')) {
      dropsServiceMasterKey = true;
    }
  }
  const { span, next } = finish(p, first, end);
  return { statement: { type: 'master-key', action, span, keywordSpan: p.spanOf(first, first + headLength - 1), database, passwords, dropsServiceMasterKey }, next };
}

// ---- CERTIFICATE ----

export function parseCertificate(p: ParseContext, i: number, action: CertificateStatement['action'], database: string | undefined): Parsed<CertificateStatement> {
  const first = i;
  const c: Mutable<CertificateStatement> = { type: 'certificate', action, span: p.spanOf(i, i + 1), keywordSpan: p.spanOf(i, i + 1), database };
  let j = i + 2;
  c.name = nameAt(p, j);
  if (c.name) j++;
  const end = statementEnd(p, j);
  let insertAt: number | undefined;
  for (; j < end; j++) {
    if (p.kind(j) !== Tok.Word) continue;
    if (p.isWord(j, 'AUTHORIZATION') && !c.authorization) {
      c.authorization = nameAt(p, j + 1);
    } else if (p.isWord(j, 'FROM') && action === 'create') {
      if (p.isWord(j + 1, 'FILE')) c.source = 'file';
      else if (p.isWord(j + 1, 'EXECUTABLE')) c.source = 'executable';
      else if (p.isWord(j + 1, 'BINARY')) c.source = 'binary';
      else if (p.isWord(j + 1, 'ASSEMBLY')) c.source = 'assembly';
    } else if (p.isWord(j, 'FILE') && !c.file && !p.isWord(j - 1, 'KEY') && !insideParens(p, i, j)) {
      c.file = stringOption(p, j);
    } else if (p.isWord(j, 'FORMAT')) {
      c.format = stringOption(p, j);
    } else if (p.isWord(j, 'PRIVATE') && p.isWord(j + 1, 'KEY')) {
      const pk = parsePrivateKey(p, j, end);
      if (pk) {
        c.privateKey = pk.clause;
        j = pk.next - 1;
      }
    } else if (p.isWord(j, 'SUBJECT')) {
      c.subject = stringOption(p, j);
      if (c.subject) insertAt = c.subject.span.end;
    } else if (p.isWord(j, 'START_DATE')) {
      c.startDate = stringOption(p, j);
      if (c.startDate) insertAt = c.startDate.span.end;
    } else if (p.isWord(j, 'EXPIRY_DATE')) {
      c.expiryDate = stringOption(p, j);
    } else if (p.isWord(j, 'BEGIN_DIALOG') && p.isPunct(j + 1, '=') && (p.isWord(j + 2, 'ON') || p.isWord(j + 2, 'OFF'))) {
      c.activeForBeginDialog = { value: p.upper(j + 2) as 'ON' | 'OFF', span: p.span(j + 2), optionSpan: p.spanOf(p.isWord(j - 2, 'ACTIVE') ? j - 2 : j, j + 2) };
    } else {
      const clause = byPasswordClause(p, j);
      if (clause === 'ENCRYPTION BY PASSWORD' && !c.encryptionPassword) c.encryptionPassword = passwordAt(p, j, clause);
    }
  }
  if (action === 'create' && !c.source) c.source = c.subject || !c.file ? 'generated' : 'file';
  c.insertOptionAt = insertAt;
  const { span, next } = finish(p, first, end);
  c.span = span;
  return { statement: c, next };
}

function insideParens(p: ParseContext, from: number, at: number): boolean {
  let depth = 0;
  for (let k = from; k < at; k++) {
    if (p.isPunct(k, '(')) depth++;
    else if (p.isPunct(k, ')')) depth--;
  }
  return depth > 0;
}

function parsePrivateKey(p: ParseContext, at: number, end: number): { clause: PrivateKeyClause; next: number } | undefined {
  let j = at + 2;
  if (!p.isPunct(j, '(')) {
    // BACKUP … WITH PRIVATE KEY without parentheses is invalid, but still an export attempt
    return { clause: { span: p.spanOf(at, at + 1), keywordSpan: p.spanOf(at, at + 1) }, next: j };
  }
  const clause: Mutable<PrivateKeyClause> = { span: p.spanOf(at, at + 1), keywordSpan: p.spanOf(at, at + 1) };
  j++;
  for (; j < end && !p.isPunct(j, ')'); j++) {
    if (p.isWord(j, 'FILE') && !clause.file) clause.file = stringOption(p, j);
    const c = byPasswordClause(p, j);
    if (c === 'ENCRYPTION BY PASSWORD') clause.encryptionPassword = passwordAt(p, j, c);
    else if (c === 'DECRYPTION BY PASSWORD') clause.decryptionPassword = passwordAt(p, j, c);
  }
  clause.span = { start: p.start(at), end: p.end(Math.min(j, end - 1)) };
  return { clause, next: j + 1 };
}

// ---- LOGIN / USER ----

export function parseLogin(p: ParseContext, i: number, action: LoginStatement['action']): Parsed<LoginStatement> {
  const first = i;
  const l: Mutable<LoginStatement> = { type: 'login', action, span: p.spanOf(i, i + 1), keywordSpan: p.spanOf(i, i + 1), hashed: false };
  let j = i + 2;
  l.name = nameAt(p, j);
  if (l.name) j++;
  const end = statementEnd(p, j);
  for (; j < end; j++) {
    if (p.kind(j) !== Tok.Word) continue;
    if (p.isWord(j, 'FROM')) {
      if (p.isWord(j + 1, 'WINDOWS')) l.source = 'windows';
      else if (p.isWord(j + 1, 'CERTIFICATE')) {
        l.source = 'certificate';
        l.certificate = nameAt(p, j + 2);
      } else if (p.isWord(j + 1, 'ASYMMETRIC')) l.source = 'asymmetric-key';
      else if (p.isWord(j + 1, 'EXTERNAL')) l.source = 'external';
    } else if (p.isWord(j, 'PASSWORD') && p.isPunct(j + 1, '=')) {
      l.source ??= 'password';
      if (p.kind(j + 2) === Tok.Number) l.hashed = p.isWord(j + 3, 'HASHED');
      else l.password = passwordAt(p, j, 'WITH PASSWORD');
    } else if (p.isWord(j, 'OLD_PASSWORD')) {
      l.oldPassword = passwordAt(p, j, 'OLD_PASSWORD');
    } else if (p.isWord(j, 'CHECK_POLICY') && p.isPunct(j + 1, '=') && (p.isWord(j + 2, 'ON') || p.isWord(j + 2, 'OFF'))) {
      l.checkPolicy = { value: p.upper(j + 2) as 'ON' | 'OFF', span: p.span(j + 2), optionSpan: p.spanOf(j, j + 2) };
    }
  }
  const { span, next } = finish(p, first, end);
  l.span = span;
  return { statement: l, next };
}

export function parseUser(p: ParseContext, i: number, action: UserStatement['action'], database: string | undefined): Parsed<UserStatement> {
  const first = i;
  const u: Mutable<UserStatement> = { type: 'user', action, span: p.spanOf(i, i + 1), keywordSpan: p.spanOf(i, i + 1), database, withoutLogin: false };
  let j = i + 2;
  u.name = nameAt(p, j);
  if (u.name) j++;
  const end = statementEnd(p, j);
  for (; j < end; j++) {
    if (p.kind(j) !== Tok.Word) continue;
    if ((p.isWord(j, 'FOR') || p.isWord(j, 'FROM')) && p.isWord(j + 1, 'LOGIN')) u.login = nameAt(p, j + 2);
    else if ((p.isWord(j, 'FOR') || p.isWord(j, 'FROM')) && p.isWord(j + 1, 'CERTIFICATE')) u.certificate = nameAt(p, j + 2);
    else if (p.isWord(j, 'WITHOUT') && p.isWord(j + 1, 'LOGIN')) u.withoutLogin = true;
    else if (p.isWord(j, 'LOGIN') && p.isPunct(j + 1, '=') && action === 'alter') u.login = nameAt(p, j + 2);
    else if (p.isWord(j, 'PASSWORD') && p.isPunct(j + 1, '=')) u.password = passwordAt(p, j, 'WITH PASSWORD');
  }
  const { span, next } = finish(p, first, end);
  u.span = span;
  return { statement: u, next };
}

// ---- GRANT / DENY / REVOKE … ON class::securable, ALTER AUTHORIZATION ----

const CLASSES: readonly (readonly [SecurableClass, readonly string[]])[] = [
  ['REMOTE SERVICE BINDING', ['REMOTE', 'SERVICE', 'BINDING']],
  ['ENDPOINT', ['ENDPOINT']],
  ['CERTIFICATE', ['CERTIFICATE']],
  ['SERVICE', ['SERVICE']],
  ['ROUTE', ['ROUTE']],
  ['CONTRACT', ['CONTRACT']],
  ['DATABASE', ['DATABASE']],
];

/** `class::name` at i; returns the class, the name and the index after it. */
function securableAt(p: ParseContext, i: number): { securableClass: SecurableClass; securable: Ident; next: number } | undefined {
  for (const [cls, words] of CLASSES) {
    if (!words.every((w, k) => p.isWord(i + k, w))) continue;
    const j = i + words.length;
    if (!p.isPunct(j, ':') || !p.isPunct(j + 1, ':')) return undefined;
    const securable = nameAt(p, j + 2);
    if (!securable) return undefined;
    // a schema- or database-qualified name: keep the last part
    let k = j + 3;
    let last = securable;
    while (p.isPunct(k, '.') && nameAt(p, k + 1)) {
      last = p.ident(k + 1);
      k += 2;
    }
    return { securableClass: cls, securable: last, next: k };
  }
  return undefined;
}

export function parsePermission(p: ParseContext, i: number, action: PermissionStatement['action'], database: string | undefined): Parsed<PermissionStatement> | undefined {
  const first = i;
  let j = i + 1;
  if (action === 'revoke' && p.isWord(j, 'GRANT') && p.isWord(j + 1, 'OPTION') && p.isWord(j + 2, 'FOR')) j += 3;
  const permissions: Valued<string>[] = [];
  let words: number[] = [];
  const flush = (): void => {
    if (words.length === 0) return;
    const value = words.map((w) => p.upper(w)).join(' ');
    const span = p.spanOf(words[0], words[words.length - 1]);
    permissions.push({ value, span, optionSpan: span });
    words = [];
  };
  for (; j < p.count && !p.isWord(j, 'ON') && !p.isStatementEnd(j) && !p.isWord(j, 'TO'); j++) {
    if (p.isPunct(j, ',')) flush();
    else if (p.kind(j) === Tok.Word) words.push(j);
    else if (p.isPunct(j, '(')) {
      while (j < p.count && !p.isPunct(j, ')')) j++;
    }
  }
  flush();
  if (!p.isWord(j, 'ON')) return undefined;
  const target = securableAt(p, j + 1);
  if (!target) return undefined;
  j = target.next;
  if (!p.isWord(j, 'TO') && !p.isWord(j, 'FROM')) return undefined;
  j++;
  const principals: Ident[] = [];
  while (j < p.count) {
    const name = nameAt(p, j);
    if (!name || p.isWord(j, 'WITH') || p.isWord(j, 'AS') || p.isWord(j, 'CASCADE')) break;
    principals.push(name);
    j++;
    if (!p.isPunct(j, ',')) break;
    j++;
  }
  const end = statementEnd(p, j);
  const { span, next } = finish(p, first, end);
  return {
    statement: { type: 'permission', action, span, keywordSpan: p.span(first), database, permissions, securableClass: target.securableClass, securable: target.securable, principals },
    next,
  };
}

/** `ALTER AUTHORIZATION ON class::name TO principal`; `i` at ALTER. */
export function parseAuthorization(p: ParseContext, i: number, database: string | undefined): Parsed<AuthorizationStatement> | undefined {
  if (!p.isWord(i + 2, 'ON')) return undefined;
  const target = securableAt(p, i + 3);
  if (!target || !p.isWord(target.next, 'TO')) return undefined;
  let j = target.next + 1;
  if (p.isWord(j, 'SCHEMA') && p.isWord(j + 1, 'OWNER')) return undefined;
  const principal = nameAt(p, j);
  if (!principal) return undefined;
  j++;
  const end = statementEnd(p, j);
  const { span, next } = finish(p, i, end);
  return {
    statement: { type: 'alter-authorization', span, keywordSpan: p.spanOf(i, i + 1), database, securableClass: target.securableClass, securable: target.securable, principal },
    next,
  };
}

export type { CertificateSource };
