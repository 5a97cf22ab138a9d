/**
 * certificate-private-key-export — BACKUP CERTIFICATE … WITH PRIVATE KEY writes the private key to a file. Peers need
 * only the public certificate (seed 001, outbound step 4); a copied private key lets anyone holding the file
 * impersonate this instance.
 */
import type { Rule } from './rule';

export const certificatePrivateKeyExport: Rule = {
  id: 'certificate-private-key-export',
  defaultSeverity: 'warning',
  summary: 'BACKUP CERTIFICATE … WITH PRIVATE KEY: the private key leaves the server.',
  seed: '001',
  securitySeverity: 5.0,
  check({ document, workspace, report }) {
    for (const b of workspace.security(document).backups) {
      if (!b.privateKey) continue;
      const keyFile = b.privateKey.file?.value;
      report({
        span: b.privateKey.keywordSpan,
        message: `BACKUP CERTIFICATE ${b.name?.name ?? ''} WITH PRIVATE KEY writes the private key${keyFile ? ` to '${keyFile}'` : ''}: peers need only the public certificate (back up without PRIVATE KEY and copy that). If you must keep the key (disaster recovery, or one shared availability-group identity), protect that file like a password and delete copies once imported.`,
      });
    }
  },
};
