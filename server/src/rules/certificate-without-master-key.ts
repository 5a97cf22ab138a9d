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
    // Computed once, not per certificate: per certificate, the scans of every master key, of the other scripts and of
    // the text (for the indentation and the line break) made a script with many certificates quadratic.
    const firstKey = new Map<string, number>();
    for (const k of facts.masterKeys) firstKey.set(databaseOf(k), Math.min(firstKey.get(databaseOf(k)) ?? Infinity, k.span.start));
    const keyedElsewhere = new Set(workspace.scope(document).slice(1).flatMap((d) => workspace.security(d).masterKeys.map((k) => databaseOf(k))));
    let eol: string | undefined;
    const text = document.text;
    for (const c of facts.certificates) {
      if (keyProtection(c) !== 'master-key') continue;
      const db = databaseOf(c);
      const here = (firstKey.get(db) ?? Infinity) < c.span.start;
      const elsewhere = keyedElsewhere.has(db);
      if (here || elsewhere) continue;
      // the indentation of the certificate's line, read from the line's start (found by the document's line index:
      // searching back for the line break is as slow as the line is long)
      const lineStart = document.lineIndex.lineStart(document.lineIndex.positionAt(c.span.start).line);
      let indentEnd = lineStart;
      while (indentEnd < c.span.start && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
      const indent = text.slice(lineStart, indentEnd);
      eol ??= text.includes('\r\n') ? '\r\n' : '\n';
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
