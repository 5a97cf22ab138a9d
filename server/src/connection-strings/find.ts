/**
 * Finding connection settings where they really live: JDBC URLs, ADO.NET / ODBC / OLE DB key=value strings, go-mssqldb
 * and SQLAlchemy URLs in any string of any host file; driver API calls in code (JDBC `setEncrypt(false)`,
 * `props.put("encrypt", "false")`, C# `SqlConnectionStringBuilder { Encrypt = … }`, tedious `options: { encrypt: … }`);
 * Spring's `spring.datasource.hikari.data-source-properties.*` keys; and `@provstr` in T-SQL. A cheap first test skips
 * files that cannot hold any.
 */
import { driverInfo } from '../knowledge/drivers';
import { jdbcKey, jdbcProperty } from '../knowledge/jdbc-properties';
import type { ParsedSql } from '../tsql/parser';
import { identity, type DecodedString } from './decoded';
import { extractStrings, hostLanguageOf, type HostLanguage, type KeyedString } from './hosts';
import { JDBC_PREFIX, jdbcUrlEndInText, parseJdbcUrl } from './jdbc';
import { detectKeyValueDriver, looksLikeKeyValueConnection, parseKeyValue, toProperties, type RawPair } from './keyvalue';
import type { ConnectionProperty, ConnectionString, Driver } from './model';
import { providerStrings } from './tsql-strings';
import { parseUrlConnection, urlEndInText } from './url';

const JVM: ReadonlySet<HostLanguage> = new Set(['java', 'kotlin', 'scala', 'groovy']);
const ANY_HOST = /jdbc:sqlserver:|data-source-properties|sqlserver:\/\/|mssql\+\w+:\/\/|(?:server|data source|address|addr|driver|provider)\s*=/i;
const JVM_API = /\.set(?:Encrypt|TrustServerCertificate|HostNameInCertificate|ServerCertificate|TrustStore|SSLProtocol|KeyStorePassword|AccessToken|ServerSpn|IntegratedSecurity)\b|\.(?:put|setProperty)\s*\(\s*"(?:encrypt|trustServerCertificate|hostNameInCertificate|serverCertificate|trustStore|trustStorePassword|sslProtocol|password|serverSpn|integratedSecurity)"/i;

export function findConnectionStrings(uri: string, languageId: string | undefined, text: string): ConnectionString[] {
  const host = hostLanguageOf(uri, languageId);
  if (!host || !(ANY_HOST.test(text) || (JVM.has(host) && JVM_API.test(text)) || (host === 'csharp' && CSHARP_API.test(text)) || (JS.has(host) && TEDIOUS_API.test(text)) || (host === 'php' && PHP_API.test(text)))) return [];
  const strings = extractStrings(text, host);
  const out: ConnectionString[] = [];
  const raw = host === 'markdown' || host === 'text';
  for (const s of strings) {
    const jdbc = jdbcUrlsIn(s, raw);
    out.push(...jdbc);
    if (jdbc.length === 0) out.push(...urlConnectionsIn(s), ...keyValueConnectionsIn(s, host));
  }
  if (JVM.has(host)) out.push(...jdbcApiCalls(text, strings));
  if (host === 'csharp') out.push(...sqlClientBuilder(text, strings));
  if (JS.has(host)) out.push(...tediousOptions(text, strings));
  if (host === 'php') out.push(...sqlsrvOptions(text, strings));
  const spring = springDataSourceProperties(strings);
  if (spring) out.push(spring);
  return out;
}

/** OLE DB provider strings given to sp_addlinkedserver in T-SQL. */
export function sqlConnectionStrings(sql: ParsedSql): ConnectionString[] {
  const oledb = driverInfo('oledb')!;
  return providerStrings(sql).flatMap(({ value, provider }) => {
    const pairs = parseKeyValue(value, 0, value.value.length, 'oledb');
    if (pairs.length === 0) return [];
    const version = provider && /^msoledbsql19/i.test(provider.trim()) ? '19' : provider && /^msoledbsql/i.test(provider.trim()) ? '18' : undefined;
    return [keyValueConnection(value, pairs, 'oledb', oledb.key, version)];
  });
}

const JS: ReadonlySet<HostLanguage> = new Set(['javascript', 'typescript']);
const CSHARP_API = /SqlConnectionStringBuilder|SqlConnectionEncryptOption/;
const PHP_API = /sqlsrv_connect/;
const TEDIOUS_API = /\b(?:mssql|tedious)\b/;

/**
 * A test for whether offset `at` follows a `//` or `#` line comment marker on its line (code patterns must not match
 * comments), for offsets asked in increasing order. Each line is examined once, when the first offset on it is asked:
 * slicing from the line start for every match was quadratic on a long line (a 1 MB one-line file took a minute).
 */
function lineCommentTest(text: string): (at: number) => boolean {
  let lineStart = 0;
  let lineEnd = -1;
  /** the first offset on the current line that is inside a line comment */
  let commentFrom = Infinity;
  return (at) => {
    if (at < lineStart || at > lineEnd) {
      lineStart = text.lastIndexOf('\n', at - 1) + 1;
      lineEnd = text.indexOf('\n', at);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      // the same two patterns as on the text before `at`: a `//` (not of `://`) ending at or before it, or a line
      // that starts with `#`, `*` or `/*`
      const slashes = /(^|[^:])\/\//.exec(line);
      const marker = /^\s*(#|\*|\/\*)/.exec(line);
      commentFrom = Math.min(slashes ? lineStart + slashes.index + slashes[0].length : Infinity, marker ? lineStart + marker[0].length : Infinity);
    }
    return at >= commentFrom;
  };
}

/** Whether offset `at` falls inside one of the (sorted) string literals: code patterns must not match string text. */
function insideString(strings: readonly KeyedString[], at: number): boolean {
  let lo = 0;
  let hi = strings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sp = strings[mid].span;
    if (at < sp.start) hi = mid - 1;
    else if (at >= sp.end) lo = mid + 1;
    else return true;
  }
  return false;
}

function keyValueConnection(carrier: DecodedString, pairs: readonly RawPair[], driver: Driver, key: (n: string) => string | undefined, version?: string): ConnectionString {
  const properties = toProperties(carrier, pairs, key);
  const serverProp = properties.find((p) => p.key === 'servername');
  const server = serverProp ? { name: serverName(serverProp.value), range: serverProp.valueRange } : undefined;
  return { driver, origin: 'string', carrier, range: { start: 0, end: carrier.value.length }, properties, server, appendAt: appendPoint(carrier.value), driverVersion: version };
}

/** `tcp:host\\inst,1433` → `host` */
function serverName(value: string): string {
  return value.trim().replace(/^(?:tcp|np|lpc|admin):/i, '').split(/[\\,]/)[0].trim();
}

/** Appending after a trailing `;` would give `;;`: append before it. */
function appendPoint(value: string): number {
  let end = value.length;
  while (end > 0 && /\s/.test(value[end - 1])) end--;
  if (value[end - 1] === ';') end--;
  return end;
}

function keyValueConnectionsIn(s: KeyedString, host: HostLanguage): ConnectionString[] {
  const v = s.value;
  if (!v.includes('=') || !/(?:server|data source|address|addr|driver|provider|dsn)\s*=/i.test(v)) return [];
  // PDO: "sqlsrv:Server=…;Database=…" — the DSN after the prefix uses ODBC keywords
  const pdo = /^\s*sqlsrv:/i.exec(v);
  const start = pdo ? pdo[0].length : 0;
  const probe = parseKeyValue(s, start, v.length, 'odbc');
  if (!looksLikeKeyValueConnection(probe)) return [];
  const detected = pdo ? { driver: 'odbc' as Driver } : detectKeyValueDriver(probe);
  if (!detected) return [];
  let driver = detected.driver;
  if (driver === 'sqlclient') {
    if (host === 'python') driver = 'odbc';
    else if (host === 'go') driver = 'go-mssqldb';
    else if (JS.has(host)) driver = 'mssql';
  }
  const info = driverInfo(driver);
  if (!info) return [];
  const quoting = driver === 'odbc' ? 'odbc' : driver === 'oledb' ? 'oledb' : 'sqlclient';
  const pairs = parseKeyValue(s, start, v.length, quoting);
  const c = keyValueConnection(s, pairs, driver, info.key, detected.version);
  return [{ ...c, range: { start, end: v.length } }];
}

function urlConnectionsIn(s: KeyedString): ConnectionString[] {
  const lower = s.value.toLowerCase();
  const out: ConnectionString[] = [];
  for (const m of lower.matchAll(/(?:sqlserver|mssql\+pyodbc|mssql\+aioodbc):\/\//g)) {
    const at = m.index ?? 0;
    if (at > 0 && /[\w:+]/.test(lower[at - 1])) continue; // part of another scheme (jdbc:sqlserver://)
    const end = urlEndInText(s.value, at);
    const go = lower.startsWith('sqlserver://', at);
    const driver: Driver = go ? 'go-mssqldb' : 'odbc';
    const info = driverInfo(driver)!;
    const c = parseUrlConnection(s, at, end, driver, info.key);
    const driverParam = c.properties.find((p) => p.name.toLowerCase() === 'driver')?.value;
    const version = driverParam ? /odbc driver (\d+)/i.exec(driverParam)?.[1] : undefined;
    out.push(version ? { ...c, driverVersion: version } : c);
  }
  return out;
}

const CSHARP_SETTING = /\b(Encrypt|TrustServerCertificate|HostNameInCertificate|ServerCertificate|ServerSPN|FailoverPartnerSPN|IntegratedSecurity|Password)\s*=\s*/y;

/** `new SqlConnectionStringBuilder { Encrypt = SqlConnectionEncryptOption.Optional, TrustServerCertificate = true }` */
function sqlClientBuilder(text: string, strings: readonly KeyedString[]): ConnectionString[] {
  const info = driverInfo('sqlclient')!;
  const byStart = new Map(strings.map((s) => [s.span.start, s]));
  const properties: ConnectionProperty[] = [];
  const inLineComment = lineCommentTest(text);
  for (const m of text.matchAll(/\b(?:Encrypt|TrustServerCertificate|HostNameInCertificate|ServerCertificate|ServerSPN|FailoverPartnerSPN|IntegratedSecurity|Password)\s*=(?!=)/g)) {
    const at = m.index ?? 0;
    if (insideString(strings, at) || inLineComment(at)) continue;
    CSHARP_SETTING.lastIndex = at;
    const n = CSHARP_SETTING.exec(text);
    if (!n) continue;
    const argAt = CSHARP_SETTING.lastIndex;
    const str = byStart.get(argAt);
    let carrier: DecodedString | undefined = str;
    let value = str?.value;
    if (!str) {
      const lit = /(true|false)\b|SqlConnectionEncryptOption\.(Optional|Mandatory|Strict)\b/y;
      lit.lastIndex = argAt;
      const l = lit.exec(text);
      if (!l) continue;
      const word = l[1] ?? l[2];
      const wordStart = argAt + l[0].length - word.length;
      carrier = identity(text, wordStart, wordStart + word.length);
      value = word;
    }
    if (!carrier || value === undefined) continue;
    properties.push({ name: n[1], key: info.key(n[1]), value, carrier, nameSpan: { start: at, end: at + n[1].length }, nameRange: { start: 0, end: 0 }, valueRange: { start: 0, end: carrier.value.length }, literal: !str });
  }
  if (properties.length === 0) return [];
  return [{ driver: 'sqlclient', origin: 'api', carrier: properties[0].carrier, range: { start: 0, end: properties[0].carrier.value.length }, properties }];
}

/** tedious / mssql config objects: `options: { encrypt: false, trustServerCertificate: true }` */
function tediousOptions(text: string, strings: readonly KeyedString[]): ConnectionString[] {
  const info = driverInfo('tedious')!;
  const byStart = new Map(strings.map((s) => [s.span.start, s]));
  const properties: ConnectionProperty[] = [];
  const inLineComment = lineCommentTest(text);
  for (const m of text.matchAll(/\b(encrypt|trustServerCertificate)\s*:\s*/g)) {
    const at = m.index ?? 0;
    if (insideString(strings, at) || inLineComment(at)) continue;
    const argAt = at + m[0].length;
    const str = byStart.get(argAt);
    let carrier: DecodedString | undefined = str;
    if (!str) {
      const l = /(true|false)\b/y;
      l.lastIndex = argAt;
      const b = l.exec(text);
      if (!b) continue;
      carrier = identity(text, argAt, argAt + b[1].length);
    }
    if (!carrier) continue;
    properties.push({ name: m[1], key: info.key(m[1]), value: carrier.value, carrier, nameSpan: { start: at, end: at + m[1].length }, nameRange: { start: 0, end: 0 }, valueRange: { start: 0, end: carrier.value.length }, literal: !str });
  }
  if (properties.length === 0) return [];
  return [{ driver: 'tedious', origin: 'api', carrier: properties[0].carrier, range: { start: 0, end: properties[0].carrier.value.length }, properties }];
}

/**
 * Every `jdbc:sqlserver://` URL inside one decoded string. In prose (Markdown, text) a URL ends at whitespace; in a
 * string value it runs to the end of the line (the driver trims spaces around names and values).
 */
export function jdbcUrlsIn(s: DecodedString, raw: boolean): ConnectionString[] {
  const out: ConnectionString[] = [];
  const lower = s.value.toLowerCase();
  let at = lower.indexOf(JDBC_PREFIX);
  while (at >= 0) {
    const end = raw ? jdbcUrlEndInText(s.value, at) : lineEnd(s.value, at);
    out.push(parseJdbcUrl(s, at, end));
    at = lower.indexOf(JDBC_PREFIX, Math.max(end, at + 1));
  }
  return out;
}

function lineEnd(v: string, at: number): number {
  let end = at;
  while (end < v.length && v[end] !== '\n' && v[end] !== '\r') end++;
  while (end > at && (v[end - 1] === ' ' || v[end - 1] === '\t')) end--;
  return end;
}

const SETTERS: Readonly<Record<string, string>> = {
  keystorepassword: 'keyStorePassword',
  accesstoken: 'accessToken',
  encrypt: 'encrypt',
  trustservercertificate: 'trustServerCertificate',
  hostnameincertificate: 'hostNameInCertificate',
  servercertificate: 'serverCertificate',
  truststore: 'trustStore',
  truststorepassword: 'trustStorePassword',
  truststoretype: 'trustStoreType',
  sslprotocol: 'sslProtocol',
  password: 'password',
  servername: 'serverName',
  integratedsecurity: 'integratedSecurity',
  authentication: 'authentication',
  serverspn: 'serverSpn',
};

const SETTER_CALL = /\.set([A-Za-z]+)\s*\(\s*/y;
const BOOLEAN_ARG = /(true|false)\b/y;

/** `receiver.setEncrypt(false)` … grouped per receiver: one group is one data source configured in code. */
function jdbcApiCalls(text: string, strings: readonly KeyedString[]): ConnectionString[] {
  const byStart = new Map<number, KeyedString>();
  for (const s of strings) byStart.set(s.span.start, s);
  const groups = new Map<string, ConnectionProperty[]>();
  const add = (receiver: string, p: ConnectionProperty): void => {
    const list = groups.get(receiver) ?? [];
    list.push(p);
    groups.set(receiver, list);
  };

  const inLineComment = lineCommentTest(text);
  for (let at = text.indexOf('.set'); at >= 0; at = text.indexOf('.set', at + 4)) {
    SETTER_CALL.lastIndex = at;
    const m = SETTER_CALL.exec(text);
    if (!m || inLineComment(at)) continue;
    const name = SETTERS[m[1].toLowerCase()];
    if (!name) continue;
    const argAt = SETTER_CALL.lastIndex;
    let carrier: DecodedString | undefined;
    let literal = false;
    const str = byStart.get(argAt);
    if (str) carrier = str;
    else {
      BOOLEAN_ARG.lastIndex = argAt;
      const b = BOOLEAN_ARG.exec(text);
      if (b) {
        carrier = identity(text, argAt, argAt + b[1].length);
        literal = true;
      }
    }
    if (!carrier) continue;
    const nameStart = at + 4;
    add(receiverBefore(text, at), {
      name,
      key: jdbcKey(name),
      value: carrier.value,
      carrier,
      nameSpan: { start: nameStart, end: nameStart + m[1].length },
      nameRange: { start: 0, end: 0 },
      valueRange: { start: 0, end: carrier.value.length },
      literal,
    });
  }

  // props.put("encrypt", "false") / props.setProperty("trustServerCertificate", "true")
  for (let k = 0; k + 1 < strings.length; k++) {
    const key = strings[k];
    const value = strings[k + 1];
    if (!jdbcProperty(key.value) || text.slice(key.span.end, value.span.start).trim() !== ',') continue;
    const before = text.slice(Math.max(0, key.span.start - 40), key.span.start);
    const call = /([A-Za-z_$][\w$]*)\s*\.\s*(?:put|setProperty)\s*\(\s*$/.exec(before);
    if (!call) continue;
    add(call[1], {
      name: key.value,
      key: jdbcKey(key.value),
      value: value.value,
      carrier: value,
      nameSpan: key.span,
      nameRange: { start: 0, end: 0 },
      valueRange: { start: 0, end: value.value.length },
    });
  }

  const out: ConnectionString[] = [];
  for (const properties of groups.values()) {
    const carrier = properties[0].carrier;
    out.push({ driver: 'jdbc', origin: 'api', carrier, range: { start: 0, end: carrier.value.length }, properties });
  }
  return out;
}

function receiverBefore(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\w$)\]]/.test(text[i - 1]) && dot - i < 80) i--;
  return text.slice(i, dot) || '(unnamed)';
}

const SPRING_KEY = /(?:^|\.)data-source-properties\.([A-Za-z][\w-]*)$|^spring\.datasource\.(password|username)$/;

/** Spring Boot passes `spring.datasource.hikari.data-source-properties.<name>` to the driver as connection properties. */
function springDataSourceProperties(strings: readonly KeyedString[]): ConnectionString | undefined {
  const properties: ConnectionProperty[] = [];
  for (const s of strings) {
    const m = s.key ? SPRING_KEY.exec(s.key) : null;
    if (!m) continue;
    const name = m[1] ?? (m[2] === 'username' ? 'user' : 'password');
    properties.push({
      name,
      key: jdbcKey(name),
      value: s.value.trim(),
      carrier: s,
      nameSpan: s.keySpan,
      nameRange: { start: 0, end: 0 },
      valueRange: { start: 0, end: s.value.length },
    });
  }
  if (properties.length === 0) return undefined;
  return { driver: 'jdbc', origin: 'config', carrier: properties[0].carrier, range: { start: 0, end: properties[0].carrier.value.length }, properties };
}

/** PHP SQLSRV: `sqlsrv_connect($server, ["Encrypt" => "strict", "TrustServerCertificate" => 1])` */
function sqlsrvOptions(text: string, strings: readonly KeyedString[]): ConnectionString[] {
  if (!PHP_API.test(text)) return [];
  const info = driverInfo('php')!;
  const properties: ConnectionProperty[] = [];
  for (let k = 0; k < strings.length; k++) {
    const key = strings[k];
    const name = info.property(key.value);
    if (!name) continue;
    const arrow = /^\s*=>\s*/.exec(text.slice(key.span.end, key.span.end + 20));
    if (!arrow) continue;
    const argAt = key.span.end + arrow[0].length;
    const next = strings[k + 1];
    let carrier: DecodedString | undefined;
    let literal = false;
    if (next && next.span.start === argAt) carrier = next;
    else {
      const m = /(true|false|1|0)\b/iy;
      m.lastIndex = argAt;
      const b = m.exec(text);
      if (b) {
        carrier = identity(text, argAt, argAt + b[1].length);
        literal = true;
      }
    }
    if (!carrier) continue;
    properties.push({ name: key.value, key: info.key(key.value), value: carrier.value, carrier, nameSpan: key.span, nameRange: { start: 0, end: 0 }, valueRange: { start: 0, end: carrier.value.length }, literal });
  }
  if (properties.length === 0) return [];
  return [{ driver: 'php', origin: 'api', carrier: properties[0].carrier, range: { start: 0, end: properties[0].carrier.value.length }, properties }];
}
