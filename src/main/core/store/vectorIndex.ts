import { RpcClient } from '../workerRpc/rpcClient';
import { workerThreadEndpoint } from '../workerRpc/rpcEndpoint';
import { spawnWorker } from '../workers/spawnWorker';
import { EXACT_SEARCH_BELOW, HNSW_PARAMETERS } from './hnswParameters';
import { DEFAULT_INDEX_SCALAR, type IndexScalar } from './indexScalar';
import type {
  IndexMode,
  IndexProgress,
  IndexSnapshot,
  IndexWorkerData,
  IndexWorkerProtocol,
} from './indexWorkerProtocol';
import type { LibraryStore } from './libraryStore';
import type { ExpansionRule } from './searchExpansion';
import { ModelMismatchError } from './storeErrors';
import type { VectorModel } from './storeTypes';
import { vectorsTableName } from './tableSchemas';

/**
 * The caller's handle on one model's vector index (a USearch HNSW graph, or an exact-search matrix
 * for small libraries), which lives in a worker thread (workers/index.worker.ts).
 *
 * The index is a cache of the model's LanceDB vectors table and knows which table version it
 * reflects. It answers only while that equals the table's current version ('ready'); otherwise
 * search() returns null, a background sync is started, and the caller searches exactly in LanceDB
 * meanwhile. So a corrupt, stale or missing index file never makes search wrong or unavailable, only
 * slower until the worker has caught up.
 */

export type IndexState = 'ready' | 'rebuilding' | 'stale';

export interface VectorIndexStatus {
  modelId: string;
  state: IndexState;
  mode: IndexMode;
  /** How the graph stores vectors (f32 for exact search). */
  scalar: IndexScalar;
  /** The ef_search the graph is searched with at its current size (null for exact search). */
  expansionSearch: number | null;
  /** Vectors in the in-memory index. */
  vectors: number;
  /** Table version the index reflects / the table's current version (null: no vectors table yet). */
  indexedVersion: number | null;
  tableVersion: number | null;
  /** Why the index is being rebuilt (corrupt file, other parameters, last sync failed...). */
  problem: string | null;
  progress: { done: number; total: number } | null;
  savedAt: string | null;
  /** Where the index came from (its saved file, or built from the table) and what the last sync did. */
  loadedFrom: IndexSnapshot['loadedFrom'];
  lastSync: IndexSnapshot['lastSync'];
}

export interface VectorHit {
  key: bigint;
  /** Cosine similarity. */
  score: number;
}

export interface OpenVectorIndexOptions {
  /** Start a background sync right away if the index is not current (default true). */
  autoSync?: boolean;
  /** How a graph built from scratch stores vectors (default {@link DEFAULT_INDEX_SCALAR}). */
  scalar?: IndexScalar;
  /**
   * Below this many vectors search is exact and no graph is built (default {@link EXACT_SEARCH_BELOW});
   * tests lower it to get an HNSW index from a small library.
   */
  exactSearchBelow?: number;
  /**
   * How the search deepens as the graph grows (default EXPANSION_RULE in searchExpansion.ts); tests inject one
   * that grows at a few thousand vectors.
   */
  expansionRule?: ExpansionRule;
  /** Told after every sync, background ones included: the index is current again, or it failed. */
  onSynced?: (outcome: SyncOutcome) => void;
}

/** What a finished sync left: the index current at `vectors`, or the error that stopped it. */
export type SyncOutcome = { ok: true; vectors: number } | { ok: false; vectors: number; problem: string };

export class VectorIndex {
  private readonly worker: RpcClient<IndexWorkerProtocol>;
  private snapshot: IndexSnapshot = {
    mode: 'none',
    tableVersion: null,
    count: 0,
    scalar: 'f32',
    expansionSearch: null,
    problem: null,
    loadedFrom: null,
    savedAt: null,
    lastSync: null,
  };
  private running: Promise<IndexSnapshot> | null = null;
  private queued: Promise<IndexSnapshot> | null = null;
  private progress: { done: number; total: number } | null = null;
  private lastError: string | null = null;
  private closed = false;

  private constructor(
    private readonly store: LibraryStore,
    readonly model: VectorModel,
    data: IndexWorkerData,
    private readonly onSynced: OpenVectorIndexOptions['onSynced'],
  ) {
    this.worker = new RpcClient<IndexWorkerProtocol>({
      name: 'index worker',
      start: () => workerThreadEndpoint(spawnWorker('index', { workerData: data }), 'index worker'),
      onEvent: (name, payload) => {
        if (name === 'progress') this.progress = payload as IndexProgress;
      },
      // The worker died (out of memory, native crash): forget its index; the next sync starts afresh.
      onExit: (error) => {
        this.snapshot = { ...this.snapshot, tableVersion: null, mode: 'none', count: 0 };
        this.lastError = `index worker stopped: ${error.message}`;
      },
    });
  }

  /** Opens (loading a saved index if it is intact) and, by default, starts catching up in the background. */
  static async open(
    store: LibraryStore,
    model: VectorModel,
    options: OpenVectorIndexOptions = {},
  ): Promise<VectorIndex> {
    const registered = await store.models.get(model.id);
    if (registered && (registered.fingerprint !== model.fingerprint || registered.dims !== model.dims)) {
      throw new ModelMismatchError(model.id, registered.fingerprint, model.fingerprint);
    }
    const index = new VectorIndex(
      store,
      model,
      {
        lanceDir: store.lanceDir,
        indexDir: store.indexDir,
        modelId: model.id,
        fingerprint: model.fingerprint,
        dims: model.dims,
        table: registered?.table ?? vectorsTableName(model.id),
        params: HNSW_PARAMETERS,
        scalar: options.scalar ?? DEFAULT_INDEX_SCALAR,
        exactBelow: options.exactSearchBelow ?? EXACT_SEARCH_BELOW,
        ...(options.expansionRule ? { expansionRule: options.expansionRule } : {}),
      },
      options.onSynced,
    );
    index.snapshot = await index.worker.call('open', null);
    if ((options.autoSync ?? true) && (await index.status()).state !== 'ready') index.requestSync();
    return index;
  }

  async status(): Promise<VectorIndexStatus> {
    const tableVersion = await this.store.vectorsVersion(this.model.id);
    const state: IndexState = this.running
      ? 'rebuilding'
      : this.snapshot.tableVersion === tableVersion
        ? 'ready'
        : 'stale';
    return {
      modelId: this.model.id,
      state,
      mode: this.snapshot.mode,
      scalar: this.snapshot.scalar,
      expansionSearch: this.snapshot.expansionSearch,
      vectors: this.snapshot.count,
      indexedVersion: this.snapshot.tableVersion,
      tableVersion,
      problem: this.lastError ?? this.snapshot.problem,
      progress: this.running ? this.progress : null,
      savedAt: this.snapshot.savedAt,
      loadedFrom: this.snapshot.loadedFrom,
      lastSync: this.snapshot.lastSync,
    };
  }

  /**
   * The k nearest keys to a unit vector, or null if the index is not current (a sync is then under
   * way and the caller should search exactly). Over-fetch k yourself when filtering afterwards.
   */
  async search(vector: Float32Array, k: number): Promise<VectorHit[] | null> {
    if (this.closed || this.running) return null;
    const tableVersion = await this.store.vectorsVersion(this.model.id);
    if (this.snapshot.tableVersion !== tableVersion) {
      this.requestSync();
      return null;
    }
    if (tableVersion === null || this.snapshot.count === 0) return [];
    const reply = await this.worker.call('search', { vector, k });
    return Array.from(reply.keys, (key, i) => ({ key, score: 1 - (reply.distances[i] as number) }));
  }

  /**
   * The model's stored vectors for some chunk keys, as far as the index holds them (in memory or in
   * its rows file): the same f32 values as the vectors table, without a LanceDB query (which scans
   * the table's key column: the vectors table has no key index). Keys it lacks are absent; the map is
   * empty while the index is not current (as search() answers null then) or an f32 graph has no rows.
   */
  async vectors(keys: readonly bigint[]): Promise<Map<bigint, Float32Array>> {
    const out = new Map<bigint, Float32Array>();
    if (this.closed || this.running || keys.length === 0) return out;
    const tableVersion = await this.store.vectorsVersion(this.model.id);
    if (tableVersion === null || this.snapshot.tableVersion !== tableVersion) return out;
    const reply = await this.worker.call('vectors', { keys: BigUint64Array.from(keys) });
    const dims = this.model.dims;
    reply.keys.forEach((key, i) => out.set(key, reply.vectors.slice(i * dims, (i + 1) * dims)));
    return out;
  }

  /**
   * Brings the index up to the table's current version and resolves when done. Calls made while a
   * sync runs share one follow-up sync, which starts after the running one (so it sees their writes).
   */
  sync(): Promise<IndexSnapshot> {
    if (this.closed) return Promise.reject(new Error('vector index is closed'));
    if (!this.running) return this.startSync();
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.startSync();
      });
    return this.queued;
  }

  /** sync() in the background; failures show up in status().problem. */
  requestSync(): void {
    if (this.closed || this.queued) return;
    this.sync().catch(() => undefined);
  }

  /** Writes the index to disk now if it changed since the last save. */
  async flush(): Promise<void> {
    if (this.closed || !this.worker.running) return;
    await this.running?.catch(() => undefined);
    this.snapshot = await this.worker.call('save', null);
  }

  /**
   * Saves pending changes and stops the worker. A sync still running is abandoned rather than waited
   * for (a full build can take a minute): the next open resumes from the last saved index by diffing.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.running) await this.flush();
    } finally {
      this.closed = true;
      await this.worker.close();
    }
  }

  private startSync(): Promise<IndexSnapshot> {
    this.progress = null;
    const run = this.worker.call('sync', null).then(
      (snapshot) => {
        this.snapshot = snapshot;
        this.lastError = null;
        return snapshot;
      },
      (error: Error) => {
        this.lastError = `index sync failed: ${error.message}`;
        throw error;
      },
    );
    this.running = run;
    // Cleared before the listener hears of it, so a status() it asks for is no longer 'rebuilding'.
    run.then(
      (snapshot) => {
        if (this.running === run) this.running = null;
        if (!this.closed) this.onSynced?.({ ok: true, vectors: snapshot.count });
      },
      (error: Error) => {
        if (this.running === run) this.running = null;
        if (!this.closed)
          this.onSynced?.({
            ok: false,
            vectors: this.snapshot.count,
            problem: `index sync failed: ${error.message}`,
          });
      },
    );
    return run;
  }
}
