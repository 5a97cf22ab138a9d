/**
 * What a script creates for transport security — master keys, certificates, logins, users, grants — and the lookups
 * rules need. A script is one instance; when it does not hold an object, the other scripts of its folder are searched
 * (setups are often split into 01-master-key.sql, 02-certificate.sql, …).
 */
import type {
  DialogStatement,
  RemoteServiceBindingStatement,
  RouteStatement,
  ServiceStatement,
  AuthorizationStatement,
  CertificateStatement,
  LoginStatement,
  MasterKeyStatement,
  PermissionStatement,
  SqlScript,
  UserStatement,
} from '../tsql/ast';

export interface SecurityFacts {
  readonly masterKeys: readonly MasterKeyStatement[];
  /** CREATE CERTIFICATE */
  readonly certificates: readonly CertificateStatement[];
  /** BACKUP CERTIFICATE */
  readonly backups: readonly CertificateStatement[];
  readonly logins: readonly LoginStatement[];
  readonly users: readonly UserStatement[];
  readonly permissions: readonly PermissionStatement[];
  readonly authorizations: readonly AuthorizationStatement[];
  /** CREATE SERVICE */
  readonly services: readonly ServiceStatement[];
  /** CREATE / ALTER REMOTE SERVICE BINDING, in order */
  readonly bindings: readonly RemoteServiceBindingStatement[];
  readonly routes: readonly RouteStatement[];
  readonly dialogs: readonly DialogStatement[];
}

export function securityFacts(script: SqlScript): SecurityFacts {
  const masterKeys: MasterKeyStatement[] = [];
  const certificates: CertificateStatement[] = [];
  const backups: CertificateStatement[] = [];
  const logins: LoginStatement[] = [];
  const users: UserStatement[] = [];
  const permissions: PermissionStatement[] = [];
  const authorizations: AuthorizationStatement[] = [];
  const services: ServiceStatement[] = [];
  const bindings: RemoteServiceBindingStatement[] = [];
  const routes: RouteStatement[] = [];
  const dialogs: DialogStatement[] = [];
  for (const s of script.statements) {
    switch (s.type) {
      case 'master-key':
        if (s.action === 'create' || s.action === 'restore') masterKeys.push(s);
        break;
      case 'certificate':
        if (s.action === 'create') certificates.push(s);
        else if (s.action === 'backup') backups.push(s);
        break;
      case 'login':
        if (s.action === 'create') logins.push(s);
        break;
      case 'user':
        if (s.action === 'create') users.push(s);
        break;
      case 'permission':
        permissions.push(s);
        break;
      case 'alter-authorization':
        authorizations.push(s);
        break;
      case 'service':
        if (s.action === 'create') services.push(s);
        break;
      case 'remote-service-binding':
        if (s.action !== 'drop') bindings.push(s);
        break;
      case 'route':
        if (s.action === 'create') routes.push(s);
        break;
      case 'dialog':
        dialogs.push(s);
        break;
      default:
        break;
    }
  }
  return { masterKeys, certificates, backups, logins, users, permissions, authorizations, services, bindings, routes, dialogs };
}

export const sameName = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** The database a statement runs in, upper-cased for comparison: scripts without USE run where DBAs run them, in master. */
export function databaseOf(s: { database?: string }): string {
  return (s.database ?? 'MASTER').toUpperCase();
}

/** The database as the user wrote it, for messages. */
export function databaseName(s: { database?: string }): string {
  return s.database ?? 'master';
}

/** Whether a created certificate has a private key, and what protects it. */
export type KeyProtection = 'master-key' | 'password' | 'none';

export function keyProtection(c: CertificateStatement): KeyProtection {
  if (c.source === 'generated') return c.encryptionPassword ? 'password' : 'master-key';
  if (c.privateKey) return c.privateKey.encryptionPassword ? 'password' : 'master-key';
  return 'none';
}
