import fs from 'node:fs';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import * as lancedb from '@lancedb/lancedb';
import type { Table } from '@lancedb/lancedb';
import { ADD_SLICE, REBUILD_AFTER_REMOVED_SHARE } from './hnswParameters';
import { usearch, type UsearchIndex } from './loadUsearch';
import {
  collectIndexGarbage,
  readSidecar,
  removeIndexFiles,
  saveIndexFiles,
  sidecarPath,
  type IndexSidecar,
} from './indexFiles';
import { metricFor, RESCORE_FACTOR, usearchScalar, type IndexScalar } from './indexScalar';
import { loadSavedIndex } from './loadSavedIndex';
import { RescoreRows, searchRescored } from './rescoreRows';
import { EXPANSION_RULE, expansionSearchFor, searchAtExpansion } from './searchExpansion';
import type {
  IndexMode,
  IndexSnapshot,
  IndexWorkerData,
  SearchReply,
  VectorsReply,
} from './indexWorkerProtocol';
import { iterateVectorBatches, scanVectorKeys } from './vectorRows';

/** Save after this many changes relative to the index size, or this long after the last save. */
const SAVE_AFTER_CHANGED_SHARE = 0.1;
const SAVE_AFTER_MS = 60_000;

/**
 * The vector index of one model, inside the index worker. It holds either nothing, an exact-search
 * matrix (small libraries) or a USearch HNSW graph, and converges on the LanceDB vectors table by
 * diffing keys: sync() adds the vectors of keys it lacks and removes keys the table no longer has.
 * That one operation serves a first build, a rebuild after corruption, catching up after another
 * process wrote, and following the writer's own batches.
 */
export class IndexEngine {
  private mode: IndexMode = 'none';
  private hnsw: UsearchIndex | null = null;
  /** How the current graph stores vectors: a loaded index keeps its own kind until it is rebuilt. */
  private scalar: IndexScalar = 'f32';
  /** The f32 rows behind a quantised graph, for rescoring (null for f32). */
  private rows: RescoreRows | null = null;
  private exact: { keys: BigUint64Array; vectors: Float32Array } | null = null;
  private keys = new Set<bigint>();
  private tableVersion: number | null = null;
  private removedSinceBuild = 0;
  private changesSinceSave = 0;
  private lastSaveMs = 0;
  private savedAt: string | null = null;
  private problem: string | null = null;
  private loadedFrom: IndexSnapshot['loadedFrom'] = null;
  private lastSync: IndexSnapshot['lastSync'] = null;
  private table: Table | null = null;
  private db: lancedb.Connection | null = null;

  constructor(
    private readonly cfg: IndexWorkerData,
    private readonly progress: (done: number, total: number) => void = () => undefined,
  ) {}

  snapshot(): IndexSnapshot {
    const count =
      this.mode === 'hnsw' ? this.keys.size : this.mode === 'exact' ? (this.exact?.keys.length ?? 0) : 0;
    return {
      mode: this.mode,
      tableVersion: this.tableVersion,
      count,
      scalar: this.mode === 'hnsw' ? this.scalar : 'f32',
      expansionSearch: this.mode === 'hnsw' ? this.expansionSearch() : null,
      problem: this.problem,
      loadedFrom: this.loadedFrom,
      savedAt: this.savedAt,
      lastSync: this.lastSync,
    };
  }

  /** Loads the saved index if it is intact and was built for this model with these parameters. */
  open(): IndexSnapshot {
    const { indexDir, table } = this.cfg;
    const sidecar = readSidecar(indexDir, table);
    if (!sidecar) {
      this.problem = fs.existsSync(sidecarPath(indexDir, table)) ? 'index sidecar is unreadable' : null;
      return this.snapshot();
    }
    this.problem = this.loadSaved(sidecar);
    return this.snapshot();
  }

  /**
   * Replaces memory with a saved file set; returns why it cannot (memory is then left as it was).
   * Used by open(), and by sync() when another index (a job's, or another process's) has saved a
   * newer state than memory holds: loading that is a sequential read, where adding its new vectors
   * one by one costs an HNSW insert each (8.6 s for 1,484 vectors under load, and first a copy of the
   * whole f32 rows file for a quantised graph).
   */
  private loadSaved(sidecar: IndexSidecar): string | null {
    const loaded = loadSavedIndex(this.cfg, sidecar, (scalar) => this.newHnsw(scalar));
    if (typeof loaded === 'string') return loaded;
    this.rows?.close();
    this.rows = loaded.rows;
    this.exact = null;
    this.scalar = loaded.scalar;
    this.hnsw = loaded.hnsw;
    this.keys = new Set(loaded.keys);
    this.mode = 'hnsw';
    this.tableVersion = sidecar.tableVersion;
    this.removedSinceBuild = sidecar.removedSinceBuild;
    this.changesSinceSave = 0;
    this.loadedFrom = 'file';
    this.savedAt = sidecar.savedAt;
    this.lastSaveMs = Date.now();
    return null;
  }

  /**
   * A saved state newer than memory (but not past `version`, the table version being synced to),
   * loaded in its place; false when there is none or it cannot be loaded (the diff then does it all).
   * Only once memory holds a state: a first sync after a failed open() rebuilds from the table.
   */
  private loadNewerSave(version: number): boolean {
    if (this.tableVersion === null) return false;
    const saved = readSidecar(this.cfg.indexDir, this.cfg.table);
    if (!saved || saved.tableVersion <= this.tableVersion || saved.tableVersion > version) return false;
    return this.loadSaved(saved) === null;
  }

  /** Brings the index to the table's latest committed version. */
  async sync(): Promise<IndexSnapshot> {
    const table = await this.openTable();
    if (!table) {
      this.reset('none');
      this.tableVersion = null;
      return this.snapshot();
    }
    const version = await table.version();
    const reloaded = this.loadNewerSave(version);
    // Read one consistent snapshot even if the writer commits meanwhile; the next sync catches up.
    await table.checkout(version);
    try {
      const tableKeys = new Set(await scanVectorKeys(table));
      // Hysteresis: a library hovering around the threshold should not rebuild on every batch.
      const threshold = this.mode === 'hnsw' ? this.cfg.exactBelow / 2 : this.cfg.exactBelow;
      this.lastSync =
        tableKeys.size < threshold ? await this.loadExact(table) : await this.syncHnsw(table, tableKeys);
    } finally {
      await table.checkoutLatest();
    }
    this.tableVersion = version;
    this.loadedFrom = reloaded && this.mode === 'hnsw' ? 'file' : 'table';
    this.problem = null;
    this.save(false);
    return this.snapshot();
  }

  search(vector: Float32Array, k: number): SearchReply {
    // USearch's exactSearch ignores a typed array's byteOffset: always hand it offset-0 arrays.
    const query = vector.byteOffset === 0 ? vector : vector.slice();
    if (this.mode === 'hnsw' && this.hnsw && this.keys.size > 0) {
      // The depth follows the graph's size as it is now: loaded or grown, no rebuild needed.
      const expansion = this.expansionSearch();
      if (this.rows) {
        const wanted = Math.min(k * RESCORE_FACTOR[this.scalar], this.keys.size);
        return searchRescored(this.hnsw, this.rows, query, k, wanted, expansion);
      }
      const m = searchAtExpansion(this.hnsw, query, Math.min(k, this.keys.size), expansion);
      return trimMatches(m.keys, m.distances);
    }
    if (this.mode === 'exact' && this.exact && this.exact.keys.length > 0) {
      const m = usearch.exactSearch(
        this.exact.vectors,
        query,
        this.cfg.dims,
        Math.min(k, this.exact.keys.length),
        usearch.MetricKind.IP,
        1,
      );
      const rows = m.keys as BigUint64Array;
      const keys = new BigUint64Array(rows.length);
      for (let i = 0; i < rows.length; i++) keys[i] = this.exact.keys[Number(rows[i])] as bigint;
      return { keys, distances: Float32Array.from(m.distances) };
    }
    return { keys: new BigUint64Array(0), distances: new Float32Array(0) };
  }

  /**
   * The exact f32 vectors held for some keys: an exact-search matrix holds them, a quantised graph
   * has them in its rows file, an f32 graph without a rows file gives none (the caller reads LanceDB).
   */
  vectors(keys: BigUint64Array): VectorsReply {
    if (this.mode === 'hnsw' && this.rows) return this.rows.vectors(keys);
    if (this.mode !== 'exact' || !this.exact)
      return { keys: new BigUint64Array(0), vectors: new Float32Array(0) };
    const { dims } = this.cfg;
    const wanted = new Set(keys);
    const found: bigint[] = [];
    const rows: number[] = [];
    this.exact.keys.forEach((key, row) => {
      if (wanted.has(key)) {
        wanted.delete(key);
        found.push(key);
        rows.push(row);
      }
    });
    const vectors = new Float32Array(found.length * dims);
    rows.forEach((row, i) =>
      vectors.set(this.exact!.vectors.subarray(row * dims, (row + 1) * dims), i * dims),
    );
    return { keys: BigUint64Array.from(found), vectors };
  }

  /** Writes the HNSW index if forced or due (exact mode has nothing worth saving). */
  save(force: boolean): IndexSnapshot {
    if (this.mode !== 'hnsw' || !this.hnsw || this.tableVersion === null) return this.snapshot();
    const due =
      this.savedAt === null ||
      this.changesSinceSave >= SAVE_AFTER_CHANGED_SHARE * Math.max(1, this.keys.size) ||
      (this.changesSinceSave > 0 && Date.now() - this.lastSaveMs >= SAVE_AFTER_MS);
    if (!force && !due) return this.snapshot();
    if (force && this.changesSinceSave === 0 && this.savedAt !== null) return this.snapshot();
    // Never replace a newer saved state (another index's) with this older one.
    const onDisk = readSidecar(this.cfg.indexDir, this.cfg.table);
    if (onDisk && onDisk.tableVersion > this.tableVersion) return this.snapshot();
    const hnsw = this.hnsw;
    const rows = this.rows;
    const keys = BigUint64Array.from(this.keys);
    rows?.sync();
    const sidecar = saveIndexFiles(
      this.cfg.indexDir,
      this.cfg.table,
      (file) => hnsw.save(file),
      keys,
      {
        modelId: this.cfg.modelId,
        fingerprint: this.cfg.fingerprint,
        dims: this.cfg.dims,
        metric: 'ip',
        params: this.cfg.params,
        tableVersion: this.tableVersion,
        count: this.keys.size,
        removedSinceBuild: this.removedSinceBuild,
        scalar: this.scalar,
      },
      rows ? { ...rows.saved, rowmap: Uint32Array.from(keys, (key) => rows.rowOf.get(key)!) } : undefined,
    );
    collectIndexGarbage(this.cfg.indexDir, this.cfg.table, sidecar);
    this.changesSinceSave = 0;
    this.lastSaveMs = Date.now();
    this.savedAt = sidecar.savedAt;
    return this.snapshot();
  }

  close(): void {
    this.rows?.close();
    this.table?.close();
    this.db?.close();
  }

  private async syncHnsw(
    table: Table,
    tableKeys: Set<bigint>,
  ): Promise<NonNullable<IndexSnapshot['lastSync']>> {
    let toRemove = [...this.keys].filter((k) => !tableKeys.has(k));
    const tombstones = this.removedSinceBuild + toRemove.length;
    const rebuilt =
      !this.hnsw ||
      this.mode !== 'hnsw' ||
      tombstones > REBUILD_AFTER_REMOVED_SHARE * Math.max(1, this.keys.size);
    if (rebuilt) {
      this.reset('hnsw');
      this.scalar = this.cfg.scalar;
      this.hnsw = this.newHnsw(this.scalar);
      if (this.scalar !== 'f32')
        this.rows = RescoreRows.create(this.cfg.indexDir, this.cfg.table, this.cfg.dims);
      toRemove = [];
    }
    const hnsw = this.hnsw as UsearchIndex;
    if (toRemove.length > 0) {
      hnsw.remove(BigUint64Array.from(toRemove));
      this.rows?.forget(toRemove);
      for (const key of toRemove) this.keys.delete(key);
      this.removedSinceBuild += toRemove.length;
    }
    const wanted = new Set([...tableKeys].filter((k) => !this.keys.has(k)));
    const total = wanted.size;
    // A few missing keys are fetched by key; a big gap (first build) is a straight scan.
    const source =
      total > 0.3 * tableKeys.size
        ? iterateVectorBatches(table, this.cfg.dims)
        : iterateVectorBatches(table, this.cfg.dims, { keys: [...wanted] });
    let done = 0;
    for await (const batch of total === 0 ? emptyBatches() : source) {
      const rows: number[] = [];
      for (let i = 0; i < batch.keys.length; i++) {
        if (wanted.delete(batch.keys[i] as bigint)) rows.push(i);
      }
      for (let s = 0; s < rows.length; s += ADD_SLICE) {
        const slice = rows.slice(s, s + ADD_SLICE);
        const keys = new BigUint64Array(slice.length);
        const vectors = new Float32Array(slice.length * this.cfg.dims);
        slice.forEach((row, j) => {
          keys[j] = batch.keys[row] as bigint;
          vectors.set(
            batch.vectors.subarray(row * this.cfg.dims, (row + 1) * this.cfg.dims),
            j * this.cfg.dims,
          );
        });
        hnsw.add(keys, vectors, 0);
        this.rows?.append(keys, vectors);
        for (const key of keys) this.keys.add(key);
        done += slice.length;
        this.progress(done, total);
        await yieldToEvents();
      }
    }
    this.changesSinceSave += done + toRemove.length;
    this.mode = 'hnsw';
    return { added: done, removed: toRemove.length, rebuilt };
  }

  private async loadExact(table: Table): Promise<NonNullable<IndexSnapshot['lastSync']>> {
    const before = this.mode === 'exact' ? new Set(this.exact?.keys ?? []) : new Set<bigint>();
    const keys: bigint[] = [];
    const parts: Float32Array[] = [];
    const seen = new Set<bigint>();
    for await (const batch of iterateVectorBatches(table, this.cfg.dims)) {
      for (let i = 0; i < batch.keys.length; i++) {
        const key = batch.keys[i] as bigint;
        if (seen.has(key)) continue;
        seen.add(key);
        keys.push(key);
        parts.push(batch.vectors.subarray(i * this.cfg.dims, (i + 1) * this.cfg.dims));
      }
    }
    const vectors = new Float32Array(keys.length * this.cfg.dims);
    parts.forEach((v, i) => vectors.set(v, i * this.cfg.dims));
    const wasHnsw = this.mode === 'hnsw' || fs.existsSync(sidecarPath(this.cfg.indexDir, this.cfg.table));
    this.reset('exact');
    this.exact = { keys: BigUint64Array.from(keys), vectors };
    // An index file left from when the library was bigger would only mislead a later open.
    if (wasHnsw) removeIndexFiles(this.cfg.indexDir, this.cfg.table);
    const added = keys.filter((k) => !before.has(k)).length;
    return { added, removed: before.size - (keys.length - added), rebuilt: true };
  }

  private reset(mode: IndexMode): void {
    this.mode = mode;
    this.hnsw = null;
    this.rows?.close();
    this.rows = null;
    this.exact = null;
    this.keys = new Set();
    this.removedSinceBuild = 0;
    this.savedAt = null;
  }

  /**
   * The ef_search for the graph's current size (searchExpansion.ts). The constructed expansion_search
   * (the saved parameters, so existing index files stay valid) is its floor.
   */
  private expansionSearch(): number {
    const rule = { ...(this.cfg.expansionRule ?? EXPANSION_RULE), min: this.cfg.params.expansionSearch };
    return expansionSearchFor(this.keys.size, rule);
  }

  private newHnsw(scalar: IndexScalar): UsearchIndex {
    const { dims, params } = this.cfg;
    return new usearch.Index({
      dimensions: dims,
      metric: metricFor(scalar),
      quantization: usearchScalar(scalar),
      connectivity: params.connectivity,
      expansion_add: params.expansionAdd,
      expansion_search: params.expansionSearch,
      multi: false,
    });
  }

  private async openTable(): Promise<Table | null> {
    if (this.table) return this.table;
    this.db ??= await lancedb.connect(this.cfg.lanceDir, { readConsistencyInterval: 0 });
    if (!(await this.db.tableNames()).includes(this.cfg.table)) return null;
    this.table = await this.db.openTable(this.cfg.table);
    return this.table;
  }
}

async function* emptyBatches(): AsyncGenerator<never> {}

/** Drops USearch's padding (missing neighbours come back as the all-ones key). */
function trimMatches(keys: BigUint64Array, distances: Float32Array): SearchReply {
  let n = keys.length;
  while (n > 0 && keys[n - 1] === 0xffffffffffffffffn) n--;
  return { keys: keys.slice(0, n), distances: distances.slice(0, n) };
}
