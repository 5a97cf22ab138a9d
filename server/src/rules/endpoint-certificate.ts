/**
 * The certificate behind `AUTHENTICATION = CERTIFICATE c` (seed 001, outbound steps 1–3):
 * - endpoint-certificate-not-found: no CREATE CERTIFICATE c with a private key in this script or its folder (or only
 *   the peer's public copy), or created only after the endpoint;
 * - certificate-not-in-master: c is created in another database — endpoints only look in master;
 * - endpoint-certificate-password-protected: c's private key is protected by a password instead of master's database
 *   master key, so the endpoint cannot use it (error 28055).
 */
import type { AuthMethod, EndpointStatement } from '../tsql/ast';
import { databaseName, databaseOf } from '../workspace/security';
import { endpointCertificate, fileName, where } from './certificate-helpers';
import { endpointStatements } from './endpoint-helpers';
import type { Rule, RuleContext } from './rule';

type CertificateMethod = Extract<AuthMethod, { kind: 'certificate' }>;

function* certificateMethods(ctx: RuleContext): Generator<{ endpoint: EndpointStatement; method: CertificateMethod }> {
  for (const endpoint of endpointStatements(ctx.document)) {
    for (const method of endpoint.authentication?.methods ?? []) if (method.kind === 'certificate') yield { endpoint, method };
  }
}

export const endpointCertificateNotFound: Rule = {
  id: 'endpoint-certificate-not-found',
  defaultSeverity: 'warning',
  summary: 'An endpoint authenticates with a certificate that is not created (with its private key) in its script or folder.',
  seed: '001',
  securitySeverity: 4.0,
  check(ctx) {
    const { document, workspace, report } = ctx;
    for (const { endpoint, method } of certificateMethods(ctx)) {
      const name = method.certificate.name;
      const { usable, publicOnly } = endpointCertificate(workspace, document, name);
      if (usable) {
        if (usable.document === document && usable.statement.span.start > endpoint.span.start) {
          report({
            span: method.certificate.span,
            message: `Certificate ${name} is created only after this endpoint (${where(document, usable.document, usable.statement.span.start)}): run CREATE CERTIFICATE first, or the endpoint statement fails.`,
            related: [{ uri: usable.document.uri, span: usable.statement.name?.span ?? usable.statement.span, message: `certificate ${name} created here` }],
          });
        }
        continue;
      }
      const message = publicOnly.length > 0
        ? `Certificate ${name} is only imported without its private key (${publicOnly.map((c) => fileName(c.document.uri)).join(', ')}): that is a peer's public certificate. An endpoint proves its own identity with a certificate whose private key is on this instance — create one here (CREATE CERTIFICATE ${name} WITH SUBJECT = …) in master.`
        : `Certificate ${name} is not created in this script (or in the setup scripts beside it): the endpoint needs a certificate with a private key in master (CREATE MASTER KEY, then CREATE CERTIFICATE ${name} WITH SUBJECT = …, EXPIRY_DATE = …). If it is created elsewhere, ignore or turn off this rule.`;
      report({
        span: method.certificate.span,
        message,
        related: publicOnly.map((c) => ({ uri: c.document.uri, span: c.statement.name?.span ?? c.statement.span, message: `public-only import of ${name}` })),
      });
    }
  },
};

export const certificateNotInMaster: Rule = {
  id: 'certificate-not-in-master',
  defaultSeverity: 'error',
  summary: 'An endpoint’s certificate is created outside master; endpoints only use certificates in master.',
  seed: '001',
  securitySeverity: 3.0,
  check(ctx) {
    const { document, workspace, report } = ctx;
    const reported = new Set<unknown>();
    for (const { endpoint, method } of certificateMethods(ctx)) {
      const { usable } = endpointCertificate(workspace, document, method.certificate.name);
      if (!usable || databaseOf(usable.statement) === 'MASTER' || reported.has(usable.statement)) continue;
      reported.add(usable.statement);
      const db = databaseName(usable.statement);
      const message = `Certificate ${method.certificate.name}, used by endpoint ${endpoint.name?.name ?? ''}, is created in database ${db}: endpoints are server objects and only find certificates in master. Create it after USE master.`;
      if (usable.document === document) {
        report({ span: usable.statement.name?.span ?? usable.statement.keywordSpan, message, related: [{ uri: document.uri, span: method.span, message: 'used by this endpoint' }] });
      } else {
        report({ span: method.certificate.span, message: `${message} (${where(document, usable.document, usable.statement.span.start)})`, related: [{ uri: usable.document.uri, span: usable.statement.name?.span ?? usable.statement.span, message: `created in ${db}` }] });
      }
    }
  },
};

export const endpointCertificatePasswordProtected: Rule = {
  id: 'endpoint-certificate-password-protected',
  defaultSeverity: 'error',
  summary: 'An endpoint’s certificate has its private key protected by a password instead of the database master key (error 28055).',
  seed: '001',
  securitySeverity: 3.0,
  check(ctx) {
    const { document, workspace, report } = ctx;
    for (const { method } of certificateMethods(ctx)) {
      const { usable } = endpointCertificate(workspace, document, method.certificate.name);
      if (!usable) continue;
      const c = usable.statement;
      const password = c.source === 'generated' ? c.encryptionPassword : c.privateKey?.encryptionPassword;
      if (!password) continue;
      const sameDoc = usable.document === document;
      report({
        span: method.certificate.span,
        message: `Certificate ${method.certificate.name} has its private key encrypted by a password (${where(document, usable.document, password.clauseSpan.start)}), not by master’s database master key: the endpoint cannot open it and fails with error 28055. Create the certificate without ENCRYPTION BY PASSWORD, after CREATE MASTER KEY.`,
        related: [{ uri: usable.document.uri, span: password.clauseSpan, message: 'private key protected by a password here' }],
        fixes:
          sameDoc && c.source === 'generated'
            ? [{ title: 'Protect the private key with the database master key (remove ENCRYPTION BY PASSWORD)', edits: [removalEdit(document.text, password.clauseSpan)] }]
            : undefined,
      });
    }
  },
};

/** Removes a clause and the space before it, e.g. ` ENCRYPTION BY PASSWORD = '…'`. */
function removalEdit(text: string, span: { start: number; end: number }): { start: number; end: number; newText: string } {
  let start = span.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return { start, end: span.end, newText: '' };
}

