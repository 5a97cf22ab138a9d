/**
 * `jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value…]`, parsed the way the Microsoft JDBC
 * driver parses it (domain reference §5.1): names trimmed and case-insensitive, unbraced values trimmed, `{…}` braces
 * keep `;`, `=` and spaces with `}}` for a literal `}`, synonyms resolved, the last occurrence wins.
 */
import { jdbcKey } from '../knowledge/jdbc-properties';
import type { DecodedString } from './decoded';
import type { ConnectionProperty, ConnectionString, Range } from './model';

export const JDBC_PREFIX = 'jdbc:sqlserver://';

export interface JdbcUrl extends ConnectionString {
  readonly instance?: string;
  readonly port?: string;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t';

/**
 * Parses the URL that starts at `start` in the carrier and ends at `end` (the end of the decoded string, or where
 * surrounding raw text ends it).
 */
export function parseJdbcUrl(carrier: DecodedString, start: number, end: number): JdbcUrl {
  const s = carrier.value;
  let i = start + JDBC_PREFIX.length;
  // server part, up to the first ';'
  const serverStart = i;
  while (i < end && s[i] !== ';') i++;
  const serverText = s.slice(serverStart, i);
  let server: JdbcUrl['server'];
  let instance: string | undefined;
  let port: string | undefined;
  if (serverText.trim() !== '') {
    const m = /^([^\\:]*)(?:\\([^:]*))?(?::(\d*))?/.exec(serverText);
    if (m) {
      server = { name: m[1].trim(), range: { start: serverStart, end: serverStart + m[1].length } };
      instance = m[2];
      port = m[3];
    }
  }
  const properties: ConnectionProperty[] = [];
  while (i < end) {
    const sep = i; // at ';'
    i++;
    const nameStart = i;
    while (i < end && s[i] !== '=' && s[i] !== ';') i++;
    if (i >= end || s[i] === ';') {
      // `;;` or a trailing `;` or a name without `=`: the driver skips empty segments
      continue;
    }
    const rawName = s.slice(nameStart, i);
    const lead = rawName.length - rawName.trimStart().length;
    const name = rawName.trim();
    const nameRange = { start: nameStart + lead, end: nameStart + lead + name.length };
    i++; // '='
    while (i < end && isSpace(s[i])) i++;
    let value: string;
    let valueRange: Range;
    if (s[i] === '{') {
      const open = i;
      i++;
      let v = '';
      while (i < end) {
        if (s[i] === '}') {
          if (s[i + 1] === '}' && i + 1 < end) {
            v += '}';
            i += 2;
            continue;
          }
          break;
        }
        v += s[i];
        i++;
      }
      const close = i < end ? i + 1 : end;
      value = v;
      valueRange = { start: open, end: close };
      i = close;
      while (i < end && s[i] !== ';') i++;
    } else {
      const vStart = i;
      while (i < end && s[i] !== ';') i++;
      const raw = s.slice(vStart, i);
      const trimmed = raw.trimEnd();
      value = trimmed;
      valueRange = { start: vStart, end: vStart + trimmed.length };
    }
    properties.push({ name, key: jdbcKey(name), value, carrier, nameRange, valueRange, removeRange: { start: sep, end: valueRange.end } });
  }
  return { driver: 'jdbc', origin: 'string', carrier, range: { start, end }, properties, server, instance, port, appendAt: end };
}

/** Where a JDBC URL that starts at `start` ends inside raw text (whitespace, quotes, brackets end it). */
export function jdbcUrlEndInText(s: string, start: number, limit = s.length): number {
  let i = start;
  let braces = 0;
  while (i < limit) {
    const c = s[i];
    if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    else if (braces === 0 && (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '`' || c === '<' || c === '>' || c === ')' || c === ']')) break;
    i++;
  }
  // a sentence's full stop is not part of the URL
  while (i > start && (s[i - 1] === '.' || s[i - 1] === ',')) i--;
  return i;
}
