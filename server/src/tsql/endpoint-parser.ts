/**
 * CREATE / ALTER / DROP ENDPOINT (domain reference §1.1). Error-tolerant: every problem becomes a SyntaxProblem with
 * the expected alternatives, and parsing resumes at the next option or the statement's end.
 */
import type { Span } from '../core/types';
import type {
  Algorithm,
  AlgorithmClause,
  AuthMethod,
  AuthenticationOption,
  EncryptionMode,
  EncryptionOption,
  EndpointPayload,
  EndpointState,
  EndpointStatement,
  Ident,
  MirroringRole,
  Valued,
  WindowsProtocol,
} from './ast';
import { Tok } from './lexer';
import type { ParseContext } from './parse-context';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const CLAUSES = new Set(['AUTHORIZATION', 'STATE', 'AS', 'FOR']);
const PAYLOAD_OPTIONS: Record<EndpointPayload, readonly string[]> = {
  DATABASE_MIRRORING: ['AUTHENTICATION', 'ENCRYPTION', 'ROLE'],
  SERVICE_BROKER: ['AUTHENTICATION', 'ENCRYPTION', 'MESSAGE_FORWARDING', 'MESSAGE_FORWARD_SIZE'],
  TSQL: [],
};
const ALL_PAYLOAD_OPTIONS = ['AUTHENTICATION', 'ENCRYPTION', 'ROLE', 'MESSAGE_FORWARDING', 'MESSAGE_FORWARD_SIZE'];

export function listOr(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

export interface ParsedEndpoint {
  readonly statement: EndpointStatement;
  /** index of the first token after the statement */
  readonly next: number;
}

/** `i` is at CREATE/ALTER/DROP, `i + 1` at ENDPOINT. */
export function parseEndpoint(p: ParseContext, i: number, action: EndpointStatement['action'], database: string | undefined): ParsedEndpoint {
  const first = i;
  const keywordSpan = p.spanOf(i, i + 1);
  i += 2;
  const ep: Mutable<EndpointStatement> = { type: 'endpoint', action, keywordSpan, span: keywordSpan, database };
  let last = i - 1;

  if (p.isIdent(i) && !p.isStatementEnd(i) && !(p.kind(i) === Tok.Word && CLAUSES.has(p.upper(i)))) {
    ep.name = p.ident(i);
    last = i;
    i++;
  } else {
    p.error(spanAtOrAfter(p, i, keywordSpan), `Expected an endpoint name after ${action.toUpperCase()} ENDPOINT, found ${p.describe(i)}.`);
  }

  if (action !== 'drop') {
    const seen = new Set<string>();
    for (;;) {
      if (p.kind(i) !== Tok.Word) break;
      const clause = p.upper(i);
      if (!CLAUSES.has(clause)) break;
      if (seen.has(clause)) p.error(p.span(i), `${clause} is given twice in this ${action.toUpperCase()} ENDPOINT.`);
      seen.add(clause);
      const clauseAt = i;
      if (clause === 'AUTHORIZATION') {
        i = parseAuthorization(p, i, ep);
      } else if (clause === 'STATE') {
        const v = keywordOption<EndpointState>(p, i, ['STARTED', 'STOPPED', 'DISABLED'], 'STATE');
        if (v.value) ep.state = v.value;
        i = v.next;
      } else if (clause === 'AS') {
        i = parseTransport(p, i, ep);
      } else {
        i = parsePayload(p, i, ep);
      }
      if (i <= clauseAt) i = clauseAt + 1; // always make progress
      last = i - 1;
    }
    validateWhole(p, ep, seen);
  }

  if (p.isPunct(i, ';')) {
    last = i;
    i++;
  }
  ep.span = { start: p.start(first), end: p.end(Math.max(first + 1, last)) };
  return { statement: ep, next: i };
}

function parseAuthorization(p: ParseContext, i: number, ep: Mutable<EndpointStatement>): number {
  const at = i;
  i++;
  if (ep.action === 'alter') {
    p.error(p.span(at), `ALTER ENDPOINT cannot change the owner; use ALTER AUTHORIZATION ON ENDPOINT::${ep.name?.name ?? 'name'} TO login.`);
  }
  if (p.isIdent(i) && !p.isStatementEnd(i)) {
    ep.authorization = p.ident(i);
    return i + 1;
  }
  p.error(spanAtOrAfter(p, i, p.span(at)), `Expected a login name after AUTHORIZATION, found ${p.describe(i)}.`);
  return i;
}

/** `AS TCP ( LISTENER_PORT = n [, LISTENER_IP = …] )` */
function parseTransport(p: ParseContext, i: number, ep: Mutable<EndpointStatement>): number {
  const asAt = i;
  i++;
  if (p.isWord(i, 'TCP')) {
    ep.protocol = { value: 'TCP', span: p.span(i), optionSpan: p.spanOf(asAt, i) };
    i++;
  } else if (p.isWord(i, 'HTTP')) {
    p.error(p.span(i), 'HTTP (SOAP) endpoints were removed in SQL Server 2012; mirroring, availability-group and Service Broker endpoints use AS TCP.');
    i++;
    return skipParenthesised(p, i);
  } else {
    p.error(spanAtOrAfter(p, i, p.span(asAt)), `Expected TCP after AS, found ${p.describe(i)}.`);
    return i;
  }
  if (ep.action === 'alter' && ep.protocol) {
    // Allowed: ALTER may change TCP options, but not the protocol itself (there is only TCP left).
  }
  if (!p.isPunct(i, '(')) {
    p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Expected '(' after AS TCP, found ${p.describe(i)}.`);
    return i;
  }
  i++;
  const seen = new Set<string>();
  while (!p.isPunct(i, ')')) {
    if (p.isStatementEnd(i)) {
      p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Missing ')' to close AS TCP (…).`);
      return i;
    }
    const optAt = i;
    const name = p.kind(i) === Tok.Word ? p.upper(i) : '';
    if (name !== 'LISTENER_PORT' && name !== 'LISTENER_IP') {
      p.error(p.span(i), `Unknown TCP option ${p.describe(i)}; expected LISTENER_PORT or LISTENER_IP.`);
      i = p.skipToListSeparator(i);
    } else {
      if (seen.has(name)) p.error(p.span(i), `${name} is given twice.`);
      seen.add(name);
      i = expectEquals(p, i + 1, name);
      if (name === 'LISTENER_PORT') i = parsePort(p, optAt, i, ep);
      else i = parseListenerIp(p, optAt, i, ep);
    }
    i = afterListItem(p, i);
    if (i < 0) return -i;
  }
  return i + 1;
}

function parsePort(p: ParseContext, optAt: number, i: number, ep: Mutable<EndpointStatement>): number {
  if (p.kind(i) === Tok.SqlcmdVar) return i + 1; // $(Port): unknown until sqlcmd runs
  if (p.kind(i) !== Tok.Number || !/^\d+$/.test(p.textOf(i))) {
    p.error(spanAtOrAfter(p, i, p.span(optAt)), `Expected a port number for LISTENER_PORT, found ${p.describe(i)}.`);
    return p.skipToListSeparator(i);
  }
  const port = Number(p.textOf(i));
  ep.port = { value: port, span: p.span(i), optionSpan: p.spanOf(optAt, i) };
  if (port < 1024 || port > 32767) {
    p.error(p.span(i), `LISTENER_PORT ${port} is outside 1024–32767, the range SQL Server accepts for endpoints (5022 is the usual mirroring port, 4022 the usual Service Broker port).`);
  }
  return i + 1;
}

function parseListenerIp(p: ParseContext, optAt: number, i: number, ep: Mutable<EndpointStatement>): number {
  if (p.isWord(i, 'ALL')) {
    ep.listenerIp = { value: 'ALL', span: p.span(i), optionSpan: p.spanOf(optAt, i) };
    return i + 1;
  }
  if (!p.isPunct(i, '(')) {
    p.error(spanAtOrAfter(p, i, p.span(optAt)), `Expected ALL, (a.b.c.d) or ('ipv6') for LISTENER_IP, found ${p.describe(i)}.`);
    return p.skipToListSeparator(i);
  }
  const open = i;
  let j = i + 1;
  while (j < p.count && !p.isPunct(j, ')') && !p.isStatementEnd(j) && j - open < 32) j++;
  if (!p.isPunct(j, ')')) {
    p.error(p.span(open), `Missing ')' after the LISTENER_IP address.`);
    return p.skipToListSeparator(j);
  }
  const inner = p.text.slice(p.end(open), p.start(j)).trim();
  const literal = j === open + 2 ? p.stringValue(open + 1) : undefined;
  let value: string | undefined;
  if (literal !== undefined) {
    if (/^[0-9A-Fa-f:.]+$/.test(literal) && literal.includes(':')) value = literal;
    else p.error(p.spanOf(open + 1, open + 1), `'${literal.slice(0, 60)}' is not an IPv6 address.`);
  } else if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(inner) && inner.split('.').every((o) => Number(o) <= 255)) {
    value = inner;
  } else {
    p.error(p.spanOf(open, j), `Expected an IPv4 address such as (10.0.0.5) or a quoted IPv6 address such as ('::1') for LISTENER_IP.`);
  }
  if (value) ep.listenerIp = { value, span: p.spanOf(open, j), optionSpan: p.spanOf(optAt, j) };
  return j + 1;
}

function parsePayload(p: ParseContext, i: number, ep: Mutable<EndpointStatement>): number {
  const forAt = i;
  i++;
  const word = p.kind(i) === Tok.Word ? p.upper(i) : '';
  let payload: EndpointPayload | undefined;
  if (word === 'DATABASE_MIRRORING' || word === 'DATA_MIRRORING') payload = 'DATABASE_MIRRORING';
  else if (word === 'SERVICE_BROKER' || word === 'TSQL') payload = word;
  else if (word === 'SOAP') {
    p.error(p.span(i), 'SOAP endpoints were removed in SQL Server 2012; expected DATABASE_MIRRORING, SERVICE_BROKER or TSQL.');
    return skipParenthesised(p, i + 1);
  } else {
    p.error(spanAtOrAfter(p, i, p.span(forAt)), `Expected DATABASE_MIRRORING, SERVICE_BROKER or TSQL after FOR, found ${p.describe(i)}.`);
    return p.isPunct(i, '(') ? skipParenthesised(p, i) : i;
  }
  ep.payload = { value: payload, span: p.span(i), optionSpan: p.spanOf(forAt, i) };
  i++;
  if (!p.isPunct(i, '(')) {
    p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Expected '(' after FOR ${word}, found ${p.describe(i)}.`);
    return i;
  }
  const open = i;
  i++;
  const seen = new Set<string>();
  const allowed = PAYLOAD_OPTIONS[payload];
  while (!p.isPunct(i, ')')) {
    if (p.isStatementEnd(i)) {
      p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Missing ')' to close FOR ${word} (…).`);
      ep.payloadBody = { start: p.end(open), end: p.start(i) };
      return i;
    }
    const optAt = i;
    const name = p.kind(i) === Tok.Word ? p.upper(i) : '';
    if (!allowed.includes(name)) {
      if (ALL_PAYLOAD_OPTIONS.includes(name)) {
        const owner = name === 'ROLE' ? 'DATABASE_MIRRORING' : 'SERVICE_BROKER';
        p.error(p.span(i), `${name} belongs to FOR ${owner} endpoints, not FOR ${payload}.`);
      } else if (payload === 'TSQL') {
        p.error(p.span(i), `FOR TSQL takes no options here; write FOR TSQL ().`);
      } else {
        p.error(p.span(i), `Unknown ${payload} option ${p.describe(i)}; expected ${listOr(allowed)}.`);
      }
      i = p.skipToListSeparator(i);
    } else {
      if (seen.has(name)) p.error(p.span(i), `${name} is given twice.`);
      seen.add(name);
      i = expectEquals(p, i + 1, name);
      switch (name) {
        case 'AUTHENTICATION':
          i = parseAuthentication(p, optAt, i, ep);
          break;
        case 'ENCRYPTION':
          i = parseEncryption(p, optAt, i, ep);
          break;
        case 'ROLE': {
          const v = keywordValue<MirroringRole>(p, optAt, i, ['WITNESS', 'PARTNER', 'ALL'], 'ROLE');
          if (v.value) ep.role = v.value;
          i = v.next;
          break;
        }
        case 'MESSAGE_FORWARDING': {
          const v = keywordValue<'ENABLED' | 'DISABLED'>(p, optAt, i, ['ENABLED', 'DISABLED'], 'MESSAGE_FORWARDING');
          if (v.value) ep.messageForwarding = v.value;
          i = v.next;
          break;
        }
        default: {
          if (p.kind(i) === Tok.Number && /^\d+$/.test(p.textOf(i))) {
            ep.messageForwardSize = { value: Number(p.textOf(i)), span: p.span(i), optionSpan: p.spanOf(optAt, i) };
            i++;
          } else if (p.kind(i) === Tok.SqlcmdVar) {
            i++;
          } else {
            p.error(spanAtOrAfter(p, i, p.span(optAt)), `Expected a size in megabytes for MESSAGE_FORWARD_SIZE, found ${p.describe(i)}.`);
            i = p.skipToListSeparator(i);
          }
        }
      }
    }
    const next = afterListItem(p, i);
    if (next < 0) {
      ep.payloadBody = { start: p.end(open), end: p.start(-next) };
      return -next;
    }
    i = next;
  }
  ep.payloadBody = { start: p.end(open), end: p.start(i) };
  return i + 1;
}

function parseAuthentication(p: ParseContext, optAt: number, i: number, ep: Mutable<EndpointStatement>): number {
  const methods: AuthMethod[] = [];
  const startAt = i;
  const windows = (): boolean => {
    if (!p.isWord(i, 'WINDOWS')) return false;
    const at = i;
    i++;
    let protocol: WindowsProtocol = 'NEGOTIATE';
    let explicit = false;
    let protocolSpan: Span | undefined;
    if (p.isWord(i, 'NTLM') || p.isWord(i, 'KERBEROS') || p.isWord(i, 'NEGOTIATE')) {
      protocol = p.upper(i) as WindowsProtocol;
      explicit = true;
      protocolSpan = p.span(i);
      i++;
    }
    methods.push({ kind: 'windows', protocol, explicit, span: p.spanOf(at, i - 1), protocolSpan });
    return true;
  };
  const certificate = (): boolean => {
    if (!p.isWord(i, 'CERTIFICATE')) return false;
    const at = i;
    i++;
    if (p.isIdent(i) && !p.isStatementEnd(i) && !p.isWord(i, 'WINDOWS')) {
      const cert: Ident = p.ident(i);
      methods.push({ kind: 'certificate', certificate: cert, span: p.spanOf(at, i) });
      i++;
    } else {
      p.error(p.span(at), `Expected a certificate name after CERTIFICATE, found ${p.describe(i)}.`);
    }
    return true;
  };
  if (windows()) certificate();
  else if (certificate()) windows();
  else {
    p.error(
      spanAtOrAfter(p, i, p.span(optAt)),
      `Expected WINDOWS [NTLM | KERBEROS | NEGOTIATE], CERTIFICATE name, or both (in either order) for AUTHENTICATION, found ${p.describe(i)}.`,
    );
    return p.skipToListSeparator(i);
  }
  if (methods.length > 0) ep.authentication = { optionSpan: p.spanOf(optAt, Math.max(startAt, i - 1)), methods } satisfies AuthenticationOption;
  return i;
}

function parseEncryption(p: ParseContext, optAt: number, i: number, ep: Mutable<EndpointStatement>): number {
  const mode = keywordValue<EncryptionMode>(p, optAt, i, ['DISABLED', 'SUPPORTED', 'REQUIRED'], 'ENCRYPTION');
  if (!mode.value) return mode.next;
  i = mode.next;
  let algorithm: AlgorithmClause | undefined;
  let algorithmKeyword: Span | undefined;
  if (p.isWord(i, 'ALGORITHM')) {
    const kwAt = i;
    algorithmKeyword = p.span(i);
    i++;
    if (mode.value.value === 'DISABLED') {
      p.error(p.spanOf(kwAt, kwAt), 'ALGORITHM cannot follow DISABLED: an endpoint with encryption disabled has no algorithm. Use SUPPORTED or REQUIRED, or remove ALGORITHM.');
    }
    const values: Valued<Algorithm>[] = [];
    const expected = 'expected AES, RC4, AES RC4 or RC4 AES';
    let reported = false;
    while (p.kind(i) === Tok.Word && !p.isStatementEnd(i) && (values.length < 2 || p.isWord(i, 'AES') || p.isWord(i, 'RC4'))) {
      const w = p.upper(i);
      if (w !== 'AES' && w !== 'RC4') {
        if (values.length === 0) p.error(p.span(i), `Unknown algorithm ${p.describe(i)}; ${expected}.`);
        else p.error(p.span(i), `Unexpected ${p.describe(i)} after ALGORITHM ${values.map((v) => v.value).join(' ')}; ${expected}.`);
        reported = true;
        i = p.skipToListSeparator(i);
        break;
      }
      if (values.some((v) => v.value === w)) {
        p.error(p.span(i), `${w} is repeated; ${expected}.`);
        reported = true;
      } else if (values.length === 2) {
        p.error(p.span(i), `At most two algorithms may be listed; ${expected}.`);
        reported = true;
      } else {
        values.push({ value: w, span: p.span(i), optionSpan: p.spanOf(kwAt, i) });
      }
      i++;
    }
    if (values.length === 0 && !reported) {
      p.error(spanAtOrAfter(p, i, p.span(kwAt)), `Expected an algorithm after ALGORITHM, found ${p.describe(i)}; ${expected}.`);
    }
    if (values.length > 0) {
      algorithm = { span: p.spanOf(kwAt, i - 1), keywordSpan: p.span(kwAt), values };
    }
  }
  ep.encryption = { optionSpan: p.spanOf(optAt, i - 1), mode: mode.value, algorithm, algorithmKeyword } satisfies EncryptionOption;
  return i;
}

/** Clauses a CREATE must have; a clause that was written but rejected has its own error already. */
function validateWhole(p: ParseContext, ep: Mutable<EndpointStatement>, written: ReadonlySet<string>): void {
  const at = ep.name?.span ?? ep.keywordSpan;
  if (ep.action === 'create') {
    if (!written.has('AS')) p.error(at, 'CREATE ENDPOINT needs AS TCP (LISTENER_PORT = …).');
    if (!written.has('FOR')) p.error(at, 'CREATE ENDPOINT needs a FOR clause: FOR DATABASE_MIRRORING (…), FOR SERVICE_BROKER (…) or FOR TSQL ().');
    if (ep.payload?.value === 'DATABASE_MIRRORING' && !ep.role) {
      p.error(ep.payload.span, 'ROLE is required when creating a DATABASE_MIRRORING endpoint: add ROLE = PARTNER, WITNESS or ALL.');
    }
  }
}

// ---- small shared steps ----

function expectEquals(p: ParseContext, i: number, option: string): number {
  if (p.isPunct(i, '=')) return i + 1;
  p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Expected '=' after ${option}, found ${p.describe(i)}.`);
  return i;
}

/** After an option: `,` continues (returns the next index), `)` ends (returns its index); a negative index means the
 * statement ended before `)`. */
function afterListItem(p: ParseContext, i: number): number {
  if (p.isPunct(i, ',')) return i + 1;
  if (p.isPunct(i, ')')) return i;
  if (p.isStatementEnd(i)) {
    p.error(spanAtOrAfter(p, i, p.span(i - 1)), `Missing ')' before ${p.describe(i)}.`);
    return -i;
  }
  p.error(p.span(i), `Expected ',' or ')', found ${p.describe(i)}.`);
  const j = p.skipToListSeparator(i);
  if (p.isPunct(j, ',')) return j + 1;
  if (p.isPunct(j, ')')) return j;
  return -j;
}

function keywordOption<T extends string>(p: ParseContext, at: number, allowed: readonly T[], option: string): { value?: Valued<T>; next: number } {
  const i = expectEquals(p, at + 1, option);
  return keywordValue(p, at, i, allowed, option);
}

function keywordValue<T extends string>(p: ParseContext, optAt: number, i: number, allowed: readonly T[], option: string): { value?: Valued<T>; next: number } {
  const w = p.kind(i) === Tok.Word ? p.upper(i) : '';
  if ((allowed as readonly string[]).includes(w)) {
    return { value: { value: w as T, span: p.span(i), optionSpan: p.spanOf(optAt, i) }, next: i + 1 };
  }
  if (p.kind(i) === Tok.SqlcmdVar) return { next: i + 1 };
  p.error(spanAtOrAfter(p, i, p.span(optAt)), `Expected ${listOr(allowed)} for ${option}, found ${p.describe(i)}.`);
  return { next: p.isStatementEnd(i) || p.isPunct(i, ')') || p.isPunct(i, ',') ? i : i + 1 };
}

function skipParenthesised(p: ParseContext, i: number): number {
  if (!p.isPunct(i, '(')) return i;
  let depth = 0;
  for (; i < p.count; i++) {
    if (p.isPunct(i, '(')) depth++;
    else if (p.isPunct(i, ')') && --depth === 0) return i + 1;
    else if (p.kind(i) === Tok.Go) return i;
  }
  return i;
}

/** The span of token i, or (at the statement's end) an empty span right after `fallback`, so errors stay on the line. */
function spanAtOrAfter(p: ParseContext, i: number, fallback: Span): Span {
  if (i < p.count && !p.isStatementEnd(i)) return p.span(i);
  return { start: fallback.end, end: fallback.end };
}
