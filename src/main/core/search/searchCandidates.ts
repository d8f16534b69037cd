import type { KeywordQuery } from '../store/keywordQuery';
import type { DocumentCatalog } from '../store/documentCatalog';
import { filtersToSql, hasDocumentFilters, matchesFilters } from '../store/filterSql';
import type { LibraryStore } from '../store/libraryStore';
import type { ChunkRecord, DocumentFilters, DocumentRecord } from '../store/storeTypes';
import type { VectorIndex } from '../store/vectorIndex';

/**
 * The two retrieval branches. Both return only visible chunks (document row `ok`, same generation:
 * see libraryStore.ts) that pass the filters, best first.
 *
 * Filters are applied the same way in both: as SQL before ranking wherever LanceDB ranks (full-text
 * search, exact vector search), so a filter can never starve a result list; and as the identical JS
 * predicate after USearch, which cannot filter, with over-fetching sized by the share of chunks the
 * filter keeps. A filter keeping under SELECTIVE_FILTER_SHARE of the library skips USearch for exact
 * search in LanceDB: over-fetching 10x and resolving those keys costs more than brute force over the
 * few rows the filter leaves.
 */
export const SELECTIVE_FILTER_SHARE = 0.1;

export interface Candidate {
  chunk: ChunkRecord;
  doc: DocumentRecord;
  /** BM25 (keyword) or cosine similarity (semantic). */
  score: number;
}

/** Which engine answered the semantic branch (for status and benchmarks). */
export type SemanticBackend = 'hnsw' | 'exact-memory' | 'exact-lancedb';

const MAX_ROUNDS = 4;

export async function keywordCandidates(
  store: LibraryStore,
  catalog: DocumentCatalog,
  query: KeywordQuery,
  filters: DocumentFilters | undefined,
  limit: number,
): Promise<Candidate[]> {
  const where = filtersToSql(filters);
  let fetch = limit + 10;
  let visible: Candidate[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const hits = await store.keywordHits(query, { where, limit: fetch });
    visible = [];
    for (const hit of hits) {
      const doc = catalog.visibleDocument(hit.chunk.docId, hit.chunk.generation);
      if (doc) visible.push({ chunk: hit.chunk, doc, score: hit.score });
    }
    // Invisible rows (a write in flight, an old generation awaiting clean-up) took places: fetch more.
    if (visible.length >= limit || hits.length < fetch) break;
    fetch *= 4;
  }
  return visible.slice(0, limit);
}

export async function semanticCandidates(
  store: LibraryStore,
  index: VectorIndex | null,
  catalog: DocumentCatalog,
  modelId: string,
  vector: Float32Array,
  filters: DocumentFilters | undefined,
  limit: number,
  known: readonly Candidate[] = [],
): Promise<{ candidates: Candidate[]; backend: SemanticBackend | null }> {
  const share = hasDocumentFilters(filters)
    ? catalog.visibleFraction(filters)
    : catalog.visibleChunks > 0
      ? 1
      : 0;
  if (share === 0 || (await store.vectorsVersion(modelId)) === null) return { candidates: [], backend: null };
  if (index && share >= SELECTIVE_FILTER_SHARE) {
    const mode = (await index.status()).mode;
    let fetch = Math.ceil(limit / share) + 10;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const hits = await index.search(vector, fetch);
      if (hits === null) break; // not current: exact search below while it catches up
      const rows = await chunksFor(
        store,
        hits.map((h) => h.key),
        known,
      );
      const candidates: Candidate[] = [];
      for (const hit of hits) {
        for (const chunk of rows.get(hit.key) ?? []) {
          const doc = catalog.visibleDocument(chunk.docId, chunk.generation);
          if (doc && matchesFilters(doc, filters)) candidates.push({ chunk, doc, score: hit.score });
        }
      }
      if (candidates.length >= limit || hits.length < fetch) {
        return {
          candidates: candidates.slice(0, limit),
          backend: mode === 'exact' ? 'exact-memory' : 'hnsw',
        };
      }
      fetch *= 4;
    }
  }
  return {
    candidates: await exactCandidates(store, catalog, modelId, vector, filters, limit),
    backend: 'exact-lancedb',
  };
}

async function exactCandidates(
  store: LibraryStore,
  catalog: DocumentCatalog,
  modelId: string,
  vector: Float32Array,
  filters: DocumentFilters | undefined,
  limit: number,
): Promise<Candidate[]> {
  const where = filtersToSql(filters);
  let fetch = limit + 10;
  let visible: Array<{ key: bigint; doc: DocumentRecord; score: number }> = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const hits = await store.exactVectorHits(modelId, vector, { where, limit: fetch });
    visible = [];
    for (const hit of hits) {
      const doc = catalog.visibleDocument(hit.docId, hit.generation);
      if (doc) visible.push({ key: hit.key, doc, score: hit.score });
    }
    if (visible.length >= limit || hits.length < fetch) break;
    fetch *= 4;
  }
  visible = visible.slice(0, limit);
  const rows = byKey(await store.chunksByKeys(visible.map((v) => v.key)));
  const out: Candidate[] = [];
  for (const v of visible) {
    const chunk = rows.get(v.key)?.find((c) => c.docId === v.doc.id && c.generation === v.doc.generation);
    if (chunk) out.push({ chunk, doc: v.doc, score: v.score });
  }
  return out;
}

/** Chunk rows by key (a list: a 1-in-10^7 hash collision can give two chunks one key). */
/**
 * Chunk rows for index keys. Rows already read by the keyword branch (hybrid search passes them) are
 * not read again: a key is a hash of the chunk id, whose generation hashes everything the row holds,
 * so a key's row never changes. In hybrid search with dense feedback most dense candidates are
 * keyword hits too, and LanceDB's row fetch by key was the longest step after the query embedding.
 */
async function chunksFor(
  store: LibraryStore,
  keys: readonly bigint[],
  known: readonly Candidate[],
): Promise<Map<bigint, ChunkRecord[]>> {
  const have = new Map<bigint, ChunkRecord>();
  for (const c of known) have.set(c.chunk.key, c.chunk);
  const missing = keys.filter((key) => !have.has(key));
  const rows = byKey(missing.length > 0 ? await store.chunksByKeys(missing) : []);
  for (const key of keys) {
    const chunk = have.get(key);
    if (chunk && !rows.has(key)) rows.set(key, [chunk]);
  }
  return rows;
}

function byKey(rows: readonly ChunkRecord[]): Map<bigint, ChunkRecord[]> {
  const map = new Map<bigint, ChunkRecord[]>();
  for (const row of rows) {
    const list = map.get(row.key);
    if (list) list.push(row);
    else map.set(row.key, [row]);
  }
  return map;
}
