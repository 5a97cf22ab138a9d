/**
 * Service Broker dialog security (seed 004):
 * - dialog-encryption-off: BEGIN DIALOG … ENCRYPTION = OFF (a warning; an info when a binding for the target makes it
 *   moot);
 * - dialog-master-key-missing: a secured dialog whose initiating database has no master key in its script or setup;
 * - binding-anonymous: REMOTE SERVICE BINDING … ANONYMOUS = ON;
 * - binding-user-without-certificate: the binding's USER owns no (usable) certificate.
 */
import type { DialogStatement } from '../tsql/ast';
import { bindingIsAnonymous, bindingsFor, certificateOwners } from '../workspace/broker';
import type { AnalyzedDocument } from '../service/documents';
import { databaseName, databaseOf, sameName } from '../workspace/security';
import type { Workspace } from '../workspace/workspace';
import type { Rule } from './rule';

function staysInOneDatabase(workspace: Workspace, doc: AnalyzedDocument, d: DialogStatement): boolean {
  if (d.brokerInstance?.value.toUpperCase() === 'CURRENT DATABASE') return true;
  if (!d.toService) return false;
  const db = databaseOf(d);
  return workspace.scope(doc).some((x) => workspace.security(x).services.some((s) => s.name?.name === d.toService!.value && databaseOf(s) === db));
}

function removeOption(text: string, d: DialogStatement, option: { start: number; end: number }): { start: number; end: number } {
  const others = d.withOptions.filter((o) => o.start !== option.start);
  if (others.length === 0 && d.withSpan) {
    let start = d.withSpan.start;
    while (start > 0 && /[ \t\r\n]/.test(text[start - 1])) start--;
    return { start, end: option.end };
  }
  // take a neighbouring comma with it, and the spaces between
  let start = option.start;
  let end = option.end;
  let k = start;
  while (k > 0 && /[ \t\r\n]/.test(text[k - 1])) k--;
  if (text[k - 1] === ',') {
    start = k - 1;
  } else {
    let m = end;
    while (m < text.length && /[ \t]/.test(text[m])) m++;
    if (text[m] === ',') {
      m++;
      while (m < text.length && /[ \t]/.test(text[m])) m++;
      end = m;
    } else {
      start = k;
    }
  }
  return { start, end };
}

export const dialogEncryptionOff: Rule = {
  id: 'dialog-encryption-off',
  defaultSeverity: 'warning',
  summary: 'BEGIN DIALOG … ENCRYPTION = OFF: messages leave the instance without dialog encryption.',
  seed: '004',
  securitySeverity: 6.0,
  check({ document, workspace, report }) {
    for (const d of workspace.security(document).dialogs) {
      if (d.encryption?.value !== 'OFF') continue;
      if (staysInOneDatabase(workspace, document, d)) continue; // never leaves the database: nothing to encrypt
      const bindings = d.toService ? bindingsFor(workspace, document, d.toService.value, databaseOf(d)) : [];
      const removal = { ...removeOption(document.text, d, d.encryption.optionSpan), newText: '' };
      if (bindings.length > 0) {
        const fixes = [{ title: 'Remove ENCRYPTION = OFF (the binding secures the dialog anyway)', edits: [removal], isPreferred: true }];
        report({
          span: d.encryption.optionSpan,
          severity: 'info',
          message: `ENCRYPTION = OFF is ignored here: a remote service binding for '${d.toService!.value}' exists (${bindings[0].binding.name?.name ?? ''}), and it forces dialog security on every dialog to that service.`,
          related: bindings.map((b) => ({ uri: b.doc.uri, span: b.binding.name?.span ?? b.binding.span, message: 'remote service binding' })),
          fixes,
        });
      } else {
        report({
          span: d.encryption.optionSpan,
          message: `ENCRYPTION = OFF: messages of this dialog that leave the instance are not dialog-encrypted, and the target cannot tell who sent them (the initiator runs as public there). Only the endpoints' transport encryption, if any, protects them. Use dialog security: a certificate for each service owner and a remote service binding.`,
          // not preferred: without a binding the dialog then fails (error 9727) until dialog security is set up
          fixes: [{ title: 'Remove ENCRYPTION = OFF (then set up certificates and a remote service binding, or the dialog fails)', edits: [removal] }],
        });
      }
    }
  },
};

export const dialogMasterKeyMissing: Rule = {
  id: 'dialog-master-key-missing',
  defaultSeverity: 'warning',
  summary: 'A secured dialog whose initiating database has no database master key.',
  seed: '004',
  securitySeverity: 3.0,
  check({ document, workspace, report }) {
    for (const d of workspace.security(document).dialogs) {
      if (staysInOneDatabase(workspace, document, d)) continue;
      const db = databaseOf(d);
      // ENCRYPTION = OFF needs no key — unless a binding for the target forces dialog security anyway
      if (d.encryption?.value === 'OFF' && !(d.toService && bindingsFor(workspace, document, d.toService.value, db).length > 0)) continue;
      const hasKey = workspace.scope(document).some((x) => workspace.security(x).masterKeys.some((k) => databaseOf(k) === db));
      if (hasKey) continue;
      report({
        span: d.keywordSpan,
        message: `This dialog uses dialog security (ENCRYPTION is ON by default), but database ${databaseName(d)} has no CREATE MASTER KEY in this script or its setup: Service Broker stores the session key under the database master key, so the dialog fails — or its messages wait in sys.transmission_queue (errors 28050/28051). Create a master key in ${databaseName(d)} (and in the target database).`,
      });
    }
  },
};

export const bindingAnonymous: Rule = {
  id: 'binding-anonymous',
  defaultSeverity: 'info',
  summary: 'REMOTE SERVICE BINDING … ANONYMOUS = ON: the target cannot identify the initiator, which runs as public there.',
  seed: '004',
  securitySeverity: 4.0,
  check({ document, workspace, report }) {
    for (const b of workspace.security(document).bindings) {
      if (b.anonymous?.value !== 'ON') continue;
      // a later ALTER … ANONYMOUS = OFF settles it
      const create = b.action === 'create' ? b : workspace.security(document).bindings.find((x) => x.action === 'create' && x.name && b.name && sameName(x.name.name, b.name.name));
      if (create && !bindingIsAnonymous(workspace, document, create)) continue;
      report({
        span: b.anonymous.optionSpan,
        message: `Binding ${b.name?.name ?? ''} is anonymous: messages are encrypted and the target service is authenticated, but the target cannot identify this initiator — it runs as public in the target database, which must grant SEND on '${b.toService?.value ?? 'the service'}' to public. For mutual authentication use full security (ANONYMOUS = OFF, and give the target this service owner's public certificate).`,
        fixes: [{ title: 'Use full dialog security (ANONYMOUS = OFF; the target then needs the initiator’s certificate)', edits: [{ start: b.anonymous.span.start, end: b.anonymous.span.end, newText: 'OFF' }] }],
      });
    }
  },
};

export const bindingUserWithoutCertificate: Rule = {
  id: 'binding-user-without-certificate',
  defaultSeverity: 'warning',
  summary: 'A remote service binding’s USER owns no certificate usable for dialogs.',
  seed: '004',
  securitySeverity: 3.0,
  check({ document, workspace, report }) {
    // who owns which certificate is read once per database, not once per binding (that was quadratic in the statements)
    const owners = new Map<string, Map<string, { activeForBeginDialog: boolean }[]>>();
    for (const b of workspace.security(document).bindings) {
      if (!b.user) continue;
      const db = databaseOf(b);
      let byOwner = owners.get(db);
      if (!byOwner) {
        byOwner = new Map();
        for (const c of certificateOwners(workspace, document, db)) byOwner.set(c.owner.toUpperCase(), [...(byOwner.get(c.owner.toUpperCase()) ?? []), c]);
        owners.set(db, byOwner);
      }
      const owned = byOwner.get(b.user.name.toUpperCase()) ?? [];
      if (owned.length === 0) {
        report({
          span: b.user.span,
          message: `User ${b.user.name} owns no certificate in database ${databaseName(b)} in the workspace: the binding cannot identify the remote service, so dialogs to '${b.toService?.value ?? 'it'}' cannot be secured (error 9731). Import the remote service's public certificate with AUTHORIZATION ${b.user.name}.`,
        });
      } else if (owned.every((c) => !c.activeForBeginDialog)) {
        report({
          span: b.user.span,
          message: `Every certificate of user ${b.user.name} has ACTIVE FOR BEGIN_DIALOG = OFF: Service Broker will not use it for dialogs (error 9767). Turn it ON for the certificate that identifies '${b.toService?.value ?? 'the remote service'}'.`,
        });
      }
    }
  },
};
