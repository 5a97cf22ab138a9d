/**
 * Hovers on connection strings: each property's meaning, values and default for the assumed driver version, and on
 * the string itself the "effective transport security" card — the row of the driver's behaviour table that applies.
 */
import type { Span } from '../core/types';
import { sourceSpan } from '../connection-strings/decoded';
import { connectionSpan, propertySpan, type ConnectionString } from '../connection-strings/model';
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
    const version = driverVersion(config.drivers, c.driver);
    for (const p of c.properties) {
      const name = propertySpan(p, 'name');
      const value = propertySpan(p, 'value');
      if (!inside(name, offset) && !inside(value, offset)) continue;
      const info = driver.property(p.name);
      const lines = [`**${info?.name ?? p.name}** — ${driver.label} ${version}`, ''];
      if (!info) lines.push(`Not a property of this driver: it ignores unknown keywords, so this setting has no effect.`);
      else {
        if (info.description) lines.push(info.description, '');
        if (info.values) lines.push(`Values: ${info.values}`);
        if (info.name === 'encrypt') lines.push(`Default for driver ${version}: **${driver.defaultEncrypt(version) === 'on' ? 'true' : 'false'}** (true from ${driver.encryptDefaultSince})`);
        else if (info.defaultValue) lines.push(`Default: ${info.defaultValue}`);
        if (info.secret) lines.push('', 'This property holds a secret; its value is never shown.');
      }
      return { span: inside(name, offset) ? name : value, markdown: lines.join('\n').trim() };
    }
    const head = c.origin === 'string' ? sourceSpan(c.carrier, c.range.start, Math.min(c.range.end, c.range.start + 'jdbc:sqlserver://'.length + (c.server?.name.length ?? 0))) : undefined;
    if (head && inside(head, offset)) return { span: connectionSpan(c), markdown: transportCard(c, version) };
  }
  return undefined;
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
