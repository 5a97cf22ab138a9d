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
  private readonly endpointCache = new WeakMap<AnalyzedDocument, EndpointEntity[]>();
  private readonly securityCache = new WeakMap<AnalyzedDocument, SecurityFacts>();
  private readonly occurrenceCache = new WeakMap<AnalyzedDocument, Occurrence[]>();
  private readonly connectionCache = new WeakMap<AnalyzedDocument, ConnectionString[]>();
  /** bumped on every change so that cached cross-file results can tell they are stale */
  generation = 0;

  set(source: SourceDocument): AnalyzedDocument {
    const existing = this.docs.get(source.uri);
    if (existing && existing.text === source.text && existing.source.languageId === source.languageId) return existing;
    const doc = new AnalyzedDocument(source, existing);
    this.docs.set(source.uri, doc);
    this.generation++;
    return doc;
  }

  delete(uri: string): void {
    if (this.docs.delete(uri)) this.generation++;
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
    for (const d of this.docs.values()) if (folderOf(d.uri) === folder) out.push(d);
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
      cached = [...(doc.sql ? sqlConnectionStrings(doc.sql) : []), ...(doc.kind === 'sql' ? [] : findConnectionStrings(doc.uri, doc.source.languageId, doc.text))];
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
    for (const d of this.documentsInFolder(folder)) if (d.kind === 'sql') for (const other of this.endpoints(d)) consider(other);
    const mine = addressTargets(doc);
    const myPath = e.uri.toLowerCase();
    for (const d of this.docs.values()) {
      if (d.kind !== 'sql' || folderOf(d.uri) === folder) continue;
      const path = d.uri.toLowerCase();
      const theirs = addressTargets(d);
      for (const other of this.endpoints(d)) {
        const outbound = other.port !== undefined && mine.some((t) => t.port === other.port!.value && path.includes(t.label));
        const inbound = e.port !== undefined && theirs.some((t) => t.port === e.port!.value && myPath.includes(t.label));
        if (outbound || inbound) consider(other);
      }
    }
    return [...peers];
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
