/**
 * The cross-file model: every document the front end has given us (open editors, a workspace scan, or the files the
 * CLI walks), grouped by folder. A folder stands for one deployment: its scripts are the instances that talk to each
 * other (principal.sql, mirror.sql, witness.sql).
 */
import { AnalyzedDocument, folderOf, type SourceDocument } from '../service/documents';
import { endpointEntities, peerAddresses, type EndpointEntity } from './endpoints';
import type { PeerAddress } from '../tsql/ast';
import { securityFacts, type SecurityFacts } from './security';
import { occurrencesOf, type Occurrence } from './symbols';
import { findConnectionStrings, sqlConnectionStrings } from '../connection-strings/find';
import type { ConnectionString } from '../connection-strings/model';

export class Workspace {
  private readonly docs = new Map<string, AnalyzedDocument>();
  /** folder → uris: folder lookups must not walk every document (10,000 files in the CLI) */
  private readonly folders = new Map<string, Set<string>>();
  /** per generation: endpoints by LISTENER_PORT and the scripts that name peer addresses, for cross-folder links */
  private links?: { generation: number; byPort: Map<number, EndpointEntity[]>; addressed: AnalyzedDocument[] };
  private readonly endpointCache = new WeakMap<AnalyzedDocument, EndpointEntity[]>();
  private readonly securityCache = new WeakMap<AnalyzedDocument, SecurityFacts>();
  private readonly occurrenceCache = new WeakMap<AnalyzedDocument, Occurrence[]>();
  private readonly connectionCache = new WeakMap<AnalyzedDocument, ConnectionString[]>();
  private readonly scopeCache = new WeakMap<AnalyzedDocument, { generation: number; docs: AnalyzedDocument[] }>();
  private readonly addressCache = new WeakMap<AnalyzedDocument, { port: number; label: string }[]>();
  /** bumped on every change */
  generation = 0;
  /**
   * bumped only when a change can affect other documents' findings: a document with statements other files look at
   * (endpoints, certificates, logins, bindings…) appeared, changed or went. Typing in plain DML or in code leaves it,
   * so other documents keep their cached findings.
   */
  crossGeneration = 0;

  set(source: SourceDocument): AnalyzedDocument {
    const existing = this.docs.get(source.uri);
    if (existing && existing.text === source.text && existing.source.languageId === source.languageId) return existing;
    const doc = new AnalyzedDocument(source, existing);
    this.docs.set(source.uri, doc);
    if (mattersAcrossFiles(existing) || mattersAcrossFiles(doc)) this.crossGeneration++;
    if (!existing) {
      const folder = folderOf(source.uri);
      let set = this.folders.get(folder);
      if (!set) this.folders.set(folder, (set = new Set()));
      set.add(source.uri);
    }
    this.generation++;
    return doc;
  }

  delete(uri: string): void {
    const existing = this.docs.get(uri);
    if (!this.docs.delete(uri)) return;
    if (mattersAcrossFiles(existing)) this.crossGeneration++;
    this.folders.get(folderOf(uri))?.delete(uri);
    this.generation++;
  }

  get(uri: string): AnalyzedDocument | undefined {
    return this.docs.get(uri);
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  documentsInFolder(folder: string): AnalyzedDocument[] {
    // documents without a folder (untitled editors) belong to no deployment: each stands alone
    if (folder === '') return [];
    const out: AnalyzedDocument[] = [];
    for (const uri of this.folders.get(folder) ?? []) {
      const d = this.docs.get(uri);
      if (d) out.push(d);
    }
    return out;
  }

  endpoints(doc: AnalyzedDocument): EndpointEntity[] {
    let cached = this.endpointCache.get(doc);
    if (!cached) {
      cached = doc.sql ? endpointEntities(doc.uri, doc.sql) : [];
      this.endpointCache.set(doc, cached);
    }
    return cached;
  }

  /** Declarations and references of named objects in a document (computed once per document version). */
  occurrences(doc: AnalyzedDocument): Occurrence[] {
    let cached = this.occurrenceCache.get(doc);
    if (!cached) {
      cached = doc.sql ? occurrencesOf(doc.sql.statements) : [];
      this.occurrenceCache.set(doc, cached);
    }
    return cached;
  }

  /** Connection strings and driver settings in a document of any kind (computed once per document version). */
  connections(doc: AnalyzedDocument): ConnectionString[] {
    let cached = this.connectionCache.get(doc);
    if (!cached) {
      cached = [...(doc.sql && doc.mayHoldProviderStrings ? sqlConnectionStrings(doc.sql) : []), ...(doc.kind === 'sql' ? [] : findConnectionStrings(doc.uri, doc.source.languageId, doc.text))];
      this.connectionCache.set(doc, cached);
    }
    return cached;
  }

  all(): IterableIterator<AnalyzedDocument> {
    return this.docs.values();
  }

  security(doc: AnalyzedDocument): SecurityFacts {
    let cached = this.securityCache.get(doc);
    if (!cached) {
      cached = securityFacts(doc.sql ?? { statements: [], problems: [] });
      this.securityCache.set(doc, cached);
    }
    return cached;
  }

  /**
   * The scripts that make up `doc`'s instance, nearest first: the script itself, then the other SQL scripts of its
   * folder — except, when `doc` creates an endpoint, scripts that create their own endpoint: those are other
   * instances (principal.sql / mirror.sql), while scripts without one are steps of the same setup (01-master-key.sql,
   * 02-certificate.sql). Markdown holds documentation, not instances, so it only sees itself.
   */
  scope(doc: AnalyzedDocument): AnalyzedDocument[] {
    const cached = this.scopeCache.get(doc);
    if (cached?.generation === this.crossGeneration) return cached.docs;
    const docs = this.computeScope(doc);
    this.scopeCache.set(doc, { generation: this.crossGeneration, docs });
    return docs;
  }

  private computeScope(doc: AnalyzedDocument): AnalyzedDocument[] {
    if (doc.kind !== 'sql' || folderOf(doc.uri) === '') return [doc];
    const isInstance = (d: AnalyzedDocument): boolean => this.endpoints(d).some((e) => e.create !== undefined);
    const mine = isInstance(doc);
    return [doc, ...this.documentsInFolder(folderOf(doc.uri)).filter((d) => d !== doc && d.kind === 'sql' && !(mine && isInstance(d)))];
  }

  /**
   * Endpoints that talk to `e`:
   * - endpoints of the same kind in the other scripts of its folder (a folder is a deployment: principal.sql,
   *   mirror.sql, witness.sql);
   * - endpoints in other folders linked by an address: a `SET PARTNER/WITNESS` or `ENDPOINT_URL` in one script whose
   *   port is the other's LISTENER_PORT and whose host's first label appears in the other script's path (the port
   *   alone would link every mirroring endpoint on 5022 to every other). Links work in both directions.
   * Markdown documents are documentation, not instances: they have no peers. Two witness-only endpoints never talk.
   */
  peersOf(e: EndpointEntity): EndpointEntity[] {
    const payload = e.payload?.value;
    const doc = this.docs.get(e.uri);
    if (!doc || doc.kind !== 'sql' || e.dropped || (payload !== 'DATABASE_MIRRORING' && payload !== 'SERVICE_BROKER')) return [];
    const folder = folderOf(e.uri);
    const peers = new Set<EndpointEntity>();
    const witnessOnly = (x: EndpointEntity): boolean => x.role?.value === 'WITNESS';
    const consider = (other: EndpointEntity): void => {
      if (other.uri === e.uri || other.dropped || other.payload?.value !== payload) return;
      if (payload === 'DATABASE_MIRRORING' && witnessOnly(e) && witnessOnly(other)) return;
      peers.add(other);
    };
    // `d !== doc`: endpoints of e's own script are never its peers, and walking them for every endpoint was quadratic
    // in the endpoints of one script (a 4 MB script of CREATE ENDPOINTs took minutes)
    for (const d of this.documentsInFolder(folder)) if (d.kind === 'sql' && d !== doc) for (const other of this.endpoints(d)) consider(other);
    const links = this.linkIndex();
    // outbound: the endpoints listening on a port this script addresses, in a script named after the host
    for (const t of this.addressTargets(doc)) {
      for (const other of links.byPort.get(t.port) ?? []) {
        if (folderOf(other.uri) !== folder && other.uri.toLowerCase().includes(t.label)) consider(other);
      }
    }
    // inbound: scripts elsewhere that address this endpoint's port and this script's host
    if (e.port !== undefined) {
      const myPath = e.uri.toLowerCase();
      for (const d of links.addressed) {
        if (folderOf(d.uri) === folder) continue;
        if (this.addressTargets(d).some((t) => t.port === e.port!.value && myPath.includes(t.label))) for (const other of this.endpoints(d)) consider(other);
      }
    }
    return [...peers];
  }

  /** Built once per generation (one pass over the SQL scripts), so peer lookups never walk every document. */
  private linkIndex(): { byPort: Map<number, EndpointEntity[]>; addressed: AnalyzedDocument[] } {
    if (this.links?.generation === this.crossGeneration) return this.links;
    const byPort = new Map<number, EndpointEntity[]>();
    const addressed: AnalyzedDocument[] = [];
    for (const d of this.docs.values()) {
      if (d.kind !== 'sql') continue;
      for (const e of this.endpoints(d)) {
        if (e.dropped || e.port === undefined) continue;
        const list = byPort.get(e.port.value) ?? [];
        list.push(e);
        byPort.set(e.port.value, list);
      }
      if (this.addressTargets(d).length > 0) addressed.push(d);
    }
    this.links = { generation: this.crossGeneration, byPort, addressed };
    return this.links;
  }

  /** addressTargets once per document version: peersOf asks for them for every endpoint. */
  private addressTargets(doc: AnalyzedDocument): { port: number; label: string }[] {
    let cached = this.addressCache.get(doc);
    if (!cached) {
      cached = addressTargets(doc);
      this.addressCache.set(doc, cached);
    }
    return cached;
  }
}

/** The (port, host label) pairs a script's peer addresses name. */
function addressTargets(doc: AnalyzedDocument): { port: number; label: string }[] {
  const addresses: PeerAddress[] = doc.sql ? peerAddresses(doc.sql) : [];
  return addresses.flatMap((a) => {
    const label = a.host.replace(/^\[|\]$/g, '').split('.')[0];
    return a.port !== undefined && label.length >= 3 && !/^\d+$/.test(label) ? [{ port: a.port, label }] : [];
  });
}

/** Whether a document holds statements that other documents' findings can depend on. Parses it if needed. */
function mattersAcrossFiles(doc: AnalyzedDocument | undefined): boolean {
  return !!doc && doc.kind !== 'other' && (doc.sql?.statements.length ?? 0) > 0;
}
