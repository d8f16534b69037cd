import type { FullTextQuery, Table } from '@lancedb/lancedb';
import { DOC_TEXT_COLUMN } from './documentText';
import { sqlInList } from './filterSql';
import { CHUNK_FIELDS, toChunkRecords } from './rowConversion';
import type { ChunkHit, ChunkRecord } from './storeTypes';

/** Reads on the chunks and vectors tables. Visibility (the document join) is the caller's job. */

const CHUNK_COLUMNS = [...CHUNK_FIELDS];

export async function readChunks(chunks: Table, where: string, limit?: number): Promise<ChunkRecord[]> {
  let query = chunks.query().where(where).select(CHUNK_COLUMNS);
  if (limit !== undefined) query = query.limit(limit);
  return toChunkRecords(await query.toArrow());
}

/** Chunk rows for vector-index keys, in no particular order (keys without a row are skipped). */
export async function readChunksByKeys(chunks: Table, keys: readonly bigint[]): Promise<ChunkRecord[]> {
  const out: ChunkRecord[] = [];
  for (let i = 0; i < keys.length; i += 1000) {
    out.push(...(await readChunks(chunks, sqlInList('key', keys.slice(i, i + 1000)))));
  }
  return out;
}

/** BM25 hits from the full-text index, best first; `where` is applied before ranking (prefilter). */
export async function keywordChunkHits(
  chunks: Table,
  query: string | FullTextQuery,
  options: { where?: string | null; limit: number },
): Promise<ChunkHit[]> {
  let q = chunks
    .query()
    .fullTextSearch(query, { columns: ['text'] })
    .select([...CHUNK_COLUMNS, '_score']);
  if (options.where) q = q.where(options.where);
  const table = await q.limit(options.limit).toArrow();
  const records = toChunkRecords(table);
  const scores = table.getChild('_score');
  // Sorted here: LanceDB returns rows its index has not absorbed yet unsorted (see keywordIndex.ts).
  return records
    .map((chunk, i) => ({ chunk, score: Number(scores?.get(i)) }))
    .sort((a, b) => b.score - a.score);
}

/** A document version's whole-document BM25 score (documentText.ts), from its first chunk's row. */
export interface DocumentKeywordHit {
  docId: string;
  generation: string;
  score: number;
}

/**
 * Whole-document BM25 hits from the `docText` index, best first; `where` is applied before ranking.
 * Only a document's first chunk holds its text, so each row is one document version.
 */
export async function documentKeywordHits(
  chunks: Table,
  query: FullTextQuery,
  options: { where?: string | null; limit: number },
): Promise<DocumentKeywordHit[]> {
  let q = chunks
    .query()
    .fullTextSearch(query, { columns: [DOC_TEXT_COLUMN] })
    .select(['docId', 'generation', '_score']);
  if (options.where) q = q.where(options.where);
  const rows = (await q.limit(options.limit).toArray()) as Array<{
    docId: string;
    generation: string;
    _score: number;
  }>;
  return rows
    .map((r) => ({ docId: String(r.docId), generation: String(r.generation), score: Number(r._score) }))
    .sort((a, b) => b.score - a.score);
}

export interface VectorKeyHit {
  key: bigint;
  docId: string;
  generation: string;
  /** Cosine similarity (vectors are unit length; LanceDB's `dot` distance is 1 - dot). */
  score: number;
}

/**
 * Exact nearest neighbours by brute force inside LanceDB (native, off the JS thread). Used while the
 * USearch index is being rebuilt or is behind the table, and for selective filters, which LanceDB
 * applies before ranking so a filter can never starve the result.
 */
export async function exactVectorHits(
  vectors: Table,
  vector: Float32Array,
  options: { where?: string | null; limit: number },
): Promise<VectorKeyHit[]> {
  let q = vectors
    .vectorSearch(vector)
    .column('vector')
    .distanceType('dot')
    .bypassVectorIndex()
    .select(['key', 'docId', 'generation', '_distance']);
  if (options.where) q = q.where(options.where);
  const rows = (await q.limit(options.limit).toArray()) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    key: row.key as bigint,
    docId: String(row.docId),
    generation: String(row.generation),
    score: 1 - Number(row._distance),
  }));
}
