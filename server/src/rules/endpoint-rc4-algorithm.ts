/**
 * endpoint-rc4-algorithm — ALGORITHM RC4, RC4 AES or AES RC4 on a mirroring/AG/Service Broker endpoint. RC4 is weak,
 * deprecated for endpoints and refused in FIPS mode (error 28078). With two algorithms the accepting endpoint's order
 * wins, so even `AES RC4` can end up on RC4 with a peer that prefers it.
 */
import type { Algorithm } from '../tsql/ast';
import type { Rule } from './rule';
import { endpointLabel, endpointStatements } from './endpoint-helpers';

export function rc4Explanation(values: readonly Algorithm[]): string {
  if (values.length === 1) return 'it encrypts only with RC4, a weak algorithm that is deprecated for endpoints and refused when the server runs in FIPS mode (error 28078)';
  if (values[0] === 'RC4') return 'it prefers RC4: whenever this endpoint accepts a connection from a peer that also allows RC4, the session uses RC4 (the accepting endpoint’s order wins)';
  return 'it allows RC4 as a fallback: a peer that offers only RC4, or prefers RC4 when it accepts the connection, gets an RC4 session';
}

export const endpointRc4Algorithm: Rule = {
  id: 'endpoint-rc4-algorithm',
  defaultSeverity: 'warning',
  summary: 'An endpoint allows the weak, deprecated RC4 algorithm.',
  seed: '000',
  securitySeverity: 7.0,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      const enc = s.encryption;
      const algorithm = enc?.algorithm;
      if (!enc || !algorithm || enc.mode.value === 'DISABLED') continue;
      const values = algorithm.values.map((v) => v.value);
      if (!values.includes('RC4')) continue;
      const written = `ALGORITHM ${values.join(' ')}`;
      report({
        span: algorithm.span,
        message: `${endpointLabel(s)} uses ${written}: ${rc4Explanation(values)}. Use ALGORITHM AES.`,
        fixes: [{ title: 'Use ALGORITHM AES', edits: [{ start: algorithm.span.start, end: algorithm.span.end, newText: 'ALGORITHM AES' }], isPreferred: true }],
      });
    }
  },
};
