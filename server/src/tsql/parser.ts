/**
 * The script parser: walks the tokens once, hands the statements that matter to their parsers and skips everything
 * else token by token. Never throws; unknown statements never produce problems.
 */
import type { PeerAddress, SqlScript, Statement } from './ast';
import { parseEndpoint } from './endpoint-parser';
import { parseAuthorization, parseCertificate, parseLogin, parseMasterKey, parsePermission, parseUser } from './security-parser';
import { parseDialog, parseQueue, parseRemoteServiceBinding, parseRoute, parseService } from './broker-parser';
import { lex, Tok, type Tokens } from './lexer';
import { relex } from './incremental';
import { ParseContext } from './parse-context';

/** First letters (upper case) of the words that can start a statement we parse: A B C D E G O P R U W. */
const HEAD_LETTERS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const ch of 'ABCDEGOPRUW') t[ch.charCodeAt(0)] = 1;
  return t;
})();

export interface ParsedSql extends SqlScript {
  readonly tokens: Tokens;
  /** the database in effect after the last token (the last `USE`), for parsing what follows (incremental parsing) */
  readonly database?: string;
}

export function parseSql(text: string, previous?: Tokens): ParsedSql {
  // an edited document re-lexes only the batches the edit touched
  return parseTokens(previous ? relex(previous, text) : lex(text));
}

/** `database`: the one in effect before the first token (a `USE` earlier in the script, for a batch parsed alone). */
export function parseTokens(tokens: Tokens, database?: string): ParsedSql {
  const p = new ParseContext(tokens);
  const statements: Statement[] = [];
  const { kinds, starts, ends, count } = tokens;
  const text = tokens.text;

  let i = 0;
  while (i < count) {
    if (kinds[i] !== Tok.Word) {
      i++;
      continue;
    }
    const len = ends[i] - starts[i];
    // A cheap filter on the first letter and length keeps ordinary DML from being compared word by word.
    const c = text.charCodeAt(starts[i]) & ~32;
    if (len < 3 || len > 12 || !HEAD_LETTERS[c]) {
      i++;
      continue;
    }
    let next = -1;
    const push = (r: { statement: Statement; next: number } | undefined): void => {
      if (!r) return;
      statements.push(r.statement);
      next = r.next;
    };
    switch (c) {
      case 67 /* C */:
        if (len === 6 && p.isWord(i, 'CREATE')) push(parseCreateAlterDrop(p, i, 'create', database));
        else if (len === 5 && p.isWord(i, 'CLOSE') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) push(parseMasterKey(p, i, 'close', database, 3));
        break;
      case 65 /* A */:
        if (len === 5 && p.isWord(i, 'ALTER')) {
          if (p.isWord(i + 1, 'AUTHORIZATION')) push(parseAuthorization(p, i, database));
          else push(parseCreateAlterDrop(p, i, 'alter', database));
        }
        break;
      case 68 /* D */:
        if (len === 4 && p.isWord(i, 'DROP')) push(parseCreateAlterDrop(p, i, 'drop', database));
        else if (len === 4 && p.isWord(i, 'DENY')) push(parsePermission(p, i, 'deny', database));
        break;
      case 71 /* G */:
        if (len === 5 && p.isWord(i, 'GRANT')) push(parsePermission(p, i, 'grant', database));
        break;
      case 82 /* R */:
        if (len === 6 && p.isWord(i, 'REVOKE')) push(parsePermission(p, i, 'revoke', database));
        else if (len === 7 && p.isWord(i, 'RESTORE') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) push(parseMasterKey(p, i, 'restore', database, 3));
        break;
      case 79 /* O */:
        if (len === 4 && p.isWord(i, 'OPEN') && p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) push(parseMasterKey(p, i, 'open', database, 3));
        break;
      case 66 /* B */:
        if (len === 5 && p.isWord(i, 'BEGIN') && p.isWord(i + 1, 'DIALOG')) push(parseDialog(p, i, database));
        else if (len === 6 && p.isWord(i, 'BACKUP')) {
          if (p.isWord(i + 1, 'CERTIFICATE')) push(parseCertificate(p, i, 'backup', database));
          else if (p.isWord(i + 1, 'MASTER') && p.isWord(i + 2, 'KEY')) push(parseMasterKey(p, i, 'backup', database, 3));
        }
        break;
      case 85 /* U */:
        if (len === 3 && p.isWord(i, 'USE') && p.isIdent(i + 1)) {
          database = p.ident(i + 1).name;
          next = i + 2;
        }
        break;
      case 80 /* P */:
      case 87 /* W */:
      case 69 /* E */:
        if ((len === 7 || len === 12) && p.isPunct(i + 1, '=') && p.kind(i + 2) === Tok.String) {
          const kind = p.upper(i);
          if (kind === 'PARTNER' || kind === 'WITNESS' || kind === 'ENDPOINT_URL') {
            const address = peerAddress(p, i, kind);
            if (address) statements.push(address);
            next = i + 3;
          }
        }
        break;
    }
    i = next > i ? next : i + 1;
  }
  return { tokens, statements, problems: p.problems, database };
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
