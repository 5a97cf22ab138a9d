/**
 * Literal secrets: what counts as a placeholder rather than a password, and what SQL Server's password policy would
 * call weak (domain reference §3: ≥ 8 characters, 3 of 4 character classes, not a well-known word). Nothing here
 * returns or formats the secret itself.
 */

const PLACEHOLDERS: readonly RegExp[] = [
  /^\$\([A-Za-z_][\w.-]*\)$/, // sqlcmd $(Var) — sqlcmd substitutes inside strings too
  /^\$\{[^}]+\}$/, // ${VAR}, Spring's ${VAR:default}
  /^\$[A-Z_][A-Z0-9_]*$/, // $VAR
  /^%[^%\s]+%$/, // %VAR%
  /^\{\{[^}]+\}\}$/, // {{var}}
  /^#\{[^}]+\}$/, // #{var} (Octopus)
  /^__[A-Za-z0-9_]+__$/, // __TOKEN__ (token replacement)
  /^<[^<>]*>$/, // <strong password>, <password> documentation placeholders
  /^\*+$/, // ****** (already masked)
  /^@[A-Za-z_][\w.]*@$/, // Maven resource filtering @var@
  /^(?:env|secret|vault|keyvault):/i, // indirections some frameworks use
];

export function isPlaceholderSecret(value: string): boolean {
  const v = value.trim();
  return v === '' || PLACEHOLDERS.some((re) => re.test(v));
}

/** Words a policy-checked password must not be (CHECK_POLICY rejects them) or that are documentation favourites. */
const WELL_KNOWN = new Set(['password', 'admin', 'administrator', 'sa', 'sysadmin', 'passw0rd', 'pa$$w0rd', 'p@ssw0rd', 'p@$$w0rd', 'password1', 'password1!', 'password123', 'changeme', 'secret', 'letmein', 'qwerty', '123456', '12345678']);

/** Why a literal password is weak, or undefined when it would pass SQL Server's policy checks. */
export function passwordWeakness(value: string): string | undefined {
  if (WELL_KNOWN.has(value.toLowerCase())) return 'it is a well-known password';
  if (value.length < 8) return 'it is shorter than 8 characters';
  let classes = 0;
  if (/[A-Z]/.test(value)) classes++;
  if (/[a-z]/.test(value)) classes++;
  if (/[0-9]/.test(value)) classes++;
  if (/[^A-Za-z0-9]/.test(value)) classes++;
  if (classes < 3) return 'it uses fewer than 3 of the 4 kinds of characters (upper case, lower case, digits, symbols)';
  return undefined;
}
