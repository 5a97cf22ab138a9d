/**
 * certificate-no-expiry — a certificate created by SQL Server (WITH SUBJECT) without EXPIRY_DATE expires one year after
 * START_DATE; an endpoint using it then stops authenticating (error 28036 / 28035 on the peer). Imported certificates
 * carry their own dates. A warning for certificates an endpoint uses or that identify a Service Broker service (owned by
 * a service owner, or explicitly ACTIVE FOR BEGIN_DIALOG = ON), info otherwise.
 */
import type { Rule } from './rule';

/** Two years after a START_DATE like '20260101', '2026-01-01' or '01/01/2026', else after the current year. */
export function suggestedExpiry(startDate: string | undefined, now: Date = new Date()): string {
  const year = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(startDate ?? '')?.[1] ?? /^((?:19|20)\d\d)\d{4}$/.exec(startDate ?? '')?.[1];
  const base = year ? Number(year) : now.getUTCFullYear();
  return `${base + 2}1231`;
}

export const certificateNoExpiry: Rule = {
  id: 'certificate-no-expiry',
  defaultSeverity: 'warning',
  summary: 'A certificate created without EXPIRY_DATE expires one year after it starts.',
  seed: '001',
  securitySeverity: 3.0,
  check({ document, workspace, report }) {
    const endpointCerts = new Set<string>();
    const serviceOwners = new Set<string>();
    for (const d of workspace.scope(document)) {
      for (const e of workspace.endpoints(d)) {
        if (e.dropped) continue;
        for (const m of e.authentication?.methods ?? []) if (m.kind === 'certificate') endpointCerts.add(m.certificate.name.toUpperCase());
      }
      const facts = workspace.security(d);
      for (const s of facts.services) if (s.authorization) serviceOwners.add(s.authorization.name.toUpperCase());
      for (const a of facts.authorizations) if (a.securableClass === 'SERVICE') serviceOwners.add(a.principal.name.toUpperCase());
    }
    for (const c of workspace.security(document).certificates) {
      if (c.source !== 'generated' || c.expiryDate || !c.name) continue;
      const usedByEndpoint = endpointCerts.has(c.name.name.toUpperCase());
      // Dialog certificates matter too: those of a service owner (ACTIVE FOR BEGIN_DIALOG defaults to ON).
      const ownsService = !!c.authorization && serviceOwners.has(c.authorization.name.toUpperCase()) && c.activeForBeginDialog?.value !== 'OFF';
      const important = usedByEndpoint || ownsService || c.activeForBeginDialog?.value === 'ON';
      const expiry = suggestedExpiry(c.startDate?.value);
      const at = c.insertOptionAt;
      report({
        span: c.name.span,
        severity: important ? 'warning' : 'info',
        message: `Certificate ${c.name.name} has no EXPIRY_DATE, so it expires one year after ${c.startDate ? 'its START_DATE' : 'it is created'}${
          usedByEndpoint ? ` — and the endpoint that uses it stops authenticating that day` : ''
        }. State an EXPIRY_DATE that matches your rotation plan.`,
        fixes:
          at !== undefined
            ? [{ title: `Add EXPIRY_DATE = '${expiry}' (two years; adjust to your rotation plan)`, edits: [{ start: at, end: at, newText: `, EXPIRY_DATE = '${expiry}'` }], isPreferred: true }]
            : undefined,
      });
    }
  },
};
