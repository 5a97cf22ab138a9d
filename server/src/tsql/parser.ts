/**
 * The script parser: walks the tokens once, hands the statements that matter to their parsers and skips everything
 * else token by token. Never throws; unknown statements never produce problems.
 */
import type { PeerAddress, SqlScript, Statement } from './ast';
import { parseEndpoint } from './endpoint-parser';
import { lex, Tok, type Tokens } from './lexer';
import { ParseContext } from './parse-context';

export interface ParsedSql extends SqlScript {
  readonly tokens: Tokens;
}

export function parseSql(text: string): ParsedSql {
  return parseTokens(lex(text));
}

export function parseTokens(tokens: Tokens): ParsedSql {
  const p = new ParseContext(tokens);
  const statements: Statement[] = [];
  const { kinds, starts, ends, count } = tokens;
  const text = tokens.text;
  let database: string | undefined;

  let i = 0;
  while (i < count) {
    if (kinds[i] !== Tok.Word) {
      i++;
      continue;
    }
    const len = ends[i] - starts[i];
    // A cheap filter on the first letter and length keeps ordinary DML from being upper-cased.
    const c = text.charCodeAt(starts[i]) & ~32;
    let next = -1;
    if (len === 6 && c === 67 /* C */ && p.isWord(i, 'CREATE') && p.isWord(i + 1, 'ENDPOINT')) {
      const r = parseEndpoint(p, i, 'create', database);
      statements.push(r.statement);
      next = r.next;
    } else if (len === 5 && c === 65 /* A */ && p.isWord(i, 'ALTER') && p.isWord(i + 1, 'ENDPOINT')) {
      const r = parseEndpoint(p, i, 'alter', database);
      statements.push(r.statement);
      next = r.next;
    } else if (len === 4 && c === 68 /* D */ && p.isWord(i, 'DROP') && p.isWord(i + 1, 'ENDPOINT')) {
      const r = parseEndpoint(p, i, 'drop', database);
      statements.push(r.statement);
      next = r.next;
    } else if (len === 3 && c === 85 /* U */ && p.isWord(i, 'USE') && p.isIdent(i + 1)) {
      database = p.ident(i + 1).name.toUpperCase();
      next = i + 2;
    } else if (
      ((len === 7 && (c === 80 /* P */ || c === 87) /* W */) || (len === 12 && c === 69)) /* E */ &&
      p.isPunct(i + 1, '=') &&
      p.kind(i + 2) === Tok.String
    ) {
      const kind = p.upper(i);
      if (kind === 'PARTNER' || kind === 'WITNESS' || kind === 'ENDPOINT_URL') {
        const address = peerAddress(p, i, kind);
        if (address) statements.push(address);
        next = i + 3;
      }
    }
    i = next > i ? next : i + 1;
  }
  return { tokens, statements, problems: p.problems };
}

function peerAddress(p: ParseContext, i: number, kind: PeerAddress['kind']): PeerAddress | undefined {
  const url = p.stringValue(i + 2);
  if (url === undefined) return undefined;
  // TCP://host[:port] — hosts may be names, IPv4 or [IPv6].
  const m = /^\s*TCP:\/\/(\[[^\]]*\]|[^:/\s]+)(?::(\d{1,5}))?\/?\s*$/i.exec(url.slice(0, 300));
  if (!m) return undefined;
  return { type: 'peer-address', kind, url, host: m[1].toLowerCase(), port: m[2] ? Number(m[2]) : undefined, span: p.spanOf(i, i + 2) };
}
