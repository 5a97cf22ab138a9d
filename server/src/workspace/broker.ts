/** Service Broker lookups shared by rules and hovers. */
import type { RemoteServiceBindingStatement } from '../tsql/ast';
import type { AnalyzedDocument } from '../service/documents';
import { databaseOf, sameName } from './security';
import type { Workspace } from './workspace';

/** Remote service bindings for a target service (compared byte by byte, as Service Broker does) in a database. */
export function bindingsFor(workspace: Workspace, service: string, database: string): { doc: AnalyzedDocument; binding: RemoteServiceBindingStatement }[] {
  const out: { doc: AnalyzedDocument; binding: RemoteServiceBindingStatement }[] = [];
  for (const d of workspace.all()) {
    for (const b of workspace.security(d).bindings) if (b.toService?.value === service && databaseOf(b) === database) out.push({ doc: d, binding: b });
  }
  return out;
}

/** The effective ANONYMOUS of a binding (CREATE then ALTERs by name; default OFF). */
export function bindingIsAnonymous(workspace: Workspace, binding: RemoteServiceBindingStatement): boolean {
  let anonymous = binding.anonymous?.value === 'ON';
  if (!binding.name) return anonymous;
  for (const d of workspace.all()) {
    for (const b of workspace.security(d).bindings) {
      if (b.action === 'alter' && b.name && sameName(b.name.name, binding.name.name) && b.anonymous) anonymous = b.anonymous.value === 'ON';
    }
  }
  return anonymous;
}
