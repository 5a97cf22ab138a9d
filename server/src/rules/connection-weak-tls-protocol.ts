/**
 * connection-weak-tls-protocol — sslProtocol (or a minimum TLS setting) below TLS 1.2: TLS 1.0 and 1.1 are obsolete
 * and refused by current servers and clients.
 */
import { effective, replaceValue } from '../connection-strings/model';
import type { Rule } from './rule';
import { connections, findingSpan } from './connection-helpers';

/** JDBC sslProtocol TLSv1 / TLSv1.1; go-mssqldb tlsmin 1.0 / 1.1 */
const WEAK = /^(?:TLSv1(?:\.[01])?|1\.[01])$/i;

export const connectionWeakTlsProtocol: Rule = {
  id: 'connection-weak-tls-protocol',
  defaultSeverity: 'warning',
  summary: 'sslProtocol / minimum TLS version below TLS 1.2.',
  seed: '002',
  securitySeverity: 6.0,
  check(ctx) {
    for (const { connection: c } of connections(ctx)) {
      const p = effective(c, 'sslprotocol');
      if (!p || !WEAK.test(p.value.trim())) continue;
      ctx.report({
        span: findingSpan(c, p),
        message: `${p.name}=${p.value} allows an obsolete protocol: TLS 1.0 and 1.1 have known weaknesses and are disabled on current servers. ${
          c.driver === 'jdbc' ? 'Use TLSv1.2 (or TLS to let the JVM choose the best, TLSv1.3 with TDS 8).' : 'Use 1.2 or later.'
        }`,
        fixes: [{ title: c.driver === 'jdbc' ? 'Use TLSv1.2' : 'Use 1.2', edits: replaceValue(p, c.driver === 'jdbc' ? 'TLSv1.2' : '1.2'), isPreferred: true }],
      });
    }
  },
};
