/** Service Broker lookups shared by rules and hovers. */
import type { RemoteServiceBindingStatement } from '../tsql/ast';
import type { AnalyzedDocument } from '../service/documents';
import { databaseOf, sameName } from './security';
import type { Workspace } from './workspace';

/** Remote service bindings for a target service (compared byte by byte, as Service Broker does) in a database. */
export function bindingsFor(workspace: Workspace, from: AnalyzedDocument, service: string, database: string): { doc: AnalyzedDocument; binding: RemoteServiceBindingStatement }[] {
  const out: { doc: AnalyzedDocument; binding: RemoteServiceBindingStatement }[] = [];
  for (const d of workspace.scope(from)) {
    for (const b of workspace.security(d).bindings) if (b.toService?.value === service && databaseOf(b) === database) out.push({ doc: d, binding: b });
  }
  return out;
}

/** The effective ANONYMOUS of a binding (CREATE then ALTERs by name; default OFF). */
export function bindingIsAnonymous(workspace: Workspace, from: AnalyzedDocument, binding: RemoteServiceBindingStatement): boolean {
  let anonymous = binding.anonymous?.value === 'ON';
  if (!binding.name) return anonymous;
  for (const d of workspace.scope(from)) {
    for (const b of workspace.security(d).bindings) {
      if (b.action === 'alter' && b.name && sameName(b.name.name, binding.name.name) && b.anonymous) anonymous = b.anonymous.value === 'ON';
    }
  }
  return anonymous;
}

/**
 * The certificates a user owns in a database, across the instance's scripts: CREATE CERTIFICATE … AUTHORIZATION, then
 * ALTER AUTHORIZATION ON CERTIFICATE:: (which may move ownership away); no AUTHORIZATION means dbo. ALTER CERTIFICATE
 * … ACTIVE FOR BEGIN_DIALOG updates the flag.
 */
export function certificatesOwnedBy(workspace: Workspace, from: AnalyzedDocument, user: string, database: string): { name: string; activeForBeginDialog: boolean }[] {
  return certificateOwners(workspace, from, database)
    .filter((c) => sameName(c.owner, user))
    .map(({ name, activeForBeginDialog }) => ({ name, activeForBeginDialog }));
}

/** Every certificate of a database with its owner (see certificatesOwnedBy): one pass for callers that ask for many users. */
export function certificateOwners(workspace: Workspace, from: AnalyzedDocument, database: string): { name: string; owner: string; activeForBeginDialog: boolean }[] {
  const owner = new Map<string, string>();
  const active = new Map<string, boolean>();
  for (const d of workspace.scope(from)) {
    for (const s of d.sql?.statements ?? []) {
      if (s.type === 'certificate' && s.name && databaseOf(s) === database) {
        const key = s.name.name.toUpperCase();
        if (s.action === 'create') {
          owner.set(key, s.authorization?.name ?? 'dbo');
          active.set(key, s.activeForBeginDialog?.value !== 'OFF');
        } else if (s.action === 'alter' && s.activeForBeginDialog) {
          active.set(key, s.activeForBeginDialog.value === 'ON');
        } else if (s.action === 'drop') {
          owner.delete(key);
        }
      } else if (s.type === 'alter-authorization' && s.securableClass === 'CERTIFICATE' && databaseOf(s) === database) {
        owner.set(s.securable.name.toUpperCase(), s.principal.name);
      }
    }
  }
  return [...owner].map(([name, o]) => ({ name, owner: o, activeForBeginDialog: active.get(name) ?? true }));
}
