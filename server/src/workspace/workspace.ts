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
   * Endpoints that talk to `e`: endpoints of the same kind in the other scripts of its folder, and endpoints in other
   * folders that e's script addresses with `SET PARTNER/WITNESS` or `ENDPOINT_URL` — same LISTENER_PORT, and the
   * address's host named in the other script's path (scripts are named after their hosts; the port alone would link
   * every mirroring endpoint on 5022 to every other).
   */
  peersOf(e: EndpointEntity): EndpointEntity[] {
    const payload = e.payload?.value;
    if (e.dropped || (payload !== 'DATABASE_MIRRORING' && payload !== 'SERVICE_BROKER')) return [];
    const doc = this.docs.get(e.uri);
    const folder = folderOf(e.uri);
    const peers = new Set<EndpointEntity>();
    const consider = (other: EndpointEntity): void => {
      if (other.uri !== e.uri && !other.dropped && other.payload?.value === payload) peers.add(other);
    };
    for (const d of this.documentsInFolder(folder)) for (const other of this.endpoints(d)) consider(other);
    const addresses: PeerAddress[] = doc?.sql ? peerAddresses(doc.sql) : [];
    const targets = addresses.flatMap((a) => {
      const label = a.host.replace(/^\[|\]$/g, '').split('.')[0];
      return a.port !== undefined && label.length >= 3 && !/^\d+$/.test(label) ? [{ port: a.port, label }] : [];
    });
    if (targets.length > 0) {
      for (const d of this.docs.values()) {
        if (folderOf(d.uri) === folder) continue;
        const path = d.uri.toLowerCase();
        for (const other of this.endpoints(d)) {
          if (other.port && targets.some((t) => t.port === other.port!.value && path.includes(t.label))) consider(other);
        }
      }
    }
    return [...peers];
  }
}
