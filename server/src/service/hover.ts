/**
 * Hovers on endpoint statements: what each keyword and value really does (seed 000), and on the endpoint's name the
 * effective transport security with the handshake outcome for every peer found in the workspace.
 */
import type { Span, SqlServerVersion } from '../core/types';
import { ENDPOINT_KEYWORD_DOCS } from '../knowledge/endpoint-docs';
import { defaultAlgorithm, describeAuth, negotiateBothWays, transportSettings, type HandshakeOutcome } from '../knowledge/endpoint-semantics';
import type { EndpointStatement } from '../tsql/ast';
import type { EndpointEntity } from '../workspace/endpoints';
import type { Workspace } from '../workspace/workspace';
import type { AnalysisConfig } from './config';
import type { AnalyzedDocument } from './documents';
import { occurrenceIn } from '../workspace/symbols';
import { certificateCard } from './certificate-hover';
import { brokerHover } from './broker-hover';
import { connectionHover } from './connection-hover';

export interface Hover {
  readonly markdown: string;
  readonly span: Span;
}

interface Target {
  readonly span: Span;
  readonly markdown: () => string;
}

const contains = (s: Span, offset: number): boolean => s.start <= offset && offset < s.end;

export function hoverAt(doc: AnalyzedDocument, workspace: Workspace, config: AnalysisConfig, offset: number): Hover | undefined {
  const connection = connectionHover(doc, workspace, config, offset);
  if (connection) return connection;
  const sql = doc.sql;
  if (!sql) return undefined;
  const named = occurrenceIn(workspace.occurrences(doc), offset);
  if (named?.kind === 'certificate') return { span: named.span, markdown: certificateCard(workspace, doc, named.name) };
  for (const s of sql.statements) {
    if (!contains(s.span, offset)) continue;
    if (s.type !== 'endpoint') {
      const broker = brokerHover(workspace, doc, s, offset);
      if (broker) return broker;
      continue;
    }
    let best: Target | undefined;
    for (const t of targets(s, doc, workspace, config)) {
      if (contains(t.span, offset) && (!best || t.span.end - t.span.start < best.span.end - best.span.start)) best = t;
    }
    if (best) return { span: best.span, markdown: best.markdown() };
  }
  return undefined;
}

function keywordDoc(key: string, extra?: string): string {
  const text = ENDPOINT_KEYWORD_DOCS[key];
  const title = key.includes('=') ? key.replace('=', ' = ') : key;
  return [`**${title}**`, text ?? '', extra ?? ''].filter(Boolean).join('\n\n');
}

function keyword(s: Span, text: string): Span {
  // the option keyword is the first word of an option span
  const m = /^[A-Za-z_]+/.exec(text.slice(s.start, Math.min(s.end, s.start + 40)));
  return { start: s.start, end: s.start + (m ? m[0].length : 0) };
}

function* targets(s: EndpointStatement, doc: AnalyzedDocument, workspace: Workspace, config: AnalysisConfig): Generator<Target> {
  const text = doc.text;
  const version = config.sqlServerVersion;
  const summary = (): string => endpointSummary(s, doc, workspace, version);
  yield { span: s.keywordSpan, markdown: () => `${keywordDoc('ENDPOINT')}\n\n---\n\n${summary()}` };
  if (s.name) yield { span: s.name.span, markdown: summary };
  if (s.authorization) yield { span: s.authorization.span, markdown: () => keywordDoc('AUTHORIZATION') };
  if (s.state) {
    yield { span: keyword(s.state.optionSpan, text), markdown: () => keywordDoc('STATE') };
    yield { span: s.state.span, markdown: () => keywordDoc(`STATE=${s.state!.value}`, ENDPOINT_KEYWORD_DOCS.STATE) };
  }
  if (s.protocol) yield { span: s.protocol.span, markdown: () => keywordDoc('TCP') };
  if (s.port) {
    yield { span: keyword(s.port.optionSpan, text), markdown: () => keywordDoc('LISTENER_PORT') };
    yield { span: s.port.span, markdown: () => keywordDoc('LISTENER_PORT', `Peers reach this endpoint at \`TCP://<host>:${s.port!.value}\`.`) };
  }
  if (s.listenerIp) yield { span: s.listenerIp.optionSpan, markdown: () => keywordDoc('LISTENER_IP') };
  if (s.payload) {
    const written = text.slice(s.payload.span.start, s.payload.span.end).toUpperCase();
    yield { span: s.payload.span, markdown: () => keywordDoc(written === 'DATA_MIRRORING' ? 'DATA_MIRRORING' : s.payload!.value) };
  }
  if (s.role) {
    yield { span: keyword(s.role.optionSpan, text), markdown: () => keywordDoc('ROLE') };
    yield { span: s.role.span, markdown: () => keywordDoc(`ROLE=${s.role!.value}`) };
  }
  if (s.messageForwarding) {
    yield { span: s.messageForwarding.optionSpan, markdown: () => keywordDoc('MESSAGE_FORWARDING') };
  }
  if (s.messageForwardSize) yield { span: s.messageForwardSize.optionSpan, markdown: () => keywordDoc('MESSAGE_FORWARD_SIZE') };
  if (s.authentication) {
    yield { span: keyword(s.authentication.optionSpan, text), markdown: () => keywordDoc('AUTHENTICATION') };
    for (const m of s.authentication.methods) {
      if (m.kind === 'windows') {
        yield { span: keyword(m.span, text), markdown: () => keywordDoc('WINDOWS') };
        if (m.protocolSpan) yield { span: m.protocolSpan, markdown: () => keywordDoc(m.protocol) };
      } else {
        yield { span: m.span, markdown: () => keywordDoc('CERTIFICATE', `This endpoint uses certificate \`${m.certificate.name}\`.`) };
      }
    }
  }
  if (s.encryption) {
    const enc = s.encryption;
    yield { span: keyword(enc.optionSpan, text), markdown: () => keywordDoc('ENCRYPTION') };
    yield {
      span: enc.mode.span,
      markdown: () =>
        keywordDoc(
          `ENCRYPTION=${enc.mode.value}`,
          enc.mode.value !== 'DISABLED' && !enc.algorithm ? `No ALGORITHM is given, so SQL Server ${version} uses **${defaultAlgorithm(version)}** (the default is RC4 on 2014 and earlier, AES from 2016).` : undefined,
        ),
    };
    if (enc.algorithm) {
      yield { span: enc.algorithm.keywordSpan, markdown: () => keywordDoc('ALGORITHM') };
      for (const v of enc.algorithm.values) {
        const order = enc.algorithm.values.length > 1 ? `Listed ${v === enc.algorithm.values[0] ? 'first: preferred' : 'second: a fallback'}; when both sides list two algorithms in different orders, the endpoint accepting the connection wins.` : undefined;
        yield { span: v.span, markdown: () => keywordDoc(`ALGORITHM=${v.value}`, order) };
      }
    }
  }
}

function entityFor(s: EndpointStatement, doc: AnalyzedDocument, workspace: Workspace): EndpointEntity | undefined {
  return workspace.endpoints(doc).find((e) => e.statements.includes(s));
}

export function endpointSummary(s: EndpointStatement, doc: AnalyzedDocument, workspace: Workspace, version: SqlServerVersion): string {
  const e = entityFor(s, doc, workspace);
  const source = e ?? s;
  const settings = transportSettings(source, version);
  const name = e?.name ?? s.name?.name ?? '(unnamed)';
  const payload = (e?.payload ?? s.payload)?.value;
  const role = (e?.role ?? s.role)?.value;
  const port = (e?.port ?? s.port)?.value;
  const state = (e?.state ?? s.state)?.value;
  const rows: [string, string][] = [
    ['Kind', payload ? `${payload}${role ? `, ROLE = ${role}` : ''}` : 'not stated'],
    ['State', state ?? 'STOPPED (default for a new endpoint)'],
    ['Port', port !== undefined ? String(port) : 'not stated'],
    ['Authentication', `${describeAuth(settings.auth)}${source.authentication ? '' : ' (default)'}`],
    [
      'Encryption',
      settings.encryption === 'DISABLED'
        ? 'DISABLED — clear text'
        : `${settings.encryption}${source.encryption ? '' : ' (default)'}, ${settings.algorithms.join(' then ')}${settings.implicitAlgorithm ? ` (default on SQL Server ${version})` : ''}`,
    ],
  ];
  const lines = [`**Endpoint ${name}** — effective transport security on SQL Server ${version}`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)];
  if (e) {
    const peers = workspace.peersOf(e);
    if (peers.length > 0) {
      lines.push('', '**Handshake with peers found in the workspace**', '');
      for (const peer of peers) {
        const { xToY, yToX } = negotiateBothWays(settings, transportSettings(peer, version));
        const file = peer.uri.slice(peer.uri.lastIndexOf('/') + 1);
        lines.push(`- ${peer.name} (${file}): ${outcome(xToY)} When ${peer.name} connects here: ${outcome(yToX)}`);
      }
    }
  }
  return lines.join('\n');
}

function outcome(o: HandshakeOutcome): string {
  if (!o.ok) return `**fails** — ${o.reason}`;
  return o.encrypted ? `connects, ${o.authentication}; ${o.reason}` : `connects, ${o.authentication}, **clear text** — ${o.reason}`;
}
