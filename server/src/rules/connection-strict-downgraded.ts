/**
 * connection-strict-downgraded — a driver that silently turns Encrypt=strict into something weaker: node-mssql reads
 * connection-string values with `!!value`, so `Encrypt=strict` becomes plain `true` (TDS 7.x), not TDS 8; PHP SQLSRV
 * turns every value but true/1/yes into `no`.
 */
import { effective } from '../connection-strings/model';
import type { Rule } from './rule';
import { connections, findingSpan } from './connection-helpers';

export const connectionStrictDowngraded: Rule = {
  id: 'connection-strict-downgraded',
  defaultSeverity: 'warning',
  summary: 'Encrypt=strict that the driver silently downgrades (node-mssql connection strings, PHP SQLSRV arrays).',
  seed: '002',
  securitySeverity: 4.0,
  check(ctx) {
    for (const { connection: c } of connections(ctx)) {
      if (c.driver !== 'mssql' && c.driver !== 'php') continue;
      const enc = effective(c, 'encrypt');
      if (!enc || enc.value.trim().toLowerCase() !== 'strict') continue;
      ctx.report({
        span: findingSpan(c, enc),
        message:
          c.driver === 'mssql'
            ? `node-mssql reads connection-string values as booleans (\`!!value\`): Encrypt=strict becomes encrypt: true — ordinary TDS 7.x TLS after a clear-text pre-login, not TDS 8 strict. Use a config object with options: { encrypt: 'strict' } to get strict.`
            : `PHP SQLSRV passes Encrypt=yes only for true, 1 or 'yes': 'strict' becomes Encrypt=no — only the login packet is encrypted. Use PDO_SQLSRV (which passes strict through) or Encrypt => true until SQLSRV supports strict.`,
      });
    }
  },
};
