/**
 * Kerberos SPNs in connection strings (seed 003):
 * - spn-invalid: not one of the documented forms (MSSQLSvc/fqdn[:port|:instance], HOST/…, user@domain, machine$@domain,
 *   KDCKey/machine; JDBC also MSSQLSvc/fqdn:port@REALM);
 * - spn-too-long: more than 260 characters;
 * - spn-without-integrated-security: an SPN with SQL authentication — it is only used with Windows integrated security;
 * - spn-failover-without-partner: FailoverPartnerSPN with no failover partner.
 */
import { effective, type ConnectionString } from '../connection-strings/model';
import { isPlaceholderSecret } from '../knowledge/passwords';
import { SPN_MAX_LENGTH, spnForm } from '../knowledge/spn';
import type { Rule } from './rule';
import { connections, findingSpan, type Checked } from './connection-helpers';

function spns(c: ConnectionString) {
  return c.properties.filter((p) => (p.key === 'serverspn' || p.key === 'failoverpartnerspn') && p.value.trim() !== '' && !isPlaceholderSecret(p.value));
}

function integrated(x: Checked): boolean | undefined {
  const c = x.connection;
  const flag = effective(c, 'integratedsecurity');
  if (flag) return /^(true|yes|sspi)$/i.test(flag.value.trim());
  const scheme = effective(c, 'authenticationscheme');
  if (scheme && /kerberos/i.test(scheme.value)) return true;
  const auth = effective(c, 'authentication');
  if (auth && /integrated/i.test(auth.value)) return true;
  if (c.driver === 'go-mssqldb' && effective(c, 'authenticator')) return true;
  if (effective(c, 'user') || effective(c, 'password')) return false;
  return undefined;
}

export const spnInvalid: Rule = {
  id: 'spn-invalid',
  defaultSeverity: 'warning',
  summary: 'An SPN that is not in one of the documented forms.',
  seed: '003',
  securitySeverity: 3.0,
  check(ctx) {
    for (const { connection: c } of connections(ctx)) {
      for (const p of spns(c)) {
        if (p.value.length > SPN_MAX_LENGTH || spnForm(p.value, c.driver === 'jdbc')) continue;
        ctx.report({
          span: findingSpan(c, p),
          message: `${p.name} '${p.value.slice(0, 80)}' is not a documented SPN form: expected MSSQLSvc/fqdn:port (what TCP clients use), MSSQLSvc/fqdn:InstanceName, MSSQLSvc/fqdn, HOST/fqdn, Username@Domain, MachineName$@Domain or KDCKey/MachineName${c.driver === 'jdbc' ? ' (JDBC also MSSQLSvc/fqdn:port@REALM)' : ''}. With a wrong SPN Kerberos fails, and the connection falls back to NTLM or is refused.`,
        });
      }
    }
  },
};

export const spnTooLong: Rule = {
  id: 'spn-too-long',
  defaultSeverity: 'error',
  summary: 'An SPN longer than 260 characters.',
  seed: '003',
  securitySeverity: 2.0,
  check(ctx) {
    for (const { connection: c } of connections(ctx)) {
      for (const p of spns(c)) {
        if (p.value.length <= SPN_MAX_LENGTH) continue;
        ctx.report({ span: findingSpan(c, p), message: `${p.name} is ${p.value.length} characters long; an SPN may have at most ${SPN_MAX_LENGTH}.` });
      }
    }
  },
};

export const spnWithoutIntegratedSecurity: Rule = {
  id: 'spn-without-integrated-security',
  defaultSeverity: 'warning',
  summary: 'An SPN with SQL authentication: SPNs are used only with Windows integrated security.',
  seed: '003',
  securitySeverity: 2.0,
  check(ctx) {
    for (const x of connections(ctx)) {
      const list = spns(x.connection);
      if (list.length === 0 || integrated(x) !== false) continue;
      for (const p of list) {
        ctx.report({
          span: findingSpan(x.connection, p),
          message: `${p.name} has no effect here: the connection uses SQL authentication (user and password), and a client-specified SPN is only used with Windows integrated security. Remove it, or switch to integrated security to get Kerberos mutual authentication.`,
        });
      }
    }
  },
};

export const spnFailoverWithoutPartner: Rule = {
  id: 'spn-failover-without-partner',
  defaultSeverity: 'warning',
  summary: 'FailoverPartnerSPN with no failover partner.',
  seed: '003',
  securitySeverity: 1.0,
  check(ctx) {
    for (const { connection: c } of connections(ctx)) {
      const spn = effective(c, 'failoverpartnerspn');
      if (!spn || spn.value.trim() === '' || effective(c, 'failoverpartner')) continue;
      ctx.report({
        span: findingSpan(c, spn),
        message: `${spn.name} is set but the string names no failover partner (Failover Partner): the SPN is never used. Add the partner, or remove the SPN.`,
      });
    }
  },
};
