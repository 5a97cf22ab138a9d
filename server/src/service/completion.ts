/**
 * Context-aware completion: inside CREATE/ALTER ENDPOINT, BEGIN DIALOG and CREATE/ALTER REMOTE SERVICE BINDING the
 * options and values allowed at the cursor, secure choices first (AES before RC4, which is marked deprecated); inside
 * connection strings the detected driver's keywords and their values.
 */
import { ENDPOINT_KEYWORD_DOCS } from '../knowledge/endpoint-docs';
import { DIALOG_DOCS } from '../knowledge/dialog-security';
import { driverInfo } from '../knowledge/drivers';
import { Tok } from '../tsql/lexer';
import type { Workspace } from '../workspace/workspace';
import type { AnalyzedDocument } from './documents';
import { keyProtection } from '../workspace/security';

export interface CompletionItem {
  readonly label: string;
  readonly kind: 'keyword' | 'value' | 'property' | 'reference';
  readonly detail?: string;
  readonly documentation?: string;
  readonly insertText?: string;
  readonly deprecated?: boolean;
  /** lower sorts first */
  readonly rank: number;
}

const item = (label: string, rank: number, extra: Partial<CompletionItem> = {}): CompletionItem => ({ label, kind: 'keyword', rank, ...extra });
const value = (label: string, rank: number, extra: Partial<CompletionItem> = {}): CompletionItem => ({ label, kind: 'value', rank, ...extra });

export function complete(doc: AnalyzedDocument, workspace: Workspace, offset: number): CompletionItem[] {
  return connectionCompletions(doc, workspace, offset) ?? sqlCompletions(doc, workspace, offset);
}

// ---- T-SQL ----

function sqlCompletions(doc: AnalyzedDocument, workspace: Workspace, offset: number): CompletionItem[] {
  const sql = doc.sql;
  if (!sql) return [];
  const t = sql.tokens;
  const text = t.text;
  // the tokens before the cursor (a word being typed at the cursor is the prefix, not context)
  let last = -1;
  for (let i = 0; i < t.count && t.starts[i] < offset; i++) last = i;
  if (last >= 0 && t.ends[last] >= offset && t.kinds[last] === Tok.Word) last--;
  if (last < 0) return [];
  const word = (i: number): string => (i >= 0 && (t.kinds[i] === Tok.Word || t.kinds[i] === Tok.Punct) ? text.slice(t.starts[i], t.ends[i]).toUpperCase() : '');
  // the statement the cursor is in: walk back to its head, stopping at a batch or statement end
  let head = -1;
  let depth = 0;
  for (let i = last; i >= 0 && last - i < 300; i--) {
    const w = word(i);
    if (t.kinds[i] === Tok.Go || w === ';') break;
    if (w === ')') depth++;
    if (w === '(') depth--;
    if ((w === 'CREATE' || w === 'ALTER') && (word(i + 1) === 'ENDPOINT' || (word(i + 1) === 'REMOTE' && word(i + 2) === 'SERVICE'))) {
      head = i;
      break;
    }
    if (w === 'BEGIN' && word(i + 1) === 'DIALOG') {
      head = i;
      break;
    }
  }
  if (head < 0) return [];
  const p1 = word(last);
  const p2 = word(last - 1);
  const kind = word(head + 1);
  if (kind === 'ENDPOINT') return endpointCompletions(doc, workspace, head, last, p1, p2, depth, word);
  if (kind === 'DIALOG') {
    if (p1 === '=' && p2 === 'ENCRYPTION') return [value('ON', 0, { documentation: DIALOG_DOCS.ENCRYPTION, detail: 'dialog security (default)' }), value('OFF', 9, { detail: 'no dialog encryption unless a binding exists' })];
    if (p1 === 'WITH' || p1 === ',') return [item('ENCRYPTION = ON', 0, { documentation: DIALOG_DOCS.ENCRYPTION }), item('LIFETIME = ', 1), item('RELATED_CONVERSATION_GROUP = ', 2)];
    return [];
  }
  // REMOTE SERVICE BINDING
  if (p1 === '=' && p2 === 'ANONYMOUS') return [value('OFF', 0, { detail: 'full dialog security (default)', documentation: DIALOG_DOCS.ANONYMOUS }), value('ON', 9, { detail: 'the initiator runs as public at the target' })];
  if (p1 === 'WITH' || p1 === ',') return [item('USER = ', 0, { documentation: DIALOG_DOCS.USER }), item('ANONYMOUS = OFF', 1, { documentation: DIALOG_DOCS.ANONYMOUS })];
  return [];
}

function endpointCompletions(
  doc: AnalyzedDocument,
  workspace: Workspace,
  head: number,
  last: number,
  p1: string,
  p2: string,
  depth: number,
  word: (i: number) => string,
): CompletionItem[] {
  const docOf = (k: string): string | undefined => ENDPOINT_KEYWORD_DOCS[k];
  if (p1 === 'ALGORITHM') {
    return [
      value('AES', 0, { detail: 'strong; the recommended algorithm', documentation: docOf('ALGORITHM=AES') }),
      value('AES RC4', 7, { detail: 'allows RC4 as a fallback', deprecated: true, documentation: docOf('ALGORITHM=RC4') }),
      value('RC4 AES', 8, { detail: 'prefers RC4', deprecated: true, documentation: docOf('ALGORITHM=RC4') }),
      value('RC4', 9, { detail: 'weak, deprecated, refused in FIPS mode', deprecated: true, documentation: docOf('ALGORITHM=RC4') }),
    ];
  }
  if (p1 === 'REQUIRED' || p1 === 'SUPPORTED') return [item('ALGORITHM AES', 0, { documentation: docOf('ALGORITHM') })];
  if (p1 === 'WINDOWS') {
    return [value('NEGOTIATE', 0, { documentation: docOf('NEGOTIATE') }), value('KERBEROS', 1, { documentation: docOf('KERBEROS') }), value('NTLM', 9, { documentation: docOf('NTLM'), detail: 'no mutual authentication' })];
  }
  if (p1 === 'CERTIFICATE') {
    return workspace
      .scope(doc)
      .flatMap((d) => workspace.security(d).certificates)
      .filter((c) => c.name && keyProtection(c) === 'master-key')
      .map((c, i) => ({ label: c.name!.name, kind: 'reference' as const, rank: i, detail: 'certificate with a private key under the master key' }));
  }
  if (p1 === 'FOR') return [value('DATABASE_MIRRORING', 0, { documentation: docOf('DATABASE_MIRRORING') }), value('SERVICE_BROKER', 1, { documentation: docOf('SERVICE_BROKER') }), value('TSQL', 2)];
  if (p1 === 'AS') return [value('TCP', 0, { documentation: docOf('TCP') })];
  if (p1 === '=') {
    switch (p2) {
      case 'ENCRYPTION':
        return [
          value('REQUIRED ALGORITHM AES', 0, { documentation: docOf('ENCRYPTION=REQUIRED') }),
          value('REQUIRED', 1, { documentation: docOf('ENCRYPTION=REQUIRED') }),
          value('SUPPORTED', 5, { documentation: docOf('ENCRYPTION=SUPPORTED') }),
          value('DISABLED', 9, { documentation: docOf('ENCRYPTION=DISABLED'), detail: 'clear text' }),
        ];
      case 'AUTHENTICATION':
        return [
          value('WINDOWS NEGOTIATE', 0, { documentation: docOf('NEGOTIATE') }),
          value('WINDOWS KERBEROS', 1, { documentation: docOf('KERBEROS') }),
          value('CERTIFICATE ', 2, { documentation: docOf('CERTIFICATE') }),
          value('WINDOWS NTLM', 9, { documentation: docOf('NTLM'), detail: 'no mutual authentication' }),
        ];
      case 'ROLE':
        return ['ALL', 'PARTNER', 'WITNESS'].map((v, i) => value(v, i, { documentation: docOf(`ROLE=${v}`) }));
      case 'STATE':
        return ['STARTED', 'STOPPED', 'DISABLED'].map((v, i) => value(v, i, { documentation: docOf(`STATE=${v}`) }));
      case 'MESSAGE_FORWARDING':
        return [value('DISABLED', 0), value('ENABLED', 1, { documentation: docOf('MESSAGE_FORWARDING') })];
      default:
        return [];
    }
  }
  if ((p1 === '(' || p1 === ',') && depth < 0) {
    // inside parentheses: which ones?
    let open = last;
    let d = 0;
    for (; open > head; open--) {
      const w = word(open);
      if (w === ')') d++;
      if (w === '(') {
        if (d === 0) break;
        d--;
      }
    }
    const before = word(open - 1);
    if (before === 'TCP') return [item('LISTENER_PORT = ', 0, { documentation: docOf('LISTENER_PORT') }), item('LISTENER_IP = ', 1, { documentation: docOf('LISTENER_IP') })];
    const options: CompletionItem[] = [
      item('AUTHENTICATION = ', 0, { documentation: docOf('AUTHENTICATION') }),
      item('ENCRYPTION = REQUIRED ALGORITHM AES', 1, { documentation: docOf('ENCRYPTION') }),
    ];
    if (before === 'DATABASE_MIRRORING' || before === 'DATA_MIRRORING') options.push(item('ROLE = ', 2, { documentation: docOf('ROLE') }));
    if (before === 'SERVICE_BROKER') options.push(item('MESSAGE_FORWARDING = ', 3, { documentation: docOf('MESSAGE_FORWARDING') }), item('MESSAGE_FORWARD_SIZE = ', 4));
    return options;
  }
  if (depth >= 0 && last > head + 1) return [item('STATE = STARTED', 0, { documentation: docOf('STATE') }), item('AS TCP (LISTENER_PORT = ', 1), item('FOR DATABASE_MIRRORING (', 2), item('FOR SERVICE_BROKER (', 3)];
  return [];
}

// ---- connection strings ----

function connectionCompletions(doc: AnalyzedDocument, workspace: Workspace, offset: number): CompletionItem[] | undefined {
  for (const c of workspace.connections(doc)) {
    if (c.origin !== 'string') continue;
    const carrier = c.carrier;
    if (offset < carrier.span.start || offset > carrier.span.end) continue;
    const info = driverInfo(c.driver);
    if (!info) return undefined;
    // decoded position of the cursor: after the last character that starts before it
    let pos = c.range.start;
    for (let i = c.range.start; i < c.range.end && carrier.starts[i] < offset; i++) pos = i + 1;
    if (pos < c.range.start || pos > c.range.end) continue;
    const before = carrier.value.slice(c.range.start, pos);
    const segment = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf('&'), before.lastIndexOf('?')) + 1);
    const eq = segment.indexOf('=');
    if (eq < 0) {
      return info.properties
        .filter((p) => p.description || p.values)
        .map((p, i) => ({ label: p.name, kind: 'property' as const, rank: i, insertText: `${p.name}=`, documentation: p.description, detail: p.defaultValue ? `default: ${p.defaultValue}` : undefined }));
    }
    const prop = info.property(segment.slice(0, eq));
    const key = prop?.key ?? prop?.name.toLowerCase();
    if (key === 'encrypt') {
      return c.driver === 'go-mssqldb'
        ? [value('strict', 0), value('true', 1), value('false', 8, { deprecated: true, detail: 'login packet only' }), value('disable', 9, { deprecated: true, detail: 'no TLS at all' })]
        : [value(c.driver === 'jdbc' ? 'strict' : 'Strict', 0, { detail: 'TDS 8' }), value(c.driver === 'jdbc' ? 'true' : 'True', 1), value(c.driver === 'jdbc' ? 'false' : 'False', 9, { deprecated: true, detail: 'login packet only' })];
    }
    if (key === 'trustservercertificate') return [value(c.driver === 'jdbc' ? 'false' : 'False', 0, { detail: 'validate the certificate' }), value(c.driver === 'jdbc' ? 'true' : 'True', 9, { deprecated: true, detail: 'accepts any certificate' })];
    if (key === 'sslprotocol') return [value('TLSv1.2', 0), value('TLSv1.3', 1), value('TLS', 2)];
    return [];
  }
  return undefined;
}
