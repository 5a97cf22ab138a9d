/**
 * endpoint-inbound-setup-incomplete — the inbound steps of seed 001 (in master: login for the peer → user for that
 * login → the peer's certificate FROM FILE, AUTHORIZATION that user → GRANT CONNECT ON ENDPOINT to the login), checked
 * as a chain starting from each imported peer certificate. The message names the missing step.
 */
import type { CertificateStatement, LoginStatement, PermissionStatement, UserStatement } from '../tsql/ast';
import type { AnalyzedDocument } from '../service/documents';
import { databaseOf, keyProtection, sameName } from '../workspace/security';
import type { Workspace } from '../workspace/workspace';
import type { Rule } from './rule';

function findIn<T>(workspace: Workspace, doc: AnalyzedDocument, pick: (d: AnalyzedDocument) => readonly T[], match: (x: T) => boolean): { doc: AnalyzedDocument; item: T } | undefined {
  for (const d of workspace.scope(doc)) {
    const item = pick(d).find(match);
    if (item) return { doc: d, item };
  }
  return undefined;
}

function grantsConnect(g: PermissionStatement, login: string): boolean {
  return g.action === 'grant' && g.securableClass === 'ENDPOINT' && g.permissions.some((p) => p.value === 'CONNECT' || p.value === 'CONTROL' || p.value === 'ALL') && g.principals.some((p) => sameName(p.name, login));
}

export const endpointInboundSetupIncomplete: Rule = {
  id: 'endpoint-inbound-setup-incomplete',
  defaultSeverity: 'warning',
  summary: 'A peer’s certificate is imported for inbound connections, but the login → user → certificate → GRANT CONNECT chain is broken.',
  seed: '001',
  securitySeverity: 3.0,
  check({ document, workspace, report }) {
    const facts = workspace.security(document);
    for (const cert of facts.certificates) {
      // A peer's certificate: imported without a private key, owned by a user, in master.
      if (!cert.name || !cert.authorization || keyProtection(cert) !== 'none' || cert.source === 'generated' || databaseOf(cert) !== 'MASTER') continue;
      const userName = cert.authorization.name;
      const user = findIn<UserStatement>(workspace, document, (d) => workspace.security(d).users, (u) => !!u.name && sameName(u.name.name, userName) && databaseOf(u) === 'MASTER');
      if (!user) {
        report({
          span: cert.authorization.span,
          message: `Certificate ${cert.name.name} is given to user ${userName}, which is never created in master: create the peer's login, then CREATE USER ${userName} FOR LOGIN … in master (seed 001, inbound steps 1–2).`,
        });
        continue;
      }
      const u = user.item;
      if (u.withoutLogin || u.certificate) continue; // Service Broker dialog pattern: not endpoint inbound setup
      // CREATE USER u without FOR LOGIN maps to the login of the same name
      const loginName = u.login?.name ?? userName;
      const loginRef = u.login ?? u.name!;
      const login = findIn<LoginStatement>(workspace, document, (d) => workspace.security(d).logins, (l) => !!l.name && sameName(l.name.name, loginName));
      if (!login) {
        report({
          span: cert.authorization.span,
          message: `User ${userName}, owner of the peer certificate ${cert.name.name}, is for login ${loginName}, which is never created: CREATE LOGIN ${loginName} first (seed 001, inbound step 1).`,
          related: [{ uri: user.doc.uri, span: loginRef.span, message: `user ${userName} for login ${loginName}` }],
        });
        continue;
      }
      const granted = findIn<PermissionStatement>(workspace, document, (d) => workspace.security(d).permissions, (g) => grantsConnect(g, loginName));
      if (granted) continue;
      const endpoints = workspace.scope(document).flatMap((d) => workspace.endpoints(d)).filter((e) => !e.dropped && (e.payload?.value === 'DATABASE_MIRRORING' || e.payload?.value === 'SERVICE_BROKER'));
      const target = endpoints.length === 1 ? endpoints[0].name : undefined;
      report({
        span: cert.name.span,
        message: `Login ${loginName} (the peer behind certificate ${cert.name.name}, through user ${userName}) is never granted CONNECT on ${target ? `endpoint ${target}` : 'the endpoint'}: the peer's connections fail with error 28034. Add GRANT CONNECT ON ENDPOINT::${target ?? '<endpoint>'} TO [${loginName}] (seed 001, inbound step 5).`,
        fixes: target ? [{ title: `Insert GRANT CONNECT ON ENDPOINT::${target} TO [${loginName}]`, edits: [grantEdit(document, cert, target, loginName)], isPreferred: true }] : undefined,
      });
    }
  },
};

function bracket(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** A new statement on its own line right after the certificate statement. */
function grantEdit(doc: AnalyzedDocument, cert: CertificateStatement, endpoint: string, login: string): { start: number; end: number; newText: string } {
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const terminated = doc.text[cert.span.end - 1] === ';';
  return { start: cert.span.end, end: cert.span.end, newText: `${terminated ? '' : ';'}${eol}GRANT CONNECT ON ENDPOINT::${bracket(endpoint)} TO ${bracket(login)};` };
}
