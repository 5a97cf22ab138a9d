/**
 * Service principal names as clients may give them (seed 003; domain reference §6): which documented form a value
 * takes. Checked on values of at most 260 characters with anchored, non-nested patterns (no backtracking blow-up).
 */
export const SPN_MAX_LENGTH = 260;

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const FQDN = `${LABEL}(?:\\.${LABEL})*`;

export interface SpnForm {
  readonly form: string;
  readonly meaning: string;
}

const FORMS: readonly { re: RegExp; form: string; meaning: string; jdbcOnly?: boolean }[] = [
  { re: new RegExp(`^MSSQLSvc/${FQDN}:\\d{1,5}@[A-Za-z0-9.-]+$`, 'i'), form: 'MSSQLSvc/fqdn:port@REALM', meaning: 'the TCP SPN with an explicit Kerberos realm (JDBC)', jdbcOnly: true },
  { re: new RegExp(`^MSSQLSvc/${FQDN}:\\d{1,5}$`, 'i'), form: 'MSSQLSvc/fqdn:port', meaning: 'the SPN SQL Server registers for TCP and that TCP clients generate: any instance on that port' },
  { re: new RegExp(`^MSSQLSvc/${FQDN}:[A-Za-z_][A-Za-z0-9_$#]{0,15}$`, 'i'), form: 'MSSQLSvc/fqdn:InstanceName', meaning: 'a named instance over a protocol other than TCP' },
  { re: new RegExp(`^MSSQLSvc/${FQDN}$`, 'i'), form: 'MSSQLSvc/fqdn', meaning: 'the default instance over a protocol other than TCP' },
  { re: new RegExp(`^HOST/${FQDN}$`, 'i'), form: 'HOST/fqdn or HOST/MachineName', meaning: 'the built-in SPN of the computer account, registered by Windows' },
  { re: new RegExp(`^${LABEL}\\$@${FQDN}$`, 'i'), form: 'MachineName$@Domain', meaning: 'the computer account directly — for servers running as Local System or Network Service' },
  { re: new RegExp(`^[A-Za-z0-9._-]{1,104}@${FQDN}$`, 'i'), form: 'Username@Domain', meaning: 'the domain account the server runs under, named directly' },
  { re: new RegExp(`^[A-Za-z0-9]{1,64}/${LABEL}$`, 'i'), form: 'KDCKey/MachineName', meaning: 'a user-defined SPN that must be registered manually in the KDC' },
];

/** The documented form a value takes, or undefined. */
export function spnForm(value: string, jdbc: boolean): SpnForm | undefined {
  const v = value.trim();
  if (v.length === 0 || v.length > SPN_MAX_LENGTH) return undefined;
  for (const f of FORMS) if ((!f.jdbcOnly || jdbc) && f.re.test(v)) return { form: f.form, meaning: f.meaning };
  return undefined;
}

export const SPN_NOTES =
  'A client-specified SPN is used only with Windows integrated security. SPNs are not kept in the failover cache, so they apply to every attempt against the principal and the partner; giving an SPN in some connection strings and not in others fragments the connection pool.';
