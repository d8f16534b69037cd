import type { HnswParameters } from './hnswParameters';

/** Messages between VectorIndex (caller's thread) and index.worker.ts, which owns the USearch index. */

export interface IndexWorkerData {
  lanceDir: string;
  indexDir: string;
  modelId: string;
  fingerprint: string;
  dims: number;
  /** The model's LanceDB vectors table. */
  table: string;
  params: HnswParameters;
  /** Below this many vectors, exact search instead of HNSW. */
  exactBelow: number;
}

export type IndexMode = 'none' | 'exact' | 'hnsw';

/** What the worker's in-memory index holds. */
export interface IndexSnapshot {
  mode: IndexMode;
  /** LanceDB table version the in-memory index reflects; null before the first load or sync. */
  tableVersion: number | null;
  count: number;
  /** Why the files on disk were not used when opening (missing, corrupt, other parameters...). */
  problem: string | null;
  /** Where the current contents came from. */
  loadedFrom: 'file' | 'table' | null;
  /** Last time the index was written to disk (ISO), null if never by this worker. */
  savedAt: string | null;
  /** What the last sync did: vectors added and removed, and whether it started from scratch. */
  lastSync: { added: number; removed: number; rebuilt: boolean } | null;
}

export type IndexRequest =
  { op: 'open' } | { op: 'sync' } | { op: 'search'; vector: Float32Array; k: number } | { op: 'save' };

export interface SearchReply {
  keys: BigUint64Array;
  /** Inner-product distances (1 - cosine). */
  distances: Float32Array;
}

export type IndexResponse =
  | { id: number; ok: true; result: IndexSnapshot | SearchReply }
  | { id: number; ok: false; error: { message: string; stack?: string } };

export interface IndexProgress {
  event: 'progress';
  done: number;
  total: number;
}

export type IndexWorkerMessage = IndexResponse | IndexProgress;
