/**
 * The library store: LanceDB is the source of truth; vector index files (vectorIndex.ts) are caches.
 *
 * Layout of a library directory:
 *   lance/         LanceDB database: meta, sources, documents, chunks, vectors_<model> (one per model)
 *   index/         USearch index files + sidecars (throw-away, rebuilt from lance/)
 *   writer.lock    held by the one process allowed to write (writerLock.ts)
 *
 * COMMIT PROTOCOL (crash safety). LanceDB commits each table operation atomically (a new manifest),
 * but there are no transactions across tables. Visibility is therefore decided by one row: a chunk
 * (or vector) row is visible only if the `documents` row for its docId has status 'ok' or 'partial' AND the same
 * `generation`. A generation is a content hash of the document's chunks (chunkIdentity.ts), and chunk
 * ids/keys derive from it. upsertDocuments() writes, in this order:
 *   1. chunks rows of the new generation (merge-insert on chunk id: a retry inserts nothing twice)
 *   2. vectors rows for every model given (merge-insert on chunkId)
 *   3. the documents rows (merge-insert on id) carrying the new generation: THE COMMIT POINT. Before
 *      it, search still joins the old generation; after it, only the new one. A reader never sees a
 *      mix, whatever instant it reads at.
 *   4. clean-up: delete chunks/vectors of these documents whose generation is not the committed one.
 * removeDocuments() deletes the documents rows first (invisible at once), then their chunks/vectors.
 * A crash between any two steps leaves only invisible rows; opening the library for writing runs a
 * recovery pass (recoverOrphans.ts) that deletes every chunk/vector row not matching a committed
 * document. Re-ingesting unchanged content yields the same generation and ids: an idempotent no-op.
 *
 * Readers open with { readonly: true }: no lock, no recovery, and every read checks for the latest
 * committed version, so a running app sees `loci add` commits as they land.
 */
import type { Table } from '@lancedb/lancedb';
import type { RecordBatch } from 'apache-arrow';
import path from 'node:path';
import {
  exactVectorHits,
  readChunks,
  readChunksByKeys,
  type DocumentKeywordHit,
  type VectorKeyHit,
} from './chunkQueries';
import { contextOfGeneration } from './chunkIdentity';
import { DocumentCatalogCache, type DocumentCatalog } from './documentCatalog';
import { filtersToSql, sqlAnd, sqlInList, sqlString } from './filterSql';
import { removeIndexFiles } from './indexFiles';
import type { KeywordQuery } from './keywordQuery';
import { KeywordSearch } from './keywordSearch';
import {
  ModelRegistry,
  libraryPaths,
  openLibraryTables,
  readMeta,
  writeMeta,
  type LibraryTables,
} from './libraryTables';
import { readOcrPages } from './ocrPageRows';
import { prepareUpserts, withStems } from './prepareUpserts';
import { deleteOrphanRows } from './recoverOrphans';
import { toChunkRow, toDocumentRecord, toDocumentRow, toSourceRecord } from './rowConversion';
import { ReadonlyLibraryError, UnknownModelError } from './storeErrors';
import {
  DOCUMENT_STATUSES,
  type ChunkHit,
  type ChunkInput,
  type ChunkRecord,
  type DateSource,
  type DocumentFilters,
  type DocumentInput,
  type DocumentRecord,
  type DocumentUpsert,
  type LibraryCounts,
  type ModelRecord,
  type ModelVectors,
  type OcrPageRecord,
  type SourceRecord,
  isIndexed,
  type VectorModel,
} from './storeTypes';
import { TABLES } from './tableSchemas';
import { compactIfFragmented, refreshKeywordIndex, type MaintenanceReport } from './tableMaintenance';
import { iterateVectorBatches, type VectorBatch } from './vectorRows';
import { scanBatches } from './arrowColumns';
import { acquireWriterLock, type WriterLock } from './writerLock';

export interface OpenLibraryOptions {
  /** Open without the writer lock; writes throw. Default false. */
  readonly?: boolean;
  /** Named in the lock file, so a blocked writer can say who holds the library (`loci add`). */
  command?: string;
  /** A writer lock the caller already holds (a repair takes it before the tables can be opened). */
  lock?: WriterLock;
}

/** Meta key of the chunk context the library embeds with. */
const CHUNK_CONTEXT_KEY = 'chunkContext';
/** Meta key present while commitChunkContext switches the library to another chunk context. */
const CHUNK_CONTEXT_SWITCH_KEY = 'chunkContextSwitch';

export interface RecoveryReport {
  orphanChunks: number;
  orphanVectors: number;
  /** OCR word-box rows (`ocr_pages`) of documents or versions that no longer exist. */
  orphanOcrPages: number;
}

export class LibraryStore {
  private writeQueue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The library's chunk context (what is embedded with each chunk) as last read, by meta version. */
  private chunkContextRead: { version: number; value: string | null } | null = null;
  /** BM25 over chunks and whole documents, with the migrated columns' readiness (keywordSearch.ts). */
  private readonly keyword: KeywordSearch;

  private constructor(
    readonly dir: string,
    readonly readonly: boolean,
    private readonly lance: LibraryTables,
    readonly models: ModelRegistry,
    private readonly catalogs: DocumentCatalogCache,
    private readonly lock: WriterLock | null,
    /** What the recovery pass removed when this store was opened (zeros for read-only opens). */
    readonly recovery: RecoveryReport,
  ) {
    this.keyword = new KeywordSearch(lance);
  }

  /**
   * Opens (and for writers, creates) the library at `dir`. Writers take the writer lock (throwing
   * LibraryLockedError naming the holder) and run crash recovery before returning.
   */
  static async open(dir: string, options: OpenLibraryOptions = {}): Promise<LibraryStore> {
    const readonly = options.readonly ?? false;
    const absolute = path.resolve(dir);
    const lock = readonly ? null : (options.lock ?? acquireWriterLock(absolute, options.command ?? 'loci'));
    try {
      const lance = await openLibraryTables(absolute, readonly);
      const models = new ModelRegistry(lance);
      const catalogs = new DocumentCatalogCache(lance.documents);
      const recovery = { orphanChunks: 0, orphanVectors: 0, orphanOcrPages: 0 };
      if (!readonly) {
        const catalog = await catalogs.get();
        recovery.orphanChunks = await deleteOrphanRows(lance.chunks, catalog);
        if (lance.ocrPages) recovery.orphanOcrPages = await deleteOrphanRows(lance.ocrPages, catalog);
        for (const { table } of await models.allTables())
          recovery.orphanVectors += await deleteOrphanRows(table, catalog);
        await reconcileChunkContext(lance, catalog);
      }
      return new LibraryStore(absolute, readonly, lance, models, catalogs, lock, recovery);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  get indexDir(): string {
    return libraryPaths(this.dir).indexDir;
  }

  get lanceDir(): string {
    return libraryPaths(this.dir).lanceDir;
  }

  // ---- writes -------------------------------------------------------------------------------------

  /** Writes (or replaces) one document with its chunks and vectors; see the commit protocol above. */
  async upsertDocument(
    doc: DocumentInput,
    chunks: readonly ChunkInput[],
    vectors: readonly ModelVectors[],
  ): Promise<DocumentRecord> {
    const [record] = await this.upsertDocuments([{ doc, chunks, vectors }]);
    return record as DocumentRecord;
  }

  /**
   * Writes a batch of documents with one commit per table (fewer LanceDB versions than one call per
   * document). Documents that are not `ok` are stored without chunks. Returns the committed rows.
   */
  async upsertDocuments(entries: readonly DocumentUpsert[]): Promise<DocumentRecord[]> {
    return this.write(async () => {
      const docs = await this.stage(entries, (await this.chunkContext()) ?? 'none');
      if (docs.length > 0) await this.commit(docs);
      return docs;
    });
  }

  /**
   * Re-embedding with another chunk context (library/reembedText.ts), step one: writes new versions
   * of documents (chunks, vectors, OCR pages under generations of `chunkContext`) without showing
   * them. Until commitChunkContext they are invisible, and a writer opening the library after a
   * crash removes them as orphans.
   */
  async stageDocuments(entries: readonly DocumentUpsert[], chunkContext: string): Promise<DocumentRecord[]> {
    return this.write(() => this.stage(entries, chunkContext));
  }

  /**
   * Step two: shows every staged version at once (one commit of the documents table, so no reader
   * ever sees vectors of two recipes), drops the versions they replace, and records `chunkContext`
   * as the library's. A crash between the commit and the record is finished by the next writer
   * (reconcileChunkContext).
   */
  async commitChunkContext(docs: readonly DocumentRecord[], chunkContext: string): Promise<void> {
    await this.write(async () => {
      await writeMeta(this.lance.meta, CHUNK_CONTEXT_SWITCH_KEY, chunkContext);
      if (docs.length > 0) await this.commit(docs);
      await writeMeta(this.lance.meta, CHUNK_CONTEXT_KEY, chunkContext);
      await this.lance.meta.delete(`\`key\` = '${CHUNK_CONTEXT_SWITCH_KEY}'`);
    });
  }

  /** Steps 1-2 of the commit protocol: chunks, vectors and OCR pages, invisible until commit(). */
  private async stage(entries: readonly DocumentUpsert[], chunkContext: string): Promise<DocumentRecord[]> {
    const prepared = prepareUpserts(entries, chunkContext);
    const { docs, vectorRows, ocrPageRows } = prepared;
    if (docs.length === 0) return [];
    const chunkRows = await withStems(prepared);
    // Resolve (and check) every model before writing anything: a fingerprint mismatch fails clean.
    const vectorTables: Array<{ table: Table; rows: Array<Record<string, unknown>> }> = [];
    for (const { model, rows } of vectorRows)
      vectorTables.push({ table: await this.models.ensure(model), rows });
    // 1. chunks  2. vectors  (invisible until step 3)
    if (chunkRows.length > 0) {
      await this.lance.chunks.mergeInsert('id').whenNotMatchedInsertAll().execute(chunkRows.map(toChunkRow));
    }
    for (const { table, rows } of vectorTables) {
      await table.mergeInsert('chunkId').whenNotMatchedInsertAll().execute(rows);
    }
    const ocrPages = this.lance.ocrPages;
    if (ocrPages && ocrPageRows.length > 0)
      await ocrPages.mergeInsert('id').whenNotMatchedInsertAll().execute(ocrPageRows);
    return docs;
  }

  /** Steps 3-4: the document rows (the commit point), then the replaced generations' rows go. */
  private async commit(docs: readonly DocumentRecord[]): Promise<void> {
    // 3. commit point
    await this.lance.documents
      .mergeInsert('id')
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute(docs.map(toDocumentRow));
    // 4. clean-up of replaced generations, in bounded predicates (a whole library re-embedded)
    const ocrPages = this.lance.ocrPages;
    const tables = [this.lance.chunks, ...(ocrPages ? [ocrPages] : [])];
    for (const { table } of await this.models.allTables()) tables.push(table);
    for (let i = 0; i < docs.length; i += 500) {
      const part = docs.slice(i, i + 500);
      const stale = sqlAnd([
        sqlInList(
          'docId',
          part.map((d) => d.id),
        ),
        `NOT (${sqlInList(
          'generation',
          part.map((d) => d.generation),
        )})`,
      ]) as string;
      for (const table of tables) await table.delete(stale);
    }
    await refreshKeywordIndex(this.lance.chunks); // the keyword index must hold every row
  }

  /**
   * Sets documents' own dates without touching anything else (the dates-only pass of a sync, for
   * documents indexed before dates were stored): one commit for the batch. Ids no longer in the
   * table are ignored. Returns how many rows were updated.
   */
  async setDocumentDates(
    dates: ReadonlyArray<{ id: string; docDate: number; dateSource: DateSource }>,
  ): Promise<number> {
    if (dates.length === 0) return 0;
    return this.write(async () => {
      const byId = new Map(dates.map((d) => [d.id, d]));
      const rows = (await this.lance.documents
        .query()
        .where(sqlInList('id', byId.keys()))
        .toArray()) as Array<Record<string, unknown>>;
      const updated = rows.map((row) => {
        const doc = toDocumentRecord(row);
        const date = byId.get(doc.id)!;
        return toDocumentRow({ ...doc, docDate: date.docDate, dateSource: date.dateSource });
      });
      if (updated.length > 0)
        await this.lance.documents.mergeInsert('id').whenMatchedUpdateAll().execute(updated);
      return updated.length;
    });
  }

  /** Removes documents and everything derived from them. Returns how many documents existed. */
  async removeDocuments(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.write(async () => {
      const where = sqlInList('id', ids);
      const existing = await this.lance.documents.countRows(where);
      await this.lance.documents.delete(where); // invisible from here on
      const byDoc = sqlInList('docId', ids);
      await this.lance.chunks.delete(byDoc);
      await this.lance.ocrPages?.delete(byDoc);
      for (const { table } of await this.models.allTables()) await table.delete(byDoc);
      return existing;
    });
  }

  /**
   * Deletes documents' stored OCR pages. A re-index of unchanged content rewrites the same row ids,
   * which merges keep as they are: the repair drops unreadable word boxes first, then indexes again.
   */
  async deleteOcrPages(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(async () => {
      await this.lance.ocrPages?.delete(sqlInList('docId', ids));
    });
  }

  async removeDocument(id: string): Promise<boolean> {
    return (await this.removeDocuments([id])) > 0;
  }

  async addSource(sourcePath: string): Promise<SourceRecord> {
    return this.write(async () => {
      const record = { path: sourcePath, addedAt: Date.now() };
      await this.lance.sources.mergeInsert('path').whenNotMatchedInsertAll().execute([record]);
      return (await this.listSources()).find((s) => s.path === sourcePath) ?? record;
    });
  }

  /** Forgets a source folder and removes its documents. */
  async removeSource(sourcePath: string): Promise<void> {
    const docs = await this.listDocuments({ sources: [sourcePath] });
    await this.removeDocuments(docs.map((d) => d.id));
    await this.write(() => this.lance.sources.delete(`\`path\` = ${sqlString(sourcePath)}`));
  }

  /** Deletes a model's vectors (e.g. before re-indexing with a changed model). */
  async dropModel(modelId: string): Promise<void> {
    await this.write(async () => {
      const record = await this.models.get(modelId);
      await this.models.drop(modelId);
      // Its index cache is worthless now (a VectorIndex still open on it drops to empty on next sync).
      if (record) removeIndexFiles(this.indexDir, record.table);
    });
  }

  /**
   * Compacts fragmented tables (and folds any unindexed chunk rows into the keyword index, which
   * upsertDocuments() already does after each batch). Call at the end of an ingest job; `force`
   * compacts whatever has more than one small fragment.
   */
  async maintain(options: { force?: boolean } = {}): Promise<MaintenanceReport[]> {
    const force = options.force ?? false;
    return this.write(async () => {
      const reports = [await refreshKeywordIndex(this.lance.chunks)];
      reports.push(await compactIfFragmented(this.lance.documents, force));
      if (this.lance.ocrPages) reports.push(await compactIfFragmented(this.lance.ocrPages, force));
      for (const { table } of await this.models.allTables())
        reports.push(await compactIfFragmented(table, force));
      return reports;
    });
  }

  // ---- reads --------------------------------------------------------------------------------------

  /** Committed document rows, in memory, refreshed when the documents table changes. */
  async catalog(): Promise<DocumentCatalog> {
    return this.catalogs.get();
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    return (await this.catalog()).byId.get(id) ?? null;
  }

  /** Documents matching the filters (all statuses unless `statuses` says otherwise), by path. */
  async listDocuments(filters: DocumentFilters = {}): Promise<DocumentRecord[]> {
    const where = filtersToSql(filters, 'documents');
    const query = where ? this.lance.documents.query().where(where) : this.lance.documents.query();
    const rows = (await query.toArray()) as Array<Record<string, unknown>>;
    return rows.map(toDocumentRecord).sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The visible chunks of a document, in order (empty for unknown documents and those without chunks). */
  async getChunks(docId: string): Promise<ChunkRecord[]> {
    const doc = await this.getDocument(docId);
    if (!doc || !isIndexed(doc.status)) return [];
    const where = `\`docId\` = ${sqlString(docId)} AND \`generation\` = ${sqlString(doc.generation)}`;
    return (await readChunks(this.lance.chunks, where)).sort((a, b) => a.ordinal - b.ordinal);
  }

  /**
   * The OCR'd pages of a document (text and word boxes), by page; empty for documents without any,
   * and for libraries written before OCR pages were stored.
   */
  async getOcrPages(docId: string): Promise<OcrPageRecord[]> {
    const doc = await this.getDocument(docId);
    if (!doc || !isIndexed(doc.status)) return [];
    const table = await this.ocrPagesTable();
    return table ? readOcrPages(table, docId, doc.generation) : [];
  }

  /** The ocr_pages table; a reader opened before a writer created it looks again. */
  private async ocrPagesTable(): Promise<Table | null> {
    if (this.lance.ocrPages) return this.lance.ocrPages;
    if (!(await this.lance.db.tableNames()).includes(TABLES.ocrPages)) return null;
    this.lance.ocrPages = await this.lance.db.openTable(TABLES.ocrPages);
    return this.lance.ocrPages;
  }

  /** Chunk rows for vector keys, visible or not (search joins them against the catalog). */
  async chunksByKeys(keys: readonly bigint[]): Promise<ChunkRecord[]> {
    return readChunksByKeys(this.lance.chunks, keys);
  }

  /** BM25 hits on chunk text; `where` (filtersToSql) is applied before ranking. */
  keywordHits(
    query: string | KeywordQuery,
    options: { where?: string | null; limit: number },
  ): Promise<ChunkHit[]> {
    return this.keyword.chunkHits(query, options);
  }

  /**
   * Whole-document BM25 scores (documentText.ts) of the documents best matching a keyword query's
   * words, best first; [] before schema version 5. Visibility is the caller's job, as for keywordHits.
   */
  documentKeywordHits(
    query: KeywordQuery,
    options: { where?: string | null; limit: number },
  ): Promise<DocumentKeywordHit[]> {
    return this.keyword.documentHits(query, options);
  }

  /** Exact nearest neighbours of a unit vector among a model's vectors (brute force in LanceDB). */
  async exactVectorHits(
    modelId: string,
    vector: Float32Array,
    options: { where?: string | null; limit: number },
  ): Promise<VectorKeyHit[]> {
    const table = await this.models.table(modelId);
    if (!table) throw new UnknownModelError(modelId);
    return exactVectorHits(table, vector, options);
  }

  async listSources(): Promise<SourceRecord[]> {
    const rows = (await this.lance.sources.query().toArray()) as Array<Record<string, unknown>>;
    return rows.map(toSourceRecord).sort((a, b) => a.path.localeCompare(b.path));
  }

  async listModels(): Promise<ModelRecord[]> {
    return this.models.list();
  }

  /** The model's vectors table version (what a vector index must match), or null if none. */
  async vectorsVersion(modelId: string): Promise<number | null> {
    const table = await this.models.table(modelId);
    return table ? table.version() : null;
  }

  /**
   * A model's stored (unit-length) vectors for some chunk keys; keys without a vector are absent (all
   * of them while the library has no vectors for the model).
   */
  async vectorsByKeys(modelId: string, keys: readonly bigint[]): Promise<Map<bigint, Float32Array>> {
    const out = new Map<bigint, Float32Array>();
    if (keys.length === 0) return out;
    const model = await this.models.get(modelId);
    const table = await this.models.table(modelId);
    if (!model || !table) return out;
    for await (const batch of iterateVectorBatches(table, model.dims, { keys })) {
      batch.keys.forEach((key, i) => out.set(key, batch.vectors.slice(i * model.dims, (i + 1) * model.dims)));
    }
    return out;
  }

  /** Streams a model's vectors in batches, for rebuilding an index. */
  async *iterateVectors(modelId: string): AsyncGenerator<VectorBatch> {
    const model = await this.models.get(modelId);
    const table = await this.models.table(modelId);
    if (!model || !table) throw new UnknownModelError(modelId);
    yield* iterateVectorBatches(table, model.dims);
  }

  /** A model's record when the library holds its vectors table, else null. */
  async vectorModel(modelId: string): Promise<ModelRecord | null> {
    const model = await this.models.get(modelId);
    return model && (await this.models.table(modelId)) ? model : null;
  }

  /** Scans the chunks table (chosen columns, optional SQL filter) in Arrow batches. */
  scanChunks(columns: string[], where: string | null = null): AsyncGenerator<RecordBatch> {
    return scanBatches(this.lance.chunks, columns, where);
  }

  /** Scans a model's vectors table in Arrow batches; UnknownModelError when it has none. */
  async *scanVectors(
    modelId: string,
    columns: string[],
    where: string | null = null,
  ): AsyncGenerator<RecordBatch> {
    const table = await this.models.table(modelId);
    if (!table) throw new UnknownModelError(modelId);
    yield* scanBatches(table, columns, where);
  }

  /** Vector rows of a model matching an SQL filter (all with none); 0 when the model has no table. */
  async countVectors(modelId: string, where?: string): Promise<number> {
    const table = await this.models.table(modelId);
    return table ? table.countRows(where) : 0;
  }

  /**
   * Adds a model's vectors for chunks that have none yet (embedding the library with another model).
   * Registers the model on first use and refuses an id stored with another fingerprint.
   */
  async addModelVectors(model: VectorModel, rows: Array<Record<string, unknown>>): Promise<void> {
    await this.write(async () => {
      const table = await this.models.ensure(model);
      if (rows.length > 0) await table.mergeInsert('chunkId').whenNotMatchedInsertAll().execute(rows);
    });
  }

  async counts(): Promise<LibraryCounts> {
    const catalog = await this.catalog();
    const byStatus = Object.fromEntries(DOCUMENT_STATUSES.map((s) => [s, 0])) as LibraryCounts['byStatus'];
    for (const doc of catalog.byId.values()) byStatus[doc.status] += 1;
    const models: LibraryCounts['models'] = [];
    for (const { model, table } of await this.models.allTables())
      models.push({ ...model, vectors: await table.countRows() });
    return {
      documents: catalog.byId.size,
      byStatus,
      chunks: catalog.visibleChunks,
      models,
      sources: await this.lance.sources.countRows(),
    };
  }

  /**
   * What this library's vectors are embedded from (a chunk-context name, library/libraryChunkContext.ts),
   * or null when the library has no record of it (new, or made before the record existed).
   */
  async chunkContext(): Promise<string | null> {
    // Semantic search reads it for every query (search/leadPassage.ts): read once per meta version.
    const version = await this.lance.meta.version();
    if (this.chunkContextRead?.version === version) return this.chunkContextRead.value;
    const value = await readMeta(this.lance.meta, CHUNK_CONTEXT_KEY);
    this.chunkContextRead = { version, value };
    return value;
  }

  async setChunkContext(context: string): Promise<void> {
    await this.write(() => writeMeta(this.lance.meta, CHUNK_CONTEXT_KEY, context));
  }

  /** Changes whenever any table's committed content changes; use it in cache keys. */
  async dataVersion(): Promise<string> {
    const parts = [`d${await this.lance.documents.version()}`, `c${await this.lance.chunks.version()}`];
    for (const { model, table } of await this.models.allTables())
      parts.push(`${model.id}@${await table.version()}`);
    return parts.join('.');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writeQueue.catch(() => undefined);
    this.models.close();
    for (const table of [this.lance.meta, this.lance.sources, this.lance.documents, this.lance.chunks])
      table.close();
    this.lance.ocrPages?.close();
    this.lance.db.close();
    this.lock?.release();
  }

  /** Writes run one at a time, in call order; a failed write does not block the next. */
  private write<T>(fn: () => Promise<T>): Promise<T> {
    if (this.readonly) return Promise.reject(new ReadonlyLibraryError(this.dir));
    if (this.closed) return Promise.reject(new Error(`library ${this.dir} is closed`));
    const run = this.writeQueue.then(fn, fn);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }
}

/**
 * Finishes a chunk-context switch a crash interrupted (commitChunkContext): if the documents were
 * committed (their generations name the new context), the record follows them; if not, their staged
 * rows were just removed as orphans and the library keeps its context. Either way the marker goes.
 */
async function reconcileChunkContext(lance: LibraryTables, catalog: DocumentCatalog): Promise<void> {
  const to = await readMeta(lance.meta, CHUNK_CONTEXT_SWITCH_KEY);
  if (to === null) return;
  const committed = [...catalog.byId.values()].find((d) => isIndexed(d.status) && d.chunkCount > 0);
  if (committed && contextOfGeneration(committed.generation) === to)
    await writeMeta(lance.meta, CHUNK_CONTEXT_KEY, to);
  await lance.meta.delete(`\`key\` = '${CHUNK_CONTEXT_SWITCH_KEY}'`);
}
