/**
 * Hovers on Service Broker statements: on BEGIN DIALOG the dialog security this conversation will get (from the
 * outcome table and what the workspace shows), on ENCRYPTION / ANONYMOUS / USER / a binding / a route what they mean.
 */
import type { Span } from '../core/types';
import { DIALOG_DOCS, dialogOutcome, type DialogFacts } from '../knowledge/dialog-security';
import { bindingIsAnonymous, bindingsFor } from '../workspace/broker';
import type { DialogStatement, Statement } from '../tsql/ast';
import { databaseOf, keyProtection, sameName } from '../workspace/security';
import type { Workspace } from '../workspace/workspace';
import type { AnalyzedDocument } from './documents';

export interface BrokerHover {
  readonly span: Span;
  readonly markdown: string;
}

const inside = (s: Span | undefined, offset: number): s is Span => !!s && s.start <= offset && offset < s.end;

/** Who owns the initiating service, per CREATE SERVICE … AUTHORIZATION or ALTER AUTHORIZATION ON SERVICE::. */
function serviceOwner(workspace: Workspace, doc: AnalyzedDocument, service: string): string | undefined {
  let owner: string | undefined;
  for (const d of workspace.scope(doc)) {
    const facts = workspace.security(d);
    for (const s of facts.services) if (s.name && sameName(s.name.name, service) && s.authorization) owner = s.authorization.name;
    for (const a of facts.authorizations) if (a.securableClass === 'SERVICE' && sameName(a.securable.name, service)) owner = a.principal.name;
  }
  return owner;
}

function ownerHasCertificate(workspace: Workspace, doc: AnalyzedDocument, owner: string, database: string): boolean {
  return workspace.scope(doc).some((d) => workspace.security(d).certificates.some((c) => c.authorization && sameName(c.authorization.name, owner) && databaseOf(c) === database && keyProtection(c) !== 'none'));
}

function dialogCard(workspace: Workspace, doc: AnalyzedDocument, d: DialogStatement): string {
  const encryption = d.encryption?.value ?? 'ON';
  const lines = ['**BEGIN DIALOG** — dialog security of this conversation', ''];
  if (d.brokerInstance?.value.toUpperCase() === 'CURRENT DATABASE') {
    lines.push('The target is in the **current database**: messages never leave it, are never encrypted, and no master key is needed.');
    return lines.join('\n');
  }
  if (!d.toService) {
    lines.push(`The target service is a variable, so the workspace cannot tell which binding applies. ENCRYPTION is ${encryption}${d.encryption ? '' : ' (default)'}.`);
    return lines.join('\n');
  }
  const db = databaseOf(d);
  const bindings = bindingsFor(workspace, doc, d.toService.value, db);
  const owner = d.fromService ? serviceOwner(workspace, doc, d.fromService.name) : undefined;
  const facts: DialogFacts = {
    encryption,
    binding: bindings.length > 0 ? { anonymous: bindingIsAnonymous(workspace, doc, bindings[0].binding) } : undefined,
    ownerHasCertificate: owner ? ownerHasCertificate(workspace, doc, owner, db) : undefined,
  };
  const outcome = dialogOutcome(facts);
  const label = { full: 'full security', anonymous: 'anonymous security', none: 'no dialog security', fails: 'the dialog fails' } as const;
  lines.push(`**${outcome.security ? label[outcome.security] : 'depends on the initiating service’s owner'}** for a target on another instance: ${outcome.reason}.`, '');
  lines.push('| | |', '|---|---|');
  lines.push(`| Target | '${d.toService.value}' (compared byte by byte, case-sensitive) |`);
  lines.push(`| ENCRYPTION | ${encryption}${d.encryption ? '' : ' (default)'} |`);
  lines.push(`| Remote service binding | ${bindings.length > 0 ? `${bindings[0].binding.name?.name ?? '(unnamed)'}, ANONYMOUS = ${facts.binding?.anonymous ? 'ON' : 'OFF'}` : 'none in the workspace'} |`);
  lines.push(`| Initiating service owner | ${owner ? `${owner} — ${facts.ownerHasCertificate ? 'has a certificate with a private key' : 'no certificate with a private key found'}` : 'not stated in the workspace'} |`);
  lines.push('', 'Inside one instance messages are never encrypted, but with ENCRYPTION = ON both databases still need a database master key.');
  return lines.join('\n');
}

export function brokerHover(workspace: Workspace, doc: AnalyzedDocument, s: Statement, offset: number): BrokerHover | undefined {
  if (s.type === 'dialog') {
    if (inside(s.encryption?.optionSpan, offset)) return { span: s.encryption!.optionSpan, markdown: `**ENCRYPTION = ${s.encryption!.value}**\n\n${DIALOG_DOCS.ENCRYPTION}` };
    if (inside(s.keywordSpan, offset)) return { span: s.keywordSpan, markdown: dialogCard(workspace, doc, s) };
  }
  if (s.type === 'remote-service-binding') {
    if (inside(s.anonymous?.optionSpan, offset)) return { span: s.anonymous!.optionSpan, markdown: `**ANONYMOUS = ${s.anonymous!.value}**\n\n${DIALOG_DOCS.ANONYMOUS}` };
    if (inside(s.userOptionSpan, offset)) return { span: s.userOptionSpan!, markdown: `**USER = ${s.user?.name ?? ''}**\n\n${DIALOG_DOCS.USER}` };
    if (inside(s.keywordSpan, offset) || inside(s.name?.span, offset)) return { span: s.name?.span ?? s.keywordSpan, markdown: `**Remote service binding${s.name ? ` ${s.name.name}` : ''}**\n\n${DIALOG_DOCS.BINDING}` };
  }
  if (s.type === 'route' && (inside(s.keywordSpan, offset) || inside(s.name?.span, offset))) {
    return { span: s.name?.span ?? s.keywordSpan, markdown: `**Route${s.name ? ` ${s.name.name}` : ''}**${s.address ? ` → ${s.address.value}` : ''}\n\n${DIALOG_DOCS.ROUTE}` };
  }
  return undefined;
}
