/**
 * endpoint-syntax — what SQL Server would reject in CREATE/ALTER/DROP ENDPOINT: unknown options or values, ALGORITHM
 * after DISABLED, a repeated algorithm, a port outside 1024–32767, ROLE missing, an option of the other payload type.
 * The parser produces the problems; this rule publishes them.
 */
import type { Rule } from './rule';

export const endpointSyntax: Rule = {
  id: 'endpoint-syntax',
  defaultSeverity: 'error',
  summary: 'Invalid endpoint syntax that SQL Server would reject.',
  seed: '000',
  securitySeverity: 5.0,
  check({ document, report }) {
    for (const problem of document.sql?.problems ?? []) report({ span: problem.span, message: problem.message });
  },
};
