/**
 * endpoint-connect-granted-to-public — GRANT CONNECT ON ENDPOINT::… TO public lets every login connect to the
 * endpoint; the seed grants CONNECT to the one login mapped to each peer.
 */
import type { EndpointEntity } from '../workspace/endpoints';
import type { Rule } from './rule';

export const endpointConnectGrantedToPublic: Rule = {
  id: 'endpoint-connect-granted-to-public',
  defaultSeverity: 'warning',
  summary: 'CONNECT on an endpoint granted to public: every login may connect.',
  seed: '001',
  securitySeverity: 6.0,
  check({ document, workspace, report }) {
    // the endpoints in scope by name, collected once (searching them for every grant was quadratic); the first wins
    let byName: Map<string, EndpointEntity> | undefined;
    for (const g of workspace.security(document).permissions) {
      if (g.action !== 'grant' || g.securableClass !== 'ENDPOINT') continue;
      if (!g.permissions.some((p) => p.value === 'CONNECT' || p.value === 'CONTROL' || p.value === 'ALL')) continue;
      if (!byName) {
        byName = new Map();
        for (const e of workspace.scope(document).flatMap((d) => workspace.endpoints(d))) if (!byName.has(e.name.toUpperCase())) byName.set(e.name.toUpperCase(), e);
      }
      // T-SQL endpoints (client connections) grant CONNECT to public by default: not a transport-peer question
      const entity = byName.get(g.securable.name.toUpperCase());
      if (entity?.payload?.value === 'TSQL' || /^TSQL /i.test(g.securable.name)) continue;
      for (const principal of g.principals) {
        if (principal.name.toUpperCase() !== 'PUBLIC') continue;
        report({
          span: principal.span,
          message: `CONNECT on endpoint ${g.securable.name} is granted to public: every login on this instance — not only the peers — may open connections to it. Grant CONNECT to the login mapped to each peer instead (its Windows service account, or the login behind the peer's certificate).`,
        });
      }
    }
  },
};
