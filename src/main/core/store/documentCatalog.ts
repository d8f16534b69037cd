import type { Table } from '@lancedb/lancedb';
import { matchesFilters } from './filterSql';
import { toDocumentRecord } from './rowConversion';
import { isIndexed, type DocumentFilters, type DocumentRecord } from './storeTypes';

/**
 * All document rows in memory, reloaded only when the documents table's version moves. Search joins
 * every chunk hit against it: a chunk is visible only if its document row is indexed (`ok` or `partial`) and carries the
 * chunk's generation. Document rows are small (a few hundred bytes), so even 100k documents is a
 * few tens of MB and one scan per change.
 */
export class DocumentCatalog {
  private constructor(
    readonly version: number,
    readonly byId: ReadonlyMap<string, DocumentRecord>,
    /** Sum of chunkCount over indexed (`ok`, `partial`) documents. */
    readonly visibleChunks: number,
  ) {}

  static async load(documents: Table): Promise<DocumentCatalog> {
    const version = await documents.version();
    const byId = new Map<string, DocumentRecord>();
    let visibleChunks = 0;
    for await (const batch of documents.query()) {
      for (const row of batch.toArray() as Array<Record<string, unknown>>) {
        const doc = toDocumentRecord(row);
        byId.set(doc.id, doc);
        if (isIndexed(doc.status)) visibleChunks += doc.chunkCount;
      }
    }
    return new DocumentCatalog(version, byId, visibleChunks);
  }

  /** The committed document a chunk belongs to, or null if the chunk must not be shown. */
  visibleDocument(docId: string, generation: string): DocumentRecord | null {
    const doc = this.byId.get(docId);
    if (!doc || !isIndexed(doc.status) || doc.generation !== generation) return null;
    return doc;
  }

  /** Chunks of indexed documents passing the filters, as a fraction of all visible chunks (0..1). */
  visibleFraction(filters: DocumentFilters | undefined): number {
    if (this.visibleChunks === 0) return 0;
    let allowed = 0;
    for (const doc of this.byId.values()) {
      if (isIndexed(doc.status) && matchesFilters(doc, filters)) allowed += doc.chunkCount;
    }
    return allowed / this.visibleChunks;
  }
}

/** Keeps one catalog per documents-table version. */
export class DocumentCatalogCache {
  private current: DocumentCatalog | null = null;
  private loading: Promise<DocumentCatalog> | null = null;

  constructor(private readonly documents: Table) {}

  async get(): Promise<DocumentCatalog> {
    const version = await this.documents.version();
    if (this.current && this.current.version === version) return this.current;
    if (!this.loading) {
      this.loading = DocumentCatalog.load(this.documents).finally(() => {
        this.loading = null;
      });
    }
    const loaded = await this.loading;
    // The table may have moved again while loading; callers get a consistent snapshot either way.
    this.current = loaded;
    return loaded;
  }
}
