/** Finding the certificate an endpoint (or login, or user) names, the way the rules and hovers agree on. */
import type { CertificateStatement } from '../tsql/ast';
import type { AnalyzedDocument } from '../service/documents';
import { databaseOf, keyProtection, sameName } from '../workspace/security';
import type { Workspace } from '../workspace/workspace';

export interface ResolvedCertificate {
  readonly document: AnalyzedDocument;
  readonly statement: CertificateStatement;
}

/** Every CREATE CERTIFICATE `name` in scope, nearest script first. */
export function certificatesNamed(workspace: Workspace, doc: AnalyzedDocument, name: string): ResolvedCertificate[] {
  const out: ResolvedCertificate[] = [];
  for (const d of workspace.scope(doc)) {
    for (const c of workspace.security(d).certificates) if (c.name && sameName(c.name.name, name)) out.push({ document: d, statement: c });
  }
  return out;
}

/**
 * The certificate an endpoint on this instance would use: one with a private key (created here or imported with its
 * key), nearest first. Imports of a peer's public certificate do not qualify.
 */
export function endpointCertificate(workspace: Workspace, doc: AnalyzedDocument, name: string): { usable?: ResolvedCertificate; publicOnly: ResolvedCertificate[] } {
  const all = certificatesNamed(workspace, doc, name);
  const withKey = all.filter((c) => keyProtection(c.statement) !== 'none');
  const usable = withKey.find((c) => databaseOf(c.statement) === 'MASTER') ?? withKey[0];
  return { usable, publicOnly: all.filter((c) => keyProtection(c.statement) === 'none') };
}

export function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export function lineOf(doc: AnalyzedDocument, offset: number): number {
  return doc.lineIndex.positionAt(offset).line + 1;
}

/** "line 12" in the same document, "principal.sql line 12" in another. */
export function where(from: AnalyzedDocument, target: AnalyzedDocument, offset: number): string {
  return target === from ? `line ${lineOf(target, offset)}` : `${fileName(target.uri)} line ${lineOf(target, offset)}`;
}
