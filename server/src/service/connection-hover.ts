/**
 * Hovers on connection strings: each property's meaning, values and default for the assumed driver version, and on
 * the string itself the "effective transport security" card — the row of the driver's behaviour table that applies.
 */
import type { Span } from '../core/types';
import { sourceSpan } from '../connection-strings/decoded';
import { connectionSpan, effective, propertySpan, type ConnectionString } from '../connection-strings/model';
import { SPN_NOTES, spnForm } from '../knowledge/spn';
import { driverVersion } from '../knowledge/driver-versions';
import { driverInfo } from '../knowledge/drivers';
import { jdbcTransport } from '../knowledge/jdbc-semantics';
import type { Workspace } from '../workspace/workspace';
import type { AnalysisConfig } from './config';
import type { AnalyzedDocument } from './documents';

const inside = (s: Span, offset: number): boolean => s.start <= offset && offset < s.end;

export function connectionHover(doc: AnalyzedDocument, workspace: Workspace, config: AnalysisConfig, offset: number): { span: Span; markdown: string } | undefined {
  for (const c of workspace.connections(doc)) {
    const driver = driverInfo(c.driver);
    if (!driver) continue;
    const version = c.driverVersion ?? driverVersion(config.drivers, c.driver);
    for (const p of c.properties) {
      const name = propertySpan(p, 'name');
      const value = propertySpan(p, 'value');
      if (!inside(name, offset) && !inside(value, offset)) continue;
      const info = driver.property(p.name);
      const lines = [`**${info?.name ?? p.name}** — ${driver.label} ${version}`, ''];
      if (!info) lines.push(driver.unknownKeywords === 'error' ? 'Not a keyword of this driver: it refuses the connection string.' : 'Not a keyword of this driver: it ignores unknown keywords, so this setting has no effect.');
      else {
        if (info.description) lines.push(info.description, '');
        if (info.values) lines.push(`Values: ${info.values}`);
        if (info.name === 'encrypt') lines.push(`Default for driver ${version}: **${driver.defaultEncrypt(version) === 'on' ? 'true' : 'false'}** (true from ${driver.encryptDefaultSince})`);
        else if (info.defaultValue) lines.push(`Default: ${info.defaultValue}`);
        if (info.secret) lines.push('', 'This property holds a secret; its value is never shown.');
        if (p.key === 'serverspn' || p.key === 'failoverpartnerspn') {
          const form = spnForm(p.value, c.driver === 'jdbc');
          lines.push('', form ? `Form **${form.form}**: ${form.meaning}; the KDC looks up the account that registered it.` : 'Not one of the documented SPN forms.', '', SPN_NOTES);
        }
      }
      // the string's first keyword, its server and its encrypt setting also show the effective transport security
      if (c.origin === 'string' && (p === c.properties[0] || p.key === 'servername' || p.key === 'encrypt')) {
        lines.push('', '---', '', c.driver === 'jdbc' ? transportCard(c, version) : genericCard(c, version));
      }
      return { span: inside(name, offset) ? name : value, markdown: lines.join('\n').trim() };
    }
    // the card shows on the start of the string: its scheme or first keyword, and the server name
    const headEnd = c.driver === 'jdbc' ? c.range.start + 'jdbc:sqlserver://'.length + (c.server?.name.length ?? 0) : Math.max(c.properties[0]?.nameRange.end ?? c.range.start, c.server?.range.end ?? 0);
    const head = c.origin === 'string' ? sourceSpan(c.carrier, c.range.start, Math.min(c.range.end, Math.max(headEnd, c.range.start + 1))) : undefined;
    if (head && inside(head, offset)) return { span: connectionSpan(c), markdown: c.driver === 'jdbc' ? transportCard(c, version) : genericCard(c, version) };
  }
  return undefined;
}

/** The effective transport security of a connection for drivers other than JDBC. */
function genericCard(c: ConnectionString, version: string): string {
  const driver = driverInfo(c.driver)!;
  const enc = effective(c, 'encrypt');
  const mode = (enc ? driver.encryptMode(enc.value) : undefined) ?? driver.defaultEncrypt(version);
  const tsc = effective(c, 'trustservercertificate');
  const trust = tsc ? driver.isTrue(tsc.value) : driver.defaultTrust(!!enc);
  const host = effective(c, 'hostnameincertificate')?.value;
  const pinned = effective(c, 'servercertificate')?.value;
  const tls = {
    none: 'no TLS at all: the login, password included, and all data travel in clear text',
    off: 'TLS for the login packet only (the whole session only if the server forces encryption)',
    on: 'the whole session is encrypted',
    strict: 'TDS 8.0 strict: TLS before anything else, the whole session encrypted',
  }[mode];
  const validation =
    mode === 'none' ? 'no certificate at all' : mode === 'off' ? 'the certificate is **not validated**' : mode !== 'strict' && trust ? '**not validated** (TrustServerCertificate)' : `validated${pinned && mode === 'strict' ? ` against the pinned certificate '${pinned}'` : host ? ` against '${host}' (HostNameInCertificate)` : c.server ? ` against '${c.server.name}'` : ''}`;
  return [
    `**Effective transport security** — ${driver.label} ${c.driverVersion ?? version}${c.driverVersion ? ' (from the string)' : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| Encryption | ${tls}${enc ? '' : ' (driver default)'} |`,
    `| Certificate | ${validation} |`,
    `| TDS 8 strict | ${mode === 'strict' ? 'yes' : 'no'} |`,
  ].join('\n');
}

export function transportCard(c: ConnectionString, version: string): string {
  const card = jdbcTransport(c, version);
  return [
    `**Effective transport security** — Microsoft JDBC Driver ${version}`,
    '',
    '| | |',
    '|---|---|',
    `| Encryption | ${card.tls} |`,
    `| Certificate | ${card.validation} |`,
    `| TDS 8 strict | ${card.strict ? 'yes' : 'no'} |`,
    '',
    `Row ${card.row} of the driver's encryption behaviour table (encrypt / trustServerCertificate / hostNameInCertificate / trustStore / trustStorePassword / serverCertificate).`,
  ].join('\n');
}
