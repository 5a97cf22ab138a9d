/**
 * endpoint-duplicate-mirroring — an instance has only one DATABASE_MIRRORING endpoint (mirroring and availability
 * groups share it); creating a second fails. One script (one ```sql fence in Markdown) stands for one instance; a DROP
 * in between is respected.
 */
import type { EndpointStatement } from '../tsql/ast';
import type { Rule } from './rule';

export const endpointDuplicateMirroring: Rule = {
  id: 'endpoint-duplicate-mirroring',
  defaultSeverity: 'error',
  summary: 'A second DATABASE_MIRRORING endpoint for one instance: CREATE ENDPOINT fails.',
  seed: '000',
  securitySeverity: 2.0,
  check({ document, report }) {
    let live: EndpointStatement | undefined;
    const scripts = document.scripts;
    const scriptOf = (offset: number): number => scripts.findIndex((b) => b.start <= offset && offset <= b.end);
    for (const s of document.sql?.statements ?? []) {
      if (s.type !== 'endpoint' || !s.name) continue;
      // each ```sql fence of a Markdown document is its own script
      if (live && scriptOf(live.span.start) !== scriptOf(s.span.start)) live = undefined;
      const sameAsLive = live?.name && live.name.name.toUpperCase() === s.name.name.toUpperCase();
      if (s.action === 'drop') {
        if (sameAsLive) live = undefined;
        continue;
      }
      if (s.action !== 'create' || s.payload?.value !== 'DATABASE_MIRRORING') continue;
      if (live?.name) {
        const what = sameAsLive ? `Endpoint ${s.name.name} is created a second time` : `A second DATABASE_MIRRORING endpoint (${s.name.name})`;
        report({
          span: s.name.span,
          message: `${what}: this instance already has the mirroring endpoint ${live.name.name}, and an instance can have only one — CREATE ENDPOINT fails. ALTER ENDPOINT ${live.name.name} instead, or DROP it first.`,
          related: [{ uri: document.uri, span: live.name.span, message: `mirroring endpoint ${live.name.name} created here` }],
        });
      } else {
        live = s;
      }
    }
  },
};
