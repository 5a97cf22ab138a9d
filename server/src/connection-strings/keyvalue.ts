/**
 * `key=value;` connection strings — ADO.NET (Microsoft.Data.SqlClient / System.Data.SqlClient), ODBC and OLE DB — each
 * parsed with its driver's quoting (domain reference §5.2–5.4):
 * - SqlClient: values may be quoted with ' or " (the quote doubled inside); unquoted values are trimmed;
 * - ODBC: values may be braced {…} with `}}` for a literal `}`;
 * - OLE DB: braces optional, the first `}` ends the value (no escape).
 * Keywords are trimmed and case-insensitive. Never throws.
 */
import type { DecodedString } from './decoded';
import type { ConnectionProperty, Driver, Range } from './model';

export type Quoting = 'sqlclient' | 'odbc' | 'oledb';

export interface RawPair {
  readonly name: string;
  readonly value: string;
  readonly nameRange: Range;
  readonly valueRange: Range;
  readonly removeRange: Range;
}

export function parseKeyValue(carrier: DecodedString, start: number, end: number, quoting: Quoting): RawPair[] {
  const s = carrier.value;
  const pairs: RawPair[] = [];
  let i = start;
  while (i < end) {
    const segStart = i;
    // keyword up to '=' (a ';' first means an empty segment)
    while (i < end && s[i] !== '=' && s[i] !== ';') i++;
    if (i >= end || s[i] === ';') {
      i++;
      continue;
    }
    let nameStart = segStart;
    while (nameStart < i && (s[nameStart] === ' ' || s[nameStart] === '\t' || s[nameStart] === '\r' || s[nameStart] === '\n')) nameStart++;
    let nameEnd = i;
    while (nameEnd > nameStart && (s[nameEnd - 1] === ' ' || s[nameEnd - 1] === '\t')) nameEnd--;
    const name = s.slice(nameStart, nameEnd);
    i++; // '='
    while (i < end && (s[i] === ' ' || s[i] === '\t')) i++;
    let value = '';
    const vStart = i;
    let vEnd: number;
    const c = s[i];
    if (quoting === 'sqlclient' && (c === '"' || c === "'")) {
      i++;
      while (i < end) {
        if (s[i] === c) {
          if (s[i + 1] === c && i + 1 < end) {
            value += c;
            i += 2;
            continue;
          }
          break;
        }
        value += s[i];
        i++;
      }
      vEnd = Math.min(end, i + 1);
      i = vEnd;
      while (i < end && s[i] !== ';') i++;
    } else if ((quoting === 'odbc' || quoting === 'oledb') && c === '{') {
      i++;
      while (i < end) {
        if (s[i] === '}') {
          if (quoting === 'odbc' && s[i + 1] === '}' && i + 1 < end) {
            value += '}';
            i += 2;
            continue;
          }
          break;
        }
        value += s[i];
        i++;
      }
      vEnd = Math.min(end, i + 1);
      i = vEnd;
      while (i < end && s[i] !== ';') i++;
    } else {
      while (i < end && s[i] !== ';') i++;
      vEnd = i;
      while (vEnd > vStart && (s[vEnd - 1] === ' ' || s[vEnd - 1] === '\t' || s[vEnd - 1] === '\r' || s[vEnd - 1] === '\n')) vEnd--;
      value = s.slice(vStart, vEnd);
    }
    // removing a pair takes the ';' before it, or after it when it is the first
    const before = segStart > start && s[segStart - 1] === ';' ? segStart - 1 : segStart;
    // `i < end`: the string may end where the carrier goes on (a `;` after `end` is not this string's)
    const after = before === segStart && i < end && s[i] === ';' ? i + 1 : vEnd;
    if (name !== '') pairs.push({ name, value, nameRange: { start: nameStart, end: nameEnd }, valueRange: { start: vStart, end: vEnd }, removeRange: { start: before, end: after } });
    if (s[i] === ';') i++;
  }
  return pairs;
}

export function toProperties(carrier: DecodedString, pairs: readonly RawPair[], key: (name: string) => string | undefined): ConnectionProperty[] {
  return pairs.map((p) => ({ name: p.name, key: key(p.name), value: p.value, carrier, nameRange: p.nameRange, valueRange: p.valueRange, removeRange: p.removeRange }));
}

/** Which driver a key=value string is for, from its own keywords. */
export function detectKeyValueDriver(pairs: readonly RawPair[]): { driver: Driver; version?: string } | undefined {
  const get = (k: string): string | undefined => pairs.find((p) => p.name.toLowerCase() === k)?.value;
  const driver = get('driver');
  if (driver !== undefined) {
    if (!/sql server|sqlserver|msodbcsql|sql native client/i.test(driver)) return undefined;
    const m = /odbc driver (\d+)/i.exec(driver);
    return { driver: 'odbc', version: m ? m[1] : /native client/i.test(driver) || /^\{?sql server\}?$/i.test(driver.trim()) ? '11' : undefined };
  }
  const provider = get('provider');
  if (provider !== undefined) {
    const p = provider.trim().toLowerCase();
    if (p.startsWith('msoledbsql19')) return { driver: 'oledb', version: '19' };
    if (p.startsWith('msoledbsql')) return { driver: 'oledb', version: '18' };
    if (p.startsWith('sqloledb') || p.startsWith('sqlncli')) return { driver: 'oledb', version: '0' };
    return undefined;
  }
  return { driver: 'sqlclient' };
}

const SERVER_KEYS = new Set(['server', 'data source', 'datasource', 'address', 'addr', 'network address', 'driver', 'provider', 'dsn']);
const SQL_KEYS = new Set(['database', 'initial catalog', 'encrypt', 'trustservercertificate', 'trust server certificate', 'integrated security', 'trusted_connection', 'user id', 'uid', 'password', 'pwd', 'failover partner', 'multipleactiveresultsets', 'application name', 'app', 'authentication']);

/** Whether a string is a SQL Server key=value connection string (not any `a=b;c=d` text). */
export function looksLikeKeyValueConnection(pairs: readonly RawPair[]): boolean {
  if (pairs.length < 2) return false;
  const names = pairs.map((p) => p.name.toLowerCase());
  return names.some((n) => SERVER_KEYS.has(n)) && names.some((n) => SQL_KEYS.has(n) || SERVER_KEYS.has(n));
}
