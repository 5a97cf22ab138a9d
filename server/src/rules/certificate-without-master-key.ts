/**
 * certificate-without-master-key — CREATE CERTIFICATE whose private key would be protected by the database master
 * key (no ENCRYPTION BY PASSWORD), with no CREATE MASTER KEY for that database earlier in the script or in its folder.
 * SQL Server refuses to create the certificate (seed 001, outbound step 1 comes first).
 */
import { databaseName, databaseOf, keyProtection } from '../workspace/security';
import type { Rule } from './rule';

export const certificateWithoutMasterKey: Rule = {
  id: 'certificate-without-master-key',
  defaultSeverity: 'warning',
  summary: 'A certificate whose private key needs the database master key, with no master key created in that database.',
  seed: '001',
  securitySeverity: 2.0,
  check({ document, workspace, report }) {
    const facts = workspace.security(document);
    for (const c of facts.certificates) {
      if (keyProtection(c) !== 'master-key') continue;
      const db = databaseOf(c);
      const here = facts.masterKeys.some((k) => databaseOf(k) === db && k.span.start < c.span.start);
      const elsewhere = workspace.scope(document).slice(1).some((d) => workspace.security(d).masterKeys.some((k) => databaseOf(k) === db));
      if (here || elsewhere) continue;
      const lineStart = document.text.lastIndexOf('\n', c.span.start - 1) + 1;
      const indent = /^[ \t]*/.exec(document.text.slice(lineStart, c.span.start))?.[0] ?? '';
      const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
      report({
        span: c.name?.span ?? c.keywordSpan,
        message: `Certificate ${c.name?.name ?? ''} keeps its private key under the database master key of ${databaseName(c)}, but no CREATE MASTER KEY for that database comes before it: CREATE CERTIFICATE fails. Create the master key first (seed step 1), with its password passed in at run time.`,
        fixes: [
          {
            title: 'Insert CREATE MASTER KEY before the certificate (password from the sqlcmd variable MasterKeyPassword)',
            edits: [{ start: c.span.start, end: c.span.start, newText: `CREATE MASTER KEY ENCRYPTION BY PASSWORD = '$(MasterKeyPassword)';${eol}${indent}` }],
          },
        ],
      });
    }
  },
};
