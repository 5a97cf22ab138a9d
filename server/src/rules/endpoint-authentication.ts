/**
 * endpoint-ntlm-authentication / endpoint-kerberos-only — a forced Windows protocol. NTLM gives no mutual
 * authentication; either forced protocol cannot talk to a peer forced to the other one (seed 000).
 */
import type { Rule } from './rule';
import { endpointLabel, endpointStatements } from './endpoint-helpers';

export const endpointNtlmAuthentication: Rule = {
  id: 'endpoint-ntlm-authentication',
  defaultSeverity: 'warning',
  summary: 'AUTHENTICATION = WINDOWS NTLM: no mutual authentication, and no connection to KERBEROS-only peers.',
  seed: '000',
  securitySeverity: 5.5,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      for (const m of s.authentication?.methods ?? []) {
        if (m.kind !== 'windows' || m.protocol !== 'NTLM' || !m.protocolSpan) continue;
        const at = m.protocolSpan;
        report({
          span: at,
          message: `${endpointLabel(s)} allows only NTLM: NTLM authenticates the connecting instance but not the one it connects to (no mutual authentication), and an NTLM-only endpoint cannot connect to a KERBEROS-only endpoint. Use NEGOTIATE (the default) or KERBEROS, or certificates.`,
          fixes: [
            { title: 'Use WINDOWS NEGOTIATE', edits: [{ start: at.start, end: at.end, newText: 'NEGOTIATE' }], isPreferred: true },
            { title: 'Use WINDOWS KERBEROS', edits: [{ start: at.start, end: at.end, newText: 'KERBEROS' }] },
          ],
        });
      }
    }
  },
};

export const endpointKerberosOnly: Rule = {
  id: 'endpoint-kerberos-only',
  defaultSeverity: 'hint',
  summary: 'AUTHENTICATION = WINDOWS KERBEROS: peers restricted to NTLM cannot connect; Kerberos needs registered SPNs.',
  seed: '000',
  securitySeverity: 1.0,
  check({ document, report }) {
    for (const s of endpointStatements(document)) {
      for (const m of s.authentication?.methods ?? []) {
        if (m.kind !== 'windows' || m.protocol !== 'KERBEROS' || !m.protocolSpan) continue;
        report({
          span: m.protocolSpan,
          message: `${endpointLabel(s)} allows only Kerberos: every peer must be able to use Kerberos (an NTLM-only peer cannot connect), and the service accounts need registered SPNs.`,
        });
      }
    }
  },
};
