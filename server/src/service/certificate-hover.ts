/**
 * The hover card of a certificate name: where it is created or imported, what protects its private key, its dates,
 * its backups, and what uses it — across the workspace, this script's instance first.
 */
import type { CertificateStatement } from '../tsql/ast';
import { keyProtection, sameName } from '../workspace/security';
import type { Workspace } from '../workspace/workspace';
import type { AnalyzedDocument } from './documents';

function place(from: AnalyzedDocument, doc: AnalyzedDocument, offset: number): string {
  const line = doc.lineIndex.positionAt(offset).line + 1;
  return doc === from ? `line ${line}` : `${doc.uri.slice(doc.uri.lastIndexOf('/') + 1)} line ${line}`;
}

function origin(c: CertificateStatement): string {
  const protection = keyProtection(c);
  const key = protection === 'master-key' ? 'private key protected by the database master key' : protection === 'password' ? 'private key protected by a **password** (endpoints cannot use it: error 28055)' : 'public key only';
  const how = c.source === 'generated' ? 'created by SQL Server' : `imported from ${c.source === 'file' || c.source === 'executable' ? `file${c.file ? ` '${c.file.value}'` : ''}` : c.source}`;
  return `${how}, ${key}, in ${c.database ? c.database.toLowerCase() === 'master' ? 'master' : c.database : 'master (no USE)'}${c.authorization ? `, owned by user ${c.authorization.name}` : ''}`;
}

function dates(c: CertificateStatement): string {
  if (c.source !== 'generated') return 'carried by the imported certificate';
  const start = c.startDate ? `from ${c.startDate.value}` : 'from creation';
  const end = c.expiryDate ? `until ${c.expiryDate.value}` : '**one year** (no EXPIRY_DATE)';
  return `${start} ${end}`;
}

export function certificateCard(workspace: Workspace, from: AnalyzedDocument, name: string): string {
  const created: string[] = [];
  const backups: string[] = [];
  const users: string[] = [];
  const scope = new Set(workspace.scope(from));
  const docs = [...workspace.scope(from), ...[...workspace.all()].filter((d) => !scope.has(d))];
  for (const d of docs) {
    const facts = workspace.security(d);
    for (const c of facts.certificates) {
      if (!c.name || !sameName(c.name.name, name)) continue;
      created.push(`- ${place(from, d, c.span.start)}${scope.has(d) ? '' : ' (another instance)'}: ${origin(c)}; valid ${dates(c)}${c.activeForBeginDialog ? `; ACTIVE FOR BEGIN_DIALOG = ${c.activeForBeginDialog.value}` : ''}`);
    }
    for (const b of facts.backups) {
      if (!b.name || !sameName(b.name.name, name)) continue;
      backups.push(`- ${place(from, d, b.span.start)}: ${b.privateKey ? `**with the private key**${b.privateKey.file ? ` to '${b.privateKey.file.value}'` : ''}` : 'public certificate only'}${b.file ? ` → '${b.file.value}'` : ''}`);
    }
    for (const e of workspace.endpoints(d)) {
      if (e.authentication?.methods.some((m) => m.kind === 'certificate' && sameName(m.certificate.name, name))) users.push(`- endpoint ${e.name} (${place(from, d, e.statements[0].span.start)})`);
    }
    for (const l of facts.logins) if (l.certificate && sameName(l.certificate.name, name)) users.push(`- login ${l.name?.name ?? ''} FROM CERTIFICATE (${place(from, d, l.span.start)})`);
    for (const u of facts.users) if (u.certificate && sameName(u.certificate.name, name)) users.push(`- user ${u.name?.name ?? ''} FOR CERTIFICATE (${place(from, d, u.span.start)})`);
  }
  const lines = [`**Certificate ${name}**`, ''];
  lines.push(created.length > 0 ? '**Created / imported**' : '**Not created in the workspace**', ...created, '');
  lines.push(backups.length > 0 ? '**Backed up**' : '**Never backed up** in the workspace', ...backups, '');
  if (users.length > 0) lines.push('**Used by**', ...users);
  return lines.join('\n').trim();
}
