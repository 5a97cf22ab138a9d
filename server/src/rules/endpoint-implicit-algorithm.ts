/**
 * endpoint-implicit-algorithm — encryption SUPPORTED/REQUIRED (written, or the REQUIRED default of a new endpoint)
 * without ALGORITHM. The default is RC4 on SQL Server 2014 and earlier and AES from 2016, so the same script is weak on
 * an old server: a warning when the target version is ≤ 2014, a hint otherwise.
 */
import { defaultsToRc4 } from '../core/types';
import type { Rule } from './rule';
import { appendOptionEdit, endpointLabel, endpointStatements } from './endpoint-helpers';

export const endpointImplicitAlgorithm: Rule = {
  id: 'endpoint-implicit-algorithm',
  defaultSeverity: 'hint',
  summary: 'Endpoint encryption without an explicit ALGORITHM: RC4 on SQL Server 2014 and earlier, AES from 2016.',
  seed: '000',
  securitySeverity: 4.0,
  check({ document, config, report }) {
    const version = config.sqlServerVersion;
    const old = defaultsToRc4(version);
    const severity = old ? 'warning' : 'hint';
    const consequence = old
      ? `on SQL Server ${version} (the target version) that means RC4, a weak, deprecated algorithm`
      : `that means AES on SQL Server ${version}, but RC4 if the script runs on SQL Server 2014 or earlier`;
    for (const s of endpointStatements(document)) {
      const payload = s.payload?.value;
      const enc = s.encryption;
      if (enc) {
        if (enc.mode.value === 'DISABLED' || enc.algorithmKeyword) continue; // an invalid ALGORITHM is endpoint-syntax's
        report({
          span: enc.mode.span,
          severity,
          message: `${endpointLabel(s)}: ENCRYPTION = ${enc.mode.value} without ALGORITHM uses the version’s default algorithm — ${consequence}. State ALGORITHM AES.`,
          fixes: [{ title: 'Add ALGORITHM AES', edits: [{ start: enc.mode.span.end, end: enc.mode.span.end, newText: ' ALGORITHM AES' }], isPreferred: true }],
        });
      } else if (s.action === 'create' && (payload === 'DATABASE_MIRRORING' || payload === 'SERVICE_BROKER') && s.payload) {
        const edit = appendOptionEdit(s, document.text, 'ENCRYPTION = REQUIRED ALGORITHM AES');
        report({
          span: s.payload.span,
          severity,
          message: `${endpointLabel(s)} has no ENCRYPTION option, so it gets REQUIRED with the version’s default algorithm — ${consequence}. State ENCRYPTION = REQUIRED ALGORITHM AES.`,
          fixes: edit ? [{ title: 'Add ENCRYPTION = REQUIRED ALGORITHM AES', edits: [edit], isPreferred: true }] : undefined,
        });
      }
    }
  },
};
