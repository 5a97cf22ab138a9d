/**
 * The transport security report: every endpoint with its effective settings, its peers and the negotiated outcome,
 * and every connection string with its effective security — as Markdown tables, from the same core as the hovers.
 */
import { connectionSpan, effective } from '../connection-strings/model';
import { driverVersion } from '../knowledge/driver-versions';
import { driverInfo } from '../knowledge/drivers';
import { describeAuth, negotiateBothWays, transportSettings } from '../knowledge/endpoint-semantics';
import type { Workspace } from '../workspace/workspace';
import type { AnalysisConfig } from './config';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function relative(uri: string, root: string | undefined): string {
  const path = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  const base = root ? decodeURIComponent(root.replace(/^file:\/\//, '')).replace(/\/?$/, '/') : '';
  return base && path.startsWith(base) ? path.slice(base.length) : path;
}

export function transportReport(workspace: Workspace, config: AnalysisConfig, root?: string): string {
  const lines: string[] = ['# Transport security report', '', `SQL Server ${config.sqlServerVersion} (target version) · ${[...workspace.all()].length} files analysed`, ''];
  const docs = [...workspace.all()].sort((a, b) => a.uri.localeCompare(b.uri));

  lines.push('## Endpoints', '');
  const endpoints = docs.flatMap((d) => workspace.endpoints(d).filter((e) => !e.dropped).map((e) => ({ d, e })));
  if (endpoints.length === 0) lines.push('No CREATE/ALTER ENDPOINT in the workspace.', '');
  else {
    lines.push('| Endpoint | File | Kind | Authentication | Encryption | Peers and handshake |', '|---|---|---|---|---|---|');
    for (const { d, e } of endpoints) {
      const settings = transportSettings(e, config.sqlServerVersion);
      const enc = settings.encryption === 'DISABLED' ? 'DISABLED (clear text)' : `${settings.encryption}, ${settings.algorithms.join(' then ')}`;
      const peers = workspace.peersOf(e).map((p) => {
        const { xToY, yToX } = negotiateBothWays(settings, transportSettings(p, config.sqlServerVersion));
        const worst = !xToY.ok ? xToY : !yToX.ok ? yToX : xToY;
        const what = !worst.ok ? `**fails**: ${worst.reason}` : worst.encrypted ? `encrypted with ${worst.algorithm}` : '**clear text**';
        return `${p.name} (${relative(p.uri, root)}): ${what}`;
      });
      lines.push(`| ${cell(e.name)} | ${cell(relative(d.uri, root))} | ${e.payload?.value ?? '?'} | ${cell(describeAuth(settings.auth))} | ${cell(enc)} | ${cell(peers.join('; ') || '—')} |`);
    }
    lines.push('');
  }

  lines.push('## Connection strings and driver settings', '');
  const connections = docs.flatMap((d) => workspace.connections(d).map((c) => ({ d, c })));
  if (connections.length === 0) lines.push('No connection strings in the workspace.', '');
  else {
    lines.push('| File | Line | Driver | Encryption | Certificate |', '|---|---|---|---|---|');
    for (const { d, c } of connections) {
      const info = driverInfo(c.driver);
      if (!info) continue;
      const version = c.driverVersion ?? driverVersion(config.drivers, c.driver);
      const enc = effective(c, 'encrypt');
      const mode = (enc ? info.encryptMode(enc.value) : undefined) ?? info.defaultEncrypt(version);
      const tsc = effective(c, 'trustservercertificate');
      const trust = tsc ? info.isTrue(tsc.value) : info.defaultTrust(!!enc);
      const tls = { none: '**none**', off: '**login packet only**', on: 'whole session', strict: 'whole session, TDS 8 strict' }[mode];
      const cert = mode === 'none' ? '—' : mode === 'off' ? '**not validated**' : mode !== 'strict' && trust ? '**not validated** (trusted blindly)' : 'validated';
      const line = d.lineIndex.positionAt(connectionSpan(c).start).line + 1;
      lines.push(`| ${cell(relative(d.uri, root))} | ${line} | ${info.label} ${version} | ${tls} | ${cert} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
