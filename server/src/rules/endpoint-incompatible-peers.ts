/**
 * endpoint-incompatible-peers — two endpoints that are peers (scripts of one folder, or linked by a SET PARTNER /
 * SET WITNESS / ENDPOINT_URL address; see Workspace.peersOf) and cannot complete a handshake: encryption DISABLED vs REQUIRED, no common
 * algorithm, NTLM-only vs KERBEROS-only, certificate-only vs Windows-only. Both directions are checked, since either
 * partner may open the connection.
 */
import type { Span } from '../core/types';
import { negotiateBothWays, transportSettings, type HandshakeOutcome } from '../knowledge/endpoint-semantics';
import type { EndpointEntity } from '../workspace/endpoints';
import type { Rule } from './rule';

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function spanFor(e: EndpointEntity, failure: HandshakeOutcome['failure']): Span | undefined {
  const name = e.statements[e.statements.length - 1]?.name?.span;
  if (failure === 'encryption') return e.encryption?.mode.span ?? name;
  if (failure === 'algorithm') return e.encryption?.algorithm?.span ?? e.encryption?.mode.span ?? name;
  return e.authentication?.optionSpan ?? name;
}

export const endpointIncompatiblePeers: Rule = {
  id: 'endpoint-incompatible-peers',
  defaultSeverity: 'error',
  summary: 'Peer endpoints whose encryption, algorithms or authentication cannot agree: the handshake fails.',
  seed: '000',
  securitySeverity: 5.0,
  check({ document, workspace, config, report }) {
    for (const e of workspace.endpoints(document)) {
      if (e.dropped) continue;
      const mine = transportSettings(e, config.sqlServerVersion);
      // One finding per place and reason, naming every peer it concerns (a mirror can fail with principal and witness).
      const groups = new Map<string, { span: Span; reason: string; peers: EndpointEntity[]; failure: HandshakeOutcome['failure'] }>();
      for (const peer of workspace.peersOf(e)) {
        const { xToY, yToX } = negotiateBothWays(mine, transportSettings(peer, config.sqlServerVersion));
        const failed = !xToY.ok ? xToY : !yToX.ok ? yToX : undefined;
        if (!failed) continue;
        const span = spanFor(e, failed.failure);
        if (!span) continue;
        const key = `${span.start}:${span.end}:${failed.reason}`;
        const group = groups.get(key) ?? { span, reason: failed.reason, peers: [], failure: failed.failure };
        group.peers.push(peer);
        groups.set(key, group);
      }
      for (const g of groups.values()) {
        const names = g.peers.map((p) => `${p.name} (${fileName(p.uri)})`);
        const which = names.length === 1 ? `its peer ${names[0]}` : `its peers ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
        report({
          span: g.span,
          message: `Endpoint ${e.name} cannot connect with ${which}: ${g.reason}`,
          related: g.peers.flatMap((p) => {
            const name = p.statements[p.statements.length - 1]?.name;
            return name ? [{ uri: p.uri, span: spanFor(p, g.failure) ?? name.span, message: `peer endpoint ${p.name}` }] : [];
          }),
        });
      }
    }
  },
};
