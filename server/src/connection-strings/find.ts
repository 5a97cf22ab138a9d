/**
 * Finding connection settings where they really live: JDBC URLs in any string of any host file, JDBC data-source API
 * calls in JVM code (`setEncrypt(false)`, `props.put("encrypt", "false")`), and Spring's
 * `spring.datasource.hikari.data-source-properties.*` keys. A cheap first test skips files that cannot hold any.
 */
import { jdbcKey, jdbcProperty } from '../knowledge/jdbc-properties';
import { identity, type DecodedString } from './decoded';
import { extractStrings, hostLanguageOf, type HostLanguage, type KeyedString } from './hosts';
import { JDBC_PREFIX, jdbcUrlEndInText, parseJdbcUrl } from './jdbc';
import type { ConnectionProperty, ConnectionString } from './model';

const JVM: ReadonlySet<HostLanguage> = new Set(['java', 'kotlin', 'scala', 'groovy']);
const ANY_HOST = /jdbc:sqlserver:|data-source-properties/i;
const JVM_API = /\.set(?:Encrypt|TrustServerCertificate|HostNameInCertificate|ServerCertificate|TrustStore|SSLProtocol)\b|\.(?:put|setProperty)\s*\(\s*"(?:encrypt|trustServerCertificate|hostNameInCertificate)"/i;

export function findConnectionStrings(uri: string, languageId: string | undefined, text: string): ConnectionString[] {
  const host = hostLanguageOf(uri, languageId);
  if (!host || !(ANY_HOST.test(text) || (JVM.has(host) && JVM_API.test(text)))) return [];
  const strings = extractStrings(text, host);
  const out: ConnectionString[] = [];
  for (const s of strings) out.push(...jdbcUrlsIn(s));
  if (JVM.has(host)) out.push(...jdbcApiCalls(text, strings));
  const spring = springDataSourceProperties(strings);
  if (spring) out.push(spring);
  return out;
}

/** Every `jdbc:sqlserver://` URL inside one decoded string. */
export function jdbcUrlsIn(s: DecodedString): ConnectionString[] {
  const out: ConnectionString[] = [];
  const lower = s.value.toLowerCase();
  let at = lower.indexOf(JDBC_PREFIX);
  while (at >= 0) {
    const end = jdbcUrlEndInText(s.value, at);
    out.push(parseJdbcUrl(s, at, end));
    at = lower.indexOf(JDBC_PREFIX, Math.max(end, at + 1));
  }
  return out;
}

const SETTERS: Readonly<Record<string, string>> = {
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

  for (let at = text.indexOf('.set'); at >= 0; at = text.indexOf('.set', at + 4)) {
    SETTER_CALL.lastIndex = at;
    const m = SETTER_CALL.exec(text);
    if (!m) continue;
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

const SPRING_KEY = /(?:^|\.)data-source-properties\.([A-Za-z][\w-]*)$/;

/** Spring Boot passes `spring.datasource.hikari.data-source-properties.<name>` to the driver as connection properties. */
function springDataSourceProperties(strings: readonly KeyedString[]): ConnectionString | undefined {
  const properties: ConnectionProperty[] = [];
  for (const s of strings) {
    const m = s.key ? SPRING_KEY.exec(s.key) : null;
    if (!m) continue;
    properties.push({
      name: m[1],
      key: jdbcKey(m[1]),
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
