/**
 * URL-style connection strings: go-mssqldb `sqlserver://user:pass@host:port/instance?encrypt=…&TrustServerCertificate=…`
 * and SQLAlchemy `mssql+pyodbc://user:pass@host/db?driver=ODBC+Driver+18+for+SQL+Server&Encrypt=no`. Parameter names
 * are case-insensitive; values are percent-decoded for reading, and edited as written.
 */
import type { DecodedString } from './decoded';
import type { ConnectionProperty, ConnectionString, Driver, Range } from './model';

export interface UrlConnection extends ConnectionString {
  readonly scheme: string;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

const SQLALCHEMY_PARAMS = new Set(['odbc_connect', 'autocommit', 'ansi', 'unicode_results', 'driver', 'timeout', 'readonly', 'attrs_before', 'use_setinputsizes', 'fast_executemany', 'isolation_level']);

const URL_END = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '`' || c === '<' || c === '>';

export function urlEndInText(s: string, start: number, limit = s.length): number {
  let i = start;
  while (i < limit && !URL_END(s[i])) i++;
  while (i > start && (s[i - 1] === '.' || s[i - 1] === ',' || s[i - 1] === ')')) i--;
  return i;
}

/** `start` is at the scheme; `key` maps a parameter name to the driver's canonical key. */
export function parseUrlConnection(carrier: DecodedString, start: number, end: number, driver: Driver, key: (name: string) => string | undefined): UrlConnection {
  const s = carrier.value;
  const schemeEnd = s.indexOf('://', start);
  const scheme = s.slice(start, schemeEnd < 0 ? start : schemeEnd).toLowerCase();
  let i = schemeEnd < 0 ? end : schemeEnd + 3;
  const properties: ConnectionProperty[] = [];
  const authorityEnd = (() => {
    let j = i;
    while (j < end && s[j] !== '/' && s[j] !== '?') j++;
    return j;
  })();
  const at = s.lastIndexOf('@', authorityEnd - 1);
  let hostStart = i;
  if (at >= i) {
    const colon = s.indexOf(':', i);
    if (colon >= 0 && colon < at) {
      const nameRange: Range = { start: colon, end: colon };
      // the password of `user:pass@` has no keyword of its own: give it the shared key the secret rules know
      properties.push({ name: 'password', key: 'password', value: decode(s.slice(colon + 1, at)), carrier, nameRange, valueRange: { start: colon + 1, end: at } });
    }
    hostStart = at + 1;
  }
  let hostEnd = hostStart;
  while (hostEnd < authorityEnd && s[hostEnd] !== ':') hostEnd++;
  const server = hostEnd > hostStart ? { name: decode(s.slice(hostStart, hostEnd)), range: { start: hostStart, end: hostEnd } } : undefined;
  i = authorityEnd;
  const q = s.indexOf('?', i);
  const hasQuery = q >= 0 && q < end;
  if (hasQuery) {
    i = q + 1;
    while (i < end) {
      const sep = i - 1; // '?' or '&'
      let j = i;
      while (j < end && s[j] !== '&') j++;
      const eq = s.indexOf('=', i);
      if (eq > i && eq < j) {
        const name = decode(s.slice(i, eq));
        properties.push({
          name,
          // SQLAlchemy's own URL parameters are not driver keywords (and odbc_connect holds a whole string)
          key: key(name) ?? (scheme.startsWith('mssql+') && SQLALCHEMY_PARAMS.has(name.toLowerCase()) ? `sqlalchemy:${name.toLowerCase()}` : undefined),
          value: decode(s.slice(eq + 1, j)),
          carrier,
          nameRange: { start: i, end: eq },
          valueRange: { start: eq + 1, end: j },
          // keep the `?` when removing the first parameter: take the `&` after it instead
          removeRange: s[sep] === '?' ? { start: i, end: j < end ? j + 1 : j } : { start: sep, end: j },
        });
      }
      i = j + 1;
    }
  }
  return { driver, origin: 'string', carrier, range: { start, end }, properties, server, scheme, appendAt: end, appendSeparator: hasQuery ? '&' : '?' };
}
