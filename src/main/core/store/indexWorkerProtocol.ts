import type { HnswParameters } from './hnswParameters';
import type { IndexScalar } from './indexScalar';
import type { ExpansionRule } from './searchExpansion';

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
  /**
   * How the search deepens as the graph grows (default EXPANSION_RULE; its base is always
   * params.expansionSearch). Tests inject a rule that grows at small sizes.
   */
  expansionRule?: ExpansionRule;
  /** How a graph built from scratch stores vectors (a loaded one keeps its recorded kind). */
  scalar: IndexScalar;
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
  /** How the in-memory graph stores vectors (exact search and no index: f32). */
  scalar: IndexScalar;
  /** The ef_search the graph is searched with at its current size (null without a graph). */
  expansionSearch: number | null;
  /** Why the files on disk were not used when opening (missing, corrupt, other parameters...). */
  problem: string | null;
  /**
   * Where the current contents came from: a saved file (opened, or loaded by a sync because another
   * index had saved a newer state; a sync then adds only what the file lacked), or the table.
   */
  loadedFrom: 'file' | 'table' | null;
  /** Last time the index was written to disk (ISO), null if never by this worker. */
  savedAt: string | null;
  /** What the last sync did: vectors added and removed, and whether it started from scratch. */
  lastSync: { added: number; removed: number; rebuilt: boolean } | null;
}

export interface SearchReply {
  keys: BigUint64Array;
  /** Inner-product distances (1 - cosine). */
  distances: Float32Array;
}

/** Vectors found for some of the asked keys: `vectors` holds one row of `dims` floats per found key. */
export interface VectorsReply {
  keys: BigUint64Array;
  vectors: Float32Array;
}

/** The index worker's protocol; requests run strictly one after another. */
export type IndexWorkerProtocol = {
  /** Loads the saved index if it is intact (else notes the problem). */
  open: { request: null; reply: IndexSnapshot };
  /** Brings the index up to the table's current version (progress as 'progress' events). */
  sync: { request: null; reply: IndexSnapshot };
  search: { request: { vector: Float32Array; k: number }; reply: SearchReply };
  /** The exact f32 vectors the index holds for some keys (see IndexEngine.vectors). */
  vectors: { request: { keys: BigUint64Array }; reply: VectorsReply };
  /** Writes the index to disk if it changed. */
  save: { request: null; reply: IndexSnapshot };
};

/** Build progress, sent as the worker's 'progress' event (opening may build too, not only sync). */
export interface IndexProgress {
  done: number;
  total: number;
}
