/**
 * The script parser: walks the tokens once, hands the statements that matter to their parsers and skips everything
 * else token by token. Never throws; unknown statements never produce problems.
 */
import type { PeerAddress, SqlScript, Statement } from './ast';
import { parseEndpoint } from './endpoint-parser';
import { parseAuthorization, parseCertificate, parseLogin, parseMasterKey, parsePermission, parseUser } from './security-parser';
import { parseDialog, parseQueue, parseRemoteServiceBinding, parseRoute, parseService } from './broker-parser';
import { HEAD_CANDIDATE, lex, Tok, type Tokens } from './lexer';
import { relex } from './incremental';
import { ParseContext } from './parse-context';

export interface ParsedSql extends SqlScript {
  readonly tokens: Tokens;
  /** the database in effect after the last token (the last `USE`), for parsing what follows (incremental parsing) */
  readonly database?: string;
}

export function parseSql(text: string, previous?: Tokens): ParsedSql {
  // an edited document re-lexes only the batches the edit touched
  return parseTokens(previous ? relex(previous, text) : lex(text));
}

/** What the statement loop carries from one statement to the next. */
interface ScriptState {
  readonly statements: Statement[];
  /** the database of the last `USE` */
  database: string | undefined;
}

/** `database`: the one in effect before the first token (a `USE` earlier in the script, for a batch parsed alone). */
export function parseTokens(tokens: Tokens, database?: string): ParsedSql {
  const p = new ParseContext(tokens);
  const state: ScriptState = { statements: [], database };
  scanStatements(p, tokens, state);
  return { tokens, statements: state.statements, problems: p.problems, database: state.database };
}

/**
 * The statement loop: only the words the lexer flagged as possible statement heads (first and last letter and length)
 * are looked at. (Kept apart from building the result so that the loop's optimised code never meets code it has no
 * type feedback for.)
 */
function scanStatements(p: ParseContext, tokens: Tokens, state: ScriptState): void {
  const { flags, starts, ends, count } = tokens;
  const text = tokens.text;
  let i = 0;
  while (i < count) {
    if (flags[i] & HEAD_CANDIDATE) {
      const next = statementAt(p, i, text.charCodeAt(starts[i]) & ~32, ends[i] - starts[i], state);
      if (next > i) {
        i = next;
        continue;
      }
    }
    i++;
  }
}

/**
 * Parses the statement whose first word is token i (upper-case first letter c, length len), if it is one we parse.
 * Returns the index of the token after it, or -1. A new head word here must also go into STATEMENT_HEADS in the lexer,
 * which flags the candidate words.
 */
function statementAt(p: ParseContext, i: number, c: number, len: number, state: ScriptState): number {
  const database = state.database;
  let r: { statement: Statement; next: number } | undefined;
  switch (c) {
    case 67 /* C */:
      if (len === 6 && p.isWord(i, 'CREATE')) r = parseCreateAlterDrop(p, i, 'create', database);
      else if (len === 5 && p.isWord(i, 'CLOSE') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) r = parseMasterKey(p, i, 'close', database, 3);
      break;
    case 65 /* A */:
      if (len === 5 && p.isWord(i, 'ALTER')) {
        if (p.isWord(i + 1, 'AUTHORIZATION')) r = parseAuthorization(p, i, database);
        else r = parseCreateAlterDrop(p, i, 'alter', database);
      }
      break;
    case 68 /* D */:
      if (len === 4 && p.isWord(i, 'DROP')) r = parseCreateAlterDrop(p, i, 'drop', database);
      else if (len === 4 && p.isWord(i, 'DENY')) r = parsePermission(p, i, 'deny', database);
      break;
    case 71 /* G */:
      if (len === 5 && p.isWord(i, 'GRANT')) r = parsePermission(p, i, 'grant', database);
      break;
    case 82 /* R */:
      if (len === 6 && p.isWord(i, 'REVOKE')) r = parsePermission(p, i, 'revoke', database);
      else if (len === 7 && p.isWord(i, 'RESTORE') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) r = parseMasterKey(p, i, 'restore', database, 3);
      break;
    case 79 /* O */:
      if (len === 4 && p.isWord(i, 'OPEN') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) r = parseMasterKey(p, i, 'open', database, 3);
      break;
    case 66 /* B */:
      if (len === 5 && p.isWord(i, 'BEGIN') && p.isWord(i + 1, 'DIALOG')) r = parseDialog(p, i, database);
      else if (len === 6 && p.isWord(i, 'BACKUP')) {
        if (p.isWord(i + 1, 'CERTIFICATE')) r = parseCertificate(p, i, 'backup', database);
        else if (p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) r = parseMasterKey(p, i, 'backup', database, 3);
      }
      break;
    case 85 /* U */:
      if (len === 3 && p.isWord(i, 'USE') && p.isIdent(i + 1)) {
        state.database = p.ident(i + 1).name;
        return i + 2;
      }
      break;
    case 80 /* P */:
    case 87 /* W */:
    case 69 /* E */:
      if ((len === 7 || len === 12) && p.isPunct(i + 1, '=') && p.kind(i + 2) === Tok.String) {
        const kind = p.upper(i);
        if (kind === 'PARTNER' || kind === 'WITNESS' || kind === 'ENDPOINT_URL') {
          const address = peerAddress(p, i, kind);
          if (address) state.statements.push(address);
          return i + 3;
        }
      }
      break;
  }
  if (!r) return -1;
  state.statements.push(r.statement);
  return r.next;
}

/** CREATE / ALTER / DROP followed by the object types we parse; undefined for everything else. */
function parseCreateAlterDrop(p: ParseContext, i: number, action: 'create' | 'alter' | 'drop', database: string | undefined): { statement: Statement; next: number } | undefined {
  if (p.isWord(i + 1, 'ENDPOINT')) return parseEndpoint(p, i, action, database);
  if (p.isWord(i + 1, 'CERTIFICATE')) return parseCertificate(p, i, action, database);
  if (p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) return parseMasterKey(p, i, action, database, 3);
  if (p.isWord(i + 1, 'LOGIN')) return parseLogin(p, i, action);
  if (p.isWord(i + 1, 'USER')) return parseUser(p, i, action, database);
  if (p.isWord(i + 1, 'REMOTE') && p.isWord(i + 2, 'SERVICE') && p.isWord(i + 3, 'BINDING')) return parseRemoteServiceBinding(p, i, action, database);
  if (p.isWord(i + 1, 'ROUTE')) return parseRoute(p, i, action, database);
  if (p.isWord(i + 1, 'SERVICE') && !p.isWord(i + 2, 'MASTER')) return parseService(p, i, action, database);
  if (p.isWord(i + 1, 'QUEUE')) return parseQueue(p, i, action, database);
  return undefined;
}

function peerAddress(p: ParseContext, i: number, kind: PeerAddress['kind']): PeerAddress | undefined {
  const url = p.stringValue(i + 2);
  if (url === undefined) return undefined;
  // TCP://host[:port] — hosts may be names, IPv4 or [IPv6].
  const m = /^\s*TCP:\/\/(\[[^\]]*\]|[^:/\s]+)(?::(\d{1,5}))?\/?\s*$/i.exec(url.slice(0, 300));
  if (!m) return undefined;
  return { type: 'peer-address', kind, url, host: m[1].toLowerCase(), port: m[2] ? Number(m[2]) : undefined, span: p.spanOf(i, i + 2) };
}
