/**
 * The cross-file model: every document the front end has given us (open editors, a workspace scan, or the files the
 * CLI walks), grouped by folder. A folder stands for one deployment: its scripts are the instances that talk to each
 * other (principal.sql, mirror.sql, witness.sql).
 */
import { AnalyzedDocument, folderOf, type SourceDocument } from '../service/documents';
import { endpointEntities, peerAddresses, type EndpointEntity } from './endpoints';
import type { PeerAddress } from '../tsql/ast';

export class Workspace {
  private readonly docs = new Map<string, AnalyzedDocument>();
  private readonly endpointCache = new WeakMap<AnalyzedDocument, EndpointEntity[]>();
  /** bumped on every change so that cached cross-file results can tell they are stale */
  generation = 0;

  set(source: SourceDocument): AnalyzedDocument {
    const existing = this.docs.get(source.uri);
    if (existing && existing.text === source.text && existing.source.languageId === source.languageId) return existing;
    const doc = new AnalyzedDocument(source);
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

  /**
   * Endpoints that talk to `e`: endpoints of the same kind in the other scripts of its folder, and endpoints anywhere
   * whose LISTENER_PORT is named by a `SET PARTNER/WITNESS` or `ENDPOINT_URL` in e's script.
   */
  peersOf(e: EndpointEntity): EndpointEntity[] {
    const payload = e.payload?.value;
    if (e.dropped || (payload !== 'DATABASE_MIRRORING' && payload !== 'SERVICE_BROKER')) return [];
    const doc = this.docs.get(e.uri);
    const peers = new Set<EndpointEntity>();
    const consider = (other: EndpointEntity): void => {
      if (other.uri !== e.uri && !other.dropped && other.payload?.value === payload) peers.add(other);
    };
    for (const d of this.documentsInFolder(folderOf(e.uri))) for (const other of this.endpoints(d)) consider(other);
    const addresses: PeerAddress[] = doc?.sql ? peerAddresses(doc.sql) : [];
    const ports = new Set(addresses.map((a) => a.port).filter((p): p is number => p !== undefined));
    if (ports.size > 0) {
      for (const d of this.docs.values()) {
        if (d.uri === e.uri || folderOf(d.uri) === folderOf(e.uri)) continue;
        for (const other of this.endpoints(d)) if (other.port && ports.has(other.port.value)) consider(other);
      }
    }
    return [...peers];
  }
}
