/**
 * hardcoded-password — a literal password in CREATE/ALTER/OPEN/BACKUP/RESTORE MASTER KEY, CREATE/ALTER/BACKUP CERTIFICATE,
 * CREATE/ALTER LOGIN or a contained user, and in connection strings and driver settings (password, trust-store and
 * key-store passwords, access tokens). Anyone who can read the script (or its history) has the secret. Placeholders
 * are not findings: sqlcmd `$(var)`, `${VAR}`, `<documentation placeholders>`, empty strings. The secret itself never
 * appears in a message or a fix title.
 */
import type { PasswordLiteral, Statement } from '../tsql/ast';
import { isPlaceholderSecret, passwordWeakness } from '../knowledge/passwords';
import { propertySpan } from '../connection-strings/model';
import type { Rule, RuleContext } from './rule';
import { connections } from './connection-helpers';

interface Located {
  readonly password: PasswordLiteral;
  readonly where: string;
  /** the sqlcmd variable a fix substitutes */
  readonly variable: string;
  /** SQL Server checks this password against the Windows password policy */
  readonly policyChecked?: boolean;
}

function passwordsOf(s: Statement): Located[] {
  switch (s.type) {
    case 'master-key':
      return s.passwords.map((password) => ({ password, where: `${s.action.toUpperCase()} MASTER KEY`, policyChecked: password.clause === 'ENCRYPTION BY PASSWORD', variable: s.action === 'backup' || (s.action === 'restore' && password.clause.startsWith('DECRYPTION')) ? 'MasterKeyBackupPassword' : 'MasterKeyPassword' }));
    case 'certificate': {
      const where = `${s.action.toUpperCase()} CERTIFICATE ${s.name?.name ?? ''}`.trim();
      const out: Located[] = [];
      if (s.encryptionPassword) out.push({ password: s.encryptionPassword, where, variable: 'CertificatePassword', policyChecked: true });
      if (s.privateKey?.encryptionPassword) out.push({ password: s.privateKey.encryptionPassword, where, variable: 'PrivateKeyPassword' });
      if (s.privateKey?.decryptionPassword) out.push({ password: s.privateKey.decryptionPassword, where, variable: 'PrivateKeyDecryptionPassword' });
      return out;
    }
    case 'login': {
      const where = `${s.action.toUpperCase()} LOGIN ${s.name?.name ?? ''}`.trim();
      return [s.password, s.oldPassword]
        .filter((p): p is PasswordLiteral => !!p)
        .map((password) => ({ password, where, variable: password === s.oldPassword ? 'OldLoginPassword' : 'LoginPassword', policyChecked: password === s.password && s.checkPolicy?.value !== 'OFF' }));
    }
    case 'user':
      return s.password ? [{ password: s.password, where: `${s.action.toUpperCase()} USER ${s.name?.name ?? ''}`.trim(), variable: 'UserPassword' }] : [];
    default:
      return [];
  }
}

export const hardcodedPassword: Rule = {
  id: 'hardcoded-password',
  defaultSeverity: 'warning',
  summary: 'A literal password in a script or connection string.',
  seed: '001, 002',
  securitySeverity: 7.5,
  check(ctx) {
    const { document, report } = ctx;
    checkConnectionStrings(ctx);
    for (const s of document.sql?.statements ?? []) {
      for (const { password, where, variable, policyChecked } of passwordsOf(s)) {
        if (isPlaceholderSecret(password.value)) continue;
        const weakness = passwordWeakness(password.value);
        report({
          span: password.span,
          message: `${where} has a literal password (${password.clause}): anyone who can read this script or its history has it. Pass it in at run time instead, e.g. sqlcmd -v ${variable}=… with '$(${variable})'.${
            weakness ? ` It is also weak — ${weakness}${policyChecked ? ' — so SQL Server’s password policy check rejects it' : ''}.` : ''
          }`,
          fixes: [{ title: `Replace the literal with the sqlcmd variable $(${variable})`, edits: [{ start: password.span.start, end: password.span.end, newText: `'$(${variable})'` }] }],
        });
      }
    }
  },
};

function checkConnectionStrings(ctx: RuleContext): void {
  for (const { connection: c, driver } of connections(ctx)) {
    for (const p of c.properties) {
      if (!(p.key === 'password' || driver.property(p.name)?.secret) || isPlaceholderSecret(p.value)) continue;
      const weakness = passwordWeakness(p.value);
      ctx.report({
        span: propertySpan(p, 'value'),
        message: `A literal ${p.name} in this ${driver.label} ${c.origin === 'api' ? 'call' : c.origin === 'config' ? 'configuration' : 'connection string'}: anyone who can read the file or its history has it. Read it from the environment or a secret store at run time.${
          weakness ? ` It is also weak — ${weakness}.` : ''
        }`,
      });
    }
  }
}
