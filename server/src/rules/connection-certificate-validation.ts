/**
 * How a connection validates the server's certificate (seed 002's behaviour table), one rule per way it goes wrong:
 * - connection-trust-server-certificate: trustServerCertificate=true accepts any certificate;
 * - connection-strict-ignores-trust: with encrypt=strict trustServerCertificate is ignored (treated as false);
 * - connection-hostname-ignored: hostNameInCertificate is never consulted while trustServerCertificate=true;
 * - connection-server-certificate-needs-strict: serverCertificate is only used with encrypt=strict;
 * - connection-truststore-password-without-truststore: the password then checks the default trust store.
 */
import type { TextEdit } from '../core/types';
import { replaceDecoded } from '../connection-strings/decoded';
import { effective, propertySpan, removeProperties, removeProperty, replaceValue, type ConnectionProperty, type ConnectionString } from '../connection-strings/model';
import type { Fix } from '../core/types';
import type { EncryptMode } from '../knowledge/drivers';
import { connectionSpan } from '../connection-strings/model';
import type { Rule } from './rule';
import { connections, findingSpan, pair, type Checked } from './connection-helpers';

function modeOf(x: Checked): EncryptMode {
  const enc = effective(x.connection, 'encrypt');
  return (enc ? x.driver.encryptMode(enc.value) : undefined) ?? x.driver.defaultEncrypt(x.version);
}

function trusts(x: Checked): ConnectionProperty | undefined {
  const tsc = effective(x.connection, 'trustservercertificate');
  return tsc && x.driver.isTrue(tsc.value) ? tsc : undefined;
}

/** Turns trustServerCertificate off: removes it from a string, sets it to false in an API call or key. */
function dropTrust(p: ConnectionProperty): TextEdit[] {
  return removeProperty(p) ?? replaceValue(p, 'false');
}

function dropTitle(p: ConnectionProperty): string {
  return p.removeRange ? `Remove ${p.name}` : `Set ${p.name} to false`;
}

/** "Make this connection strict": encrypt=strict, no trustServerCertificate, keep (or add) hostNameInCertificate. */
export function makeStrict(x: Checked): Fix | undefined {
  const c = x.connection;
  if (c.origin !== 'string') return undefined;
  const edits: TextEdit[] = [];
  const enc = effective(c, 'encrypt');
  // one removeProperties call for all of them: removing neighbours one by one gives overlapping edits (found by fuzzing)
  const dropped = c.properties.filter((p) => p.key === 'trustservercertificate' || (p.key === 'encrypt' && p !== enc));
  edits.push(...removeProperties(dropped));
  for (const p of dropped) if (!p.removeRange && p.key === 'trustservercertificate') edits.push(...replaceValue(p, 'false'));
  const at = c.appendAt ?? c.range.end;
  let append = '';
  // after a first appended `?name=value`, the next one joins with `&`
  const next = (): ConnectionString => (append && c.appendSeparator === '?' ? { ...c, appendSeparator: '&' } : c);
  if (enc) edits.push(...replaceValue(enc, 'strict'));
  else append += pair(next(), 'encrypt', 'strict');
  if (!effective(c, 'hostnameincertificate') && c.server?.name) append += pair(next(), x.driver.keyword('hostnameincertificate'), c.server.name);
  if (append) edits.push(...replaceDecoded(c.carrier, at, at, append));
  return { title: 'Make this connection strict (encrypt=strict, no trustServerCertificate, validate the host name)', edits };
}

export const connectionTrustServerCertificate: Rule = {
  id: 'connection-trust-server-certificate',
  defaultSeverity: 'warning',
  summary: 'trustServerCertificate=true: the server certificate is not validated, so anyone in the path can impersonate the server.',
  seed: '002',
  securitySeverity: 8.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      const tsc = trusts(x);
      const mode = modeOf(x);
      if (mode === 'strict' || mode === 'none') continue;
      const c: ConnectionString = x.connection;
      if (!tsc) {
        // go-mssqldb: no encrypt parameter means login-only TLS *and* no certificate check
        if (effective(c, 'trustservercertificate') || !x.driver.defaultTrust(!!effective(c, 'encrypt')) || c.origin !== 'string') continue;
        const at = c.appendAt ?? c.range.end;
        ctx.report({
          span: connectionSpan(c),
          message: `No encrypt and no TrustServerCertificate: ${x.driver.label} then encrypts only the login packet and accepts any certificate. State encrypt=true (which also turns certificate validation on), or strict.`,
          fixes: [{ title: 'Add encrypt=true', edits: replaceDecoded(c.carrier, at, at, pair(c, 'encrypt', 'true')), isPreferred: true }],
        });
        continue;
      }
      const fixes: Fix[] = [];
      const strict = makeStrict(x);
      if (strict) fixes.push(strict);
      if (c.origin === 'string' && c.server?.name && !effective(c, 'hostnameincertificate')) {
        fixes.push({ title: `Validate the certificate against '${c.server.name}' (remove trustServerCertificate; hostNameInCertificate names the certificate when it differs)`, edits: dropTrust(tsc), isPreferred: true });
      } else {
        fixes.push({ title: `Validate the certificate (${dropTitle(tsc).replace(/^\w/, (ch) => ch.toLowerCase())}; add the CA to the trust store, or hostNameInCertificate for an alias)`, edits: dropTrust(tsc), isPreferred: c.origin !== 'string' });
      }
      ctx.report({
        span: findingSpan(x.connection, tsc),
        message: `${tsc.name}=${tsc.value}: the driver accepts any certificate — no chain, expiry or host-name check — so anyone who can intercept the connection can pose as the server and read the traffic, credentials included. Validate instead: trust the server's CA (trustStore), name it with hostNameInCertificate, or use encrypt=strict with a pinned serverCertificate.`,
        fixes,
      });
    }
  },
};

export const connectionStrictIgnoresTrust: Rule = {
  id: 'connection-strict-ignores-trust',
  defaultSeverity: 'info',
  summary: 'encrypt=strict with trustServerCertificate: the trust setting is ignored.',
  seed: '002',
  securitySeverity: 1.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      const tsc = trusts(x);
      if (!tsc || modeOf(x) !== 'strict') continue;
      ctx.report({
        span: findingSpan(x.connection, tsc),
        message: `${tsc.name}=${tsc.value} is ignored: with encrypt=strict the driver always validates the certificate (treats it as false). Remove it so the string says what happens; to accept a specific certificate, pin it with serverCertificate.`,
        fixes: [{ title: dropTitle(tsc), edits: dropTrust(tsc), isPreferred: true }],
      });
    }
  },
};

export const connectionHostnameIgnored: Rule = {
  id: 'connection-hostname-ignored',
  defaultSeverity: 'warning',
  summary: 'hostNameInCertificate while trustServerCertificate=true: the host name is never checked.',
  seed: '002',
  securitySeverity: 5.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      const tsc = trusts(x);
      const host = effective(x.connection, 'hostnameincertificate');
      if (!tsc || !host || modeOf(x) === 'strict') continue;
      ctx.report({
        span: findingSpan(x.connection, host),
        message: `${host.name}=${host.value} is never checked: trustServerCertificate=true skips certificate validation altogether, host name included. Remove trustServerCertificate to make this name count.`,
        fixes: [{ title: `${dropTitle(tsc)} (validate against this host name)`, edits: dropTrust(tsc), isPreferred: true }],
      });
    }
  },
};

export const connectionServerCertificateNeedsStrict: Rule = {
  id: 'connection-server-certificate-needs-strict',
  defaultSeverity: 'warning',
  summary: 'serverCertificate without encrypt=strict: the pinned certificate is ignored.',
  seed: '002',
  securitySeverity: 5.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      const pinned = effective(x.connection, 'servercertificate');
      // Microsoft.Data.SqlClient (5.1+) and go-mssqldb also use a pinned certificate without strict (domain §5.2, §5.6)
      if (!pinned || modeOf(x) === 'strict' || x.connection.driver === 'sqlclient' || x.connection.driver === 'go-mssqldb') continue;
      const enc = effective(x.connection, 'encrypt');
      const at = x.connection.appendAt ?? x.connection.range.end;
      // a boolean literal argument (setEncrypt(true)) cannot take 'strict': no fix there
      const edits = enc ? (enc.literal ? undefined : replaceValue(enc, 'strict')) : x.connection.origin === 'string' ? replaceDecoded(x.connection.carrier, at, at, pair(x.connection, 'encrypt', 'strict')) : undefined;
      const mode = modeOf(x);
      ctx.report({
        span: findingSpan(x.connection, pinned),
        message: `${pinned.name} is only used with encrypt=strict (TDS 8): here the pinned certificate is ignored and ${
          mode === 'none' || mode === 'off' || trusts(x) ? 'no certificate is validated at all' : 'the certificate is validated the usual way instead'
        }. Use encrypt=strict.`,
        fixes: edits ? [{ title: 'Use encrypt=strict', edits, isPreferred: true }] : undefined,
      });
    }
  },
};

export const connectionTruststorePasswordWithoutTruststore: Rule = {
  id: 'connection-truststore-password-without-truststore',
  defaultSeverity: 'info',
  summary: 'trustStorePassword without trustStore: it checks the integrity of the JVM’s default trust store.',
  seed: '002',
  securitySeverity: 1.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      if (x.connection.driver !== 'jdbc') continue;
      const password = effective(x.connection, 'truststorepassword');
      if (!password || effective(x.connection, 'truststore')) continue;
      ctx.report({
        span: propertySpan(password, 'name'),
        message: `trustStorePassword without trustStore: the driver uses the JVM's default trust store and the password only checks that store's integrity. If you meant your own store, add trustStore=<path>.`,
      });
    }
  },
};
