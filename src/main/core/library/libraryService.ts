import { installedOcrLanguages } from '../ingest/extract/ocrEngine';
import { DEFAULT_OCR_OPTIONS } from '../ingest/types';
import fs from 'node:fs';
import path from 'node:path';
import type {
  DocumentSort,
  DocumentSummary,
  IngestSummary,
  LibraryCheckReport,
  LibraryRepairSummary,
  LibraryStatus,
} from '../../../shared/api/methods/library';
import { LociError } from '../../../shared/api/errors';
import { displayPath, isBytePath } from '../../../shared/displayPath';
import type { EventBus } from '../eventBus';
import type { Embedder } from '../embed/types';
import { chooseLibraryModel, siblingVariants, type LibraryModelChoice } from '../embed/modelVariants';
import type { ModelRegistry } from '../embed/registry';
import { createExtractPool } from '../ingest/extractPool';
import type { DocumentIndexLimits } from '../ingest/types';
import type { JobContext, JobManager } from '../jobs/jobManager';
import { asLibraryDamage } from '../store/libraryDamage';
import { LibraryStore } from '../store/libraryStore';
import { LibraryNotFoundError } from '../store/storeErrors';
import type { DocumentFilters, DocumentRecord, VectorModel } from '../store/storeTypes';
import type { VectorIndex } from '../store/vectorIndex';
import type { SettingsStore } from '../settings/settingsStore';
import { embedLibrary, type EmbedLibrarySummary } from './embedWithModel';
import { emptyTally, ingestFiles, type IngestItem, type IngestTally } from './ingestFiles';
import type { ChunkContext } from '../ingest/embeddedText';
import { libraryChunkContext } from './libraryChunkContext';
import { reembedText, type ReembedTextSummary } from './reembedText';
import { documentOrder, toDocumentSummary } from './librarySummaries';
import { awaitsOcrJob, ocrJobItems } from './ocrSkipped';
import { planIngest, resolveSource } from './planIngest';
import { defaultThreads } from '../embed/ortSession';
import { extractWorkersFor } from './threadSplit';
import { LibraryHealth } from './libraryHealth';
import { OpenVectorIndexes } from './openVectorIndexes';
import { reusableChunks } from './reusableChunks';
import { StoredTextVectors } from './storedTextVectors';
import { SourceWatcher } from './sourceWatcher';
import { WRITER_GROUP } from './writerGroup';

export interface LibraryServiceDeps {
  libraryDir: string;
  registry: ModelRegistry;
  settings: SettingsStore;
  jobs: JobManager;
  events: EventBus;
  threads?: number;
  /** Extraction workers per ingest job (default: {@link extractWorkersFor} of `threads`). */
  extractWorkers?: number;
  /** Per-document chunk and time limits of ingest (defaults in `DEFAULT_DOCUMENT_INDEX_LIMITS`). */
  documentLimits?: Partial<DocumentIndexLimits>;
  /** What a new library embeds with each chunk (default DEFAULT_CHUNK_CONTEXT); see libraryChunkContext. */
  chunkContext?: ChunkContext;
}

/**
 * The library as the rest of the core sees it: reading through a shared read-only store (no lock,
 * always the latest commit) and writing in jobs that hold the writer lock only while they run, so a
 * `loci add` in a terminal and the app can take turns on the same library.
 */
export class LibraryService {
  private readerStore: Promise<LibraryStore> | null = null;
  private watcher: SourceWatcher | null = null;
  /** One vector index per model over the reader store, opened on first search. */
  private readonly indexes: OpenVectorIndexes;
  /** The doctor's checks and the repair job, run through this service's ingest and index upkeep. */
  private readonly health: LibraryHealth;

  constructor(private readonly deps: LibraryServiceDeps) {
    this.indexes = new OpenVectorIndexes(deps.events);
    this.health = new LibraryHealth({
      libraryDir: deps.libraryDir,
      jobs: deps.jobs,
      events: deps.events,
      reader: () => this.reader(),
      ingest: (store, items, ctx, tally) => this.ingest(store, items, ctx, tally, true),
      updateIndexes: (store) => this.updateIndexes(store),
      reopenReader: () => this.reopenReader(),
    });
  }

  get dir(): string {
    return this.deps.libraryDir;
  }

  /** The read-only store, or null while the library has never been written. */
  async reader(): Promise<LibraryStore | null> {
    if (!this.readerStore) {
      if (!fs.existsSync(path.join(this.dir, 'lance'))) return null;
      this.readerStore = LibraryStore.open(this.dir, { readonly: true });
      this.readerStore.catch(() => (this.readerStore = null));
    }
    try {
      return await this.readerStore;
    } catch (err) {
      // The first ingest is still creating the tables: to readers the library is simply empty.
      if (err instanceof LibraryNotFoundError) return null;
      throw err;
    }
  }

  /**
   * The vector index of a model over the read-only store (it catches up with new commits in the
   * background; search uses exact search meanwhile). Null while the library does not exist.
   */
  async vectorIndex(model: VectorModel): Promise<VectorIndex | null> {
    const store = await this.reader();
    return store ? this.indexes.open(store, model) : null;
  }

  /** What the library's vectors embed with each chunk (embeddedText.ts); null before the first write. */
  async chunkContext(): Promise<ChunkContext | null> {
    const store = await this.reader();
    return store ? libraryChunkContext(store, await this.wantedChunkContext()) : null;
  }

  /**
   * The text vectors should embed: the process's own choice (`loci eval --chunk-context`), else the
   * `embeddedText` setting. A new library takes it; another is offered a re-embed (reembedText).
   */
  private async wantedChunkContext(): Promise<ChunkContext> {
    return this.deps.chunkContext ?? (await this.deps.settings.get()).embeddedText;
  }

  /** The re-embed a library is offered when its vectors embed another text than wanted. */
  private async reembedTextFor(store: LibraryStore): Promise<LibraryStatus['reembedText']> {
    const recorded = await store.chunkContext();
    const wanted = await this.wantedChunkContext();
    if (recorded === null || recorded === wanted) return null;
    return (await store.counts()).chunks > 0 ? { from: recorded, to: wanted } : null;
  }

  /**
   * Starts the job that re-embeds the library with the wanted embedded text (library/reembedText.ts)
   * and switches it over when done; NOT_FOUND when there is nothing to re-embed.
   */
  async startReembedText(): Promise<{ jobId: string; result: Promise<ReembedTextSummary> }> {
    const store = await this.reader();
    const offer = store ? await this.reembedTextFor(store) : null;
    if (!offer) throw new LociError('NOT_FOUND', 'The library already embeds the text the setting asks for.');
    const to = offer.to as ChunkContext;
    return this.deps.jobs.start(
      'reembed-text',
      (ctx) =>
        this.withWriter(`loci reembed-text ${to}`, `re-embedded with ${to}`, (writer) =>
          reembedText(writer, this.deps, to, ctx),
        ),
      { exclusive: WRITER_GROUP },
    );
  }

  /**
   * Counts, sources and index state. A damaged library is reported, not thrown: `damage` says what a
   * quick check found (one column of every table, chunks and vectors per document) and the index
   * state is `damaged`, so neither `loci status` nor the app claims "ready" over a truncated file.
   */
  async status(): Promise<LibraryStatus> {
    let status: LibraryStatus;
    try {
      status = await this.countsStatus();
    } catch (err) {
      const damage = asLibraryDamage(err);
      if (!damage) throw err;
      return { ...this.emptyStatus(), index: { state: 'damaged', vectors: 0 }, damage: damage.detail };
    }
    if (status.index.state === 'empty' && status.documents.total === 0) return status;
    const check = await this.health.quickCheck();
    if (check.healthy) return status;
    return { ...status, index: { ...status.index, state: 'damaged' }, damage: check.problems.join('; ') };
  }

  /** The doctor's examination (library.check): read-only, never throws on damage. */
  check(full: boolean): Promise<LibraryCheckReport> {
    return this.health.check(full);
  }

  /** Starts a repair job (library.repair): see libraryHealth.ts. Resolves with the job id at once. */
  startRepair(): { jobId: string; result: Promise<LibraryRepairSummary> } {
    return this.health.startRepair();
  }

  /** Drops the shared reader and its indexes, so the next read opens the repaired tables afresh. */
  private async reopenReader(): Promise<void> {
    await this.indexes.closeAll({ quiet: true });
    const reader = this.readerStore;
    this.readerStore = null;
    await (await reader?.catch(() => null))?.close().catch(() => undefined);
  }

  private emptyStatus(): LibraryStatus {
    return {
      libraryDir: this.dir,
      documents: { total: 0, ok: 0, partial: 0, failed: 0, encrypted: 0, skipped: 0, timeout: 0 },
      chunks: 0,
      models: [],
      index: { state: 'empty', vectors: 0 },
      sources: [],
      activeJob: this.deps.jobs.runningIn(WRITER_GROUP),
      damage: null,
      awaitingOcr: 0,
      reembed: null,
      reembedText: null,
    };
  }

  private async countsStatus(): Promise<LibraryStatus> {
    const store = await this.reader();
    if (!store) return this.emptyStatus();
    const counts = await store.counts();
    const catalog = await store.catalog();
    const perSource = new Map<string, number>();
    for (const doc of catalog.byId.values()) perSource.set(doc.source, (perSource.get(doc.source) ?? 0) + 1);
    const sources = (await store.listSources()).map((s) => ({
      path: s.path,
      addedAt: s.addedAt,
      documents: perSource.get(s.path) ?? 0,
      present: fs.existsSync(s.path),
    }));
    const vectors = counts.models.reduce((sum, m) => sum + m.vectors, 0);
    const choice = await this.modelChoiceFor(store);
    const index = await this.indexes.state(store, choice.model);
    return {
      libraryDir: this.dir,
      documents: { total: counts.documents, ...counts.byStatus },
      chunks: counts.chunks,
      models: counts.models.map((m) => ({ id: m.id, dims: m.dims, vectors: m.vectors })),
      index: vectors === 0 ? { state: 'empty', vectors: 0 } : index,
      sources,
      activeJob: this.deps.jobs.runningIn(WRITER_GROUP),
      damage: null,
      awaitingOcr: [...catalog.byId.values()].filter(awaitsOcrJob).length,
      reembed: choice.reembed,
      reembedText: await this.reembedTextFor(store),
    };
  }

  /**
   * The model this library searches and ingests with for the user's default, and the re-embed job it is
   * offered when its vectors are another variant of the default model (see embed/modelVariants.ts).
   */
  async modelChoice(): Promise<LibraryModelChoice> {
    const store = await this.reader();
    if (store) return this.modelChoiceFor(store);
    return { model: (await this.deps.settings.get()).defaultModel, reembed: null };
  }

  private async modelChoiceFor(store: LibraryStore): Promise<LibraryModelChoice> {
    const { defaultModel } = await this.deps.settings.get();
    const stored = (await store.listModels()).map((m) => m.id);
    return chooseLibraryModel(defaultModel, stored, await this.deps.registry.listModels());
  }

  async documents(
    filter: DocumentFilters & { text?: string; ids?: ReadonlySet<string> },
    offset: number,
    limit: number,
    sort: DocumentSort = 'indexed',
  ) {
    const store = await this.reader();
    if (!store) return { total: 0, items: [] as DocumentSummary[] };
    const needle = filter.text?.toLowerCase();
    const docs = (await store.listDocuments(filter))
      .filter(
        (d) => !needle || d.title.toLowerCase().includes(needle) || d.path.toLowerCase().includes(needle),
      )
      .filter((d) => !filter.ids || filter.ids.has(d.id))
      .sort(documentOrder(sort));
    return { total: docs.length, items: docs.slice(offset, offset + limit).map(toDocumentSummary) };
  }

  /** A document by id from the committed catalog, or NOT_FOUND. */
  async document(id: string): Promise<DocumentRecord> {
    const doc = await (await this.reader())?.getDocument(id);
    if (!doc) throw new LociError('NOT_FOUND', `No document ${id} in this library`);
    return doc;
  }

  /** Starts an ingest job for paths (added as sources first). Resolves with the job id at once. */
  startAdd(paths: readonly string[]): { jobId: string; result: Promise<IngestSummary> } {
    return this.deps.jobs.start(
      'ingest',
      (ctx) =>
        this.runWrite(ctx, 'loci add', async (store, tally) => {
          const sources = await Promise.all(paths.map(resolveSource));
          for (const s of sources) {
            if (!fs.existsSync(s)) throw new LociError('NOT_FOUND', `No such file or folder: ${s}`);
          }
          for (const s of sources) await store.addSource(s);
          const plan = await planIngest(sources, ctx.signal);
          tally.failed.push(...plan.failed);
          tally.skipped.push(...plan.skipped);
          await this.ingest(store, plan.items, ctx, tally);
          return 0;
        }),
      { exclusive: WRITER_GROUP },
    );
  }

  /** Starts a sync job: every source re-walked, changed files re-indexed, deleted ones removed. */
  startSync(changedOnly?: readonly string[]): { jobId: string; result: Promise<IngestSummary> } {
    return this.deps.jobs.start(
      'sync',
      (ctx) =>
        this.runWrite(ctx, 'loci sync', async (store, tally) => {
          const sources = (await store.listSources()).map((s) => s.path);
          const plan = await planIngest(sources, ctx.signal);
          tally.failed.push(...plan.failed);
          tally.skipped.push(...plan.skipped);
          for (const s of plan.missingSources) {
            tally.skipped.push({ path: s, reason: 'source not found (unmounted?); its documents were kept' });
          }
          const items = changedOnly
            ? // Watchers report paths as text: a non-UTF-8 name arrives lossily (U+FFFD), as displayPath shows it.
              plan.items.filter(
                (i) => changedOnly.includes(i.file.path) || changedOnly.includes(displayPath(i.file.path)),
              )
            : plan.items;
          await this.ingest(store, items, ctx, tally);
          if (ctx.signal.aborted) return 0;
          const missing = new Set(plan.missingSources);
          const gone = (await store.listDocuments()).filter(
            (d) => !plan.seen.has(d.path) && !missing.has(d.source),
          );
          return store.removeDocuments(gone.map((d) => d.id));
        }),
      { exclusive: WRITER_GROUP },
    );
  }

  /**
   * Starts the "OCR skipped files" job: the skipped documents OCR may read now (ocrSkipped.ts) are
   * read again, whether or not their files changed. NOT_FOUND when there are none.
   */
  async startOcrSkipped(): Promise<{ jobId: string; result: Promise<IngestSummary> }> {
    const catalog = await (await this.reader())?.catalog();
    const count = [...(catalog?.byId.values() ?? [])].filter(awaitsOcrJob).length;
    if (count === 0) throw new LociError('NOT_FOUND', 'No skipped files are waiting for OCR.');
    return this.deps.jobs.start(
      'ocr',
      (ctx) =>
        this.runWrite(ctx, 'loci ocr', async (store, tally) => {
          const { items, missing } = await ocrJobItems((await store.catalog()).byId.values());
          tally.skipped.push(...missing);
          await this.ingest(store, items, ctx, tally, true);
          return 0;
        }),
      { exclusive: WRITER_GROUP },
    );
  }

  /** Removes sources, folders inside sources, or single documents, by path. */
  async remove(paths: readonly string[]): Promise<number> {
    if (this.deps.jobs.runningIn(WRITER_GROUP)) {
      throw new LociError('CONFLICT', 'An ingest is running; cancel it or wait before removing.');
    }
    if (!(await this.reader())) return 0;
    const store = await LibraryStore.open(this.dir, { command: 'loci remove' });
    try {
      let removed = 0;
      const sources = new Set((await store.listSources()).map((s) => s.path));
      for (const p of paths) {
        const target = await resolveSource(p);
        // A catalogued byte path is matched as it is (resolving would fold its '//' marker).
        const candidates = isBytePath(p) ? [p] : [target, path.resolve(p)];
        const source = candidates.find((c) => sources.has(c));
        if (source) {
          removed += (await store.listDocuments({ sources: [source] })).length;
          await store.removeSource(source);
          continue;
        }
        // A path as given on a command line cannot carry a name's non-UTF-8 bytes (they arrive as
        // U+FFFD), so byte paths also match by their lossy display form.
        const docs = (await store.listDocuments()).filter((d) =>
          [d.path, displayPath(d.path)].some((p) =>
            candidates.some((c) => p === c || p.startsWith(c.endsWith(path.sep) ? c : c + path.sep)),
          ),
        );
        removed += await store.removeDocuments(docs.map((d) => d.id));
      }
      await store.maintain({ force: true });
      await this.updateIndexes(store);
      this.deps.events.emit('library.changed', { reason: 'removed' });
      await this.refreshWatch().catch(() => undefined);
      return removed;
    } finally {
      await store.close();
    }
  }

  /**
   * Models to embed new documents with: the library's model for the default (the variant it already
   * holds, never a second variant that would cover only the new documents) plus every model it has.
   */
  private async embeddersFor(store: LibraryStore): Promise<Embedder[]> {
    const { model } = await this.modelChoiceFor(store);
    const ids = [model, ...(await store.listModels()).map((m) => m.id)];
    const available = new Set((await this.deps.registry.listModels()).map((m) => m.id));
    const unique = [...new Set(ids)].filter((id) => available.has(id));
    if (unique.length === 0)
      throw new LociError('UNAVAILABLE', 'No embedding model is installed (run npm run models:build).');
    return Promise.all(unique.map((id) => this.deps.registry.getEmbedder(id)));
  }

  private async ingest(
    store: LibraryStore,
    items: IngestItem[],
    ctx: JobContext,
    tally: IngestTally,
    /** Index every item even if it looks unchanged (a repair re-indexing documents that lost rows). */
    force = false,
  ): Promise<void> {
    const embedders = await this.embeddersFor(store);
    const chunkContext = await libraryChunkContext(store, await this.wantedChunkContext());
    const catalog = await store.catalog();
    const known = new Map(force ? [] : [...catalog.byId.values()].map((d) => [d.path, d]));
    const { ocrLanguages } = await this.deps.settings.get();
    const stored = chunkContext === 'none' ? new StoredTextVectors(store, embedders) : undefined;
    const pool = createExtractPool({
      workers: this.deps.extractWorkers ?? extractWorkersFor(this.deps.threads ?? defaultThreads()),
      // The OCR language setting; a pack removed since it was chosen falls back to English.
      limits: { ocr: { ...DEFAULT_OCR_OPTIONS, languages: usableOcrLanguages(ocrLanguages) } },
    });
    try {
      await ingestFiles(
        items,
        {
          pool,
          embedders,
          chunkContext,
          signal: ctx.signal,
          ...(this.deps.documentLimits ? { limits: this.deps.documentLimits } : {}),
          target: {
            known: (p) => known.get(p),
            write: async (batch) => {
              await store.upsertDocuments(batch);
            },
            reusable: (p, sha256) => reusableChunks(store, embedders, p, sha256),
            // Stored texts are bare chunk texts: they stand for what was embedded only without a prefix.
            ...(stored ? { storedVectors: (hashes: readonly string[]) => stored.lend(hashes) } : {}),
            writeDates: async (dates) => {
              const ids = dates.flatMap((d) => {
                const doc = known.get(d.path);
                return doc ? [{ id: doc.id, docDate: d.docDate, dateSource: d.dateSource }] : [];
              });
              await store.setDocumentDates(ids);
              this.deps.events.emit('library.changed', { reason: 'document dates read' });
            },
          },
          onProgress: (p) =>
            ctx.progress({
              done: p.done,
              total: p.total,
              ...(p.current ? { current: p.current } : {}),
              message: `${p.pages} pages, ${p.chunks} chunks`,
              phase: 'extracting and embedding',
            }),
          afterWrite: async () => {
            this.deps.events.emit('library.changed', { reason: 'documents indexed' });
          },
        },
        tally,
      );
    } finally {
      await pool.close();
    }
  }

  /** Every model's saved vector index brought up to the committed vectors (openVectorIndexes.ts). */
  private updateIndexes(store: LibraryStore): Promise<void> {
    return this.indexes.updateSaved(store);
  }

  /** Runs a write job with the writer lock held, then folds in indexes and reports the summary. */
  private async runWrite(
    ctx: JobContext,
    command: string,
    work: (store: LibraryStore, tally: IngestTally) => Promise<number>,
  ): Promise<IngestSummary> {
    const started = Date.now();
    const tally = emptyTally();
    // After the last file the job still works for a while: say on what (the CLI and the app show it).
    const stage = (phase: string, message?: string) => {
      const files =
        tally.added + tally.updated + tally.unchanged + tally.failed.length + tally.skipped.length;
      ctx.progress({ done: files, total: files, phase, ...(message ? { message } : {}) });
    };
    // The final compaction counts as writing, the index build as indexing (see ingestBudget.ts).
    let endStage = (): void => undefined;
    const removed = await this.withWriter(
      command,
      'ingest finished',
      (store) => work(store, tally),
      (next) => {
        endStage();
        endStage = tally.clock.begin(next === 'writing' ? 'write' : 'index');
        if (next === 'writing') stage('writing', 'compacting the tables');
        else stage('building the vector index');
      },
    ).finally(() => endStage());
    const budget = tally.clock.snapshot();
    return {
      type: 'summary',
      added: tally.added,
      updated: tally.updated,
      unchanged: tally.unchanged,
      removed,
      failed: tally.failed,
      skipped: tally.skipped,
      partial: tally.partial,
      pages: tally.pages,
      chunks: tally.chunks,
      seconds: (Date.now() - started) / 1000,
      cancelled: ctx.signal.aborted,
      ...(budget.embeddedChunks + budget.reusedChunks > 0 ? { budget } : {}),
    };
  }

  /**
   * Every write goes through here: the writer store for `work`, then table maintenance, every
   * model's vector index brought up to date and saved, `library.changed`, and the watchers refreshed.
   */
  private async withWriter<T>(
    command: string,
    reason: string,
    work: (store: LibraryStore) => Promise<T>,
    /** Told when the work is done and the tables are compacted, then the vector index built. */
    onStage?: (stage: 'writing' | 'indexing') => void,
  ): Promise<T> {
    const store = await LibraryStore.open(this.dir, { command });
    let result: T;
    try {
      result = await work(store);
      onStage?.('writing');
      await store.maintain({ force: true });
      onStage?.('indexing');
      await this.updateIndexes(store);
    } finally {
      await store.close();
    }
    this.deps.events.emit('library.changed', { reason });
    await this.refreshWatch().catch(() => undefined);
    return result;
  }

  /** Starts a job embedding every visible chunk with one more model (resumable, cancellable). */
  startEmbedModel(modelId: string): { jobId: string; result: Promise<EmbedLibrarySummary> } {
    return this.deps.jobs.start('embed-model', (ctx) => this.embedModel(modelId, ctx), {
      exclusive: WRITER_GROUP,
    });
  }

  /**
   * The embed-model job body (tests drive it with their own context and smaller batches). When it
   * completes, the library's vectors of other variants of the same model are dropped: embedding with
   * `use-lite-int8` is the re-embed that replaces `use-lite` vectors (never both kept, never mixed).
   */
  embedModel(
    modelId: string,
    ctx: JobContext,
    options: { batchChunks?: number } = {},
  ): Promise<EmbedLibrarySummary> {
    return this.withWriter(`loci embed-library ${modelId}`, `embedded with ${modelId}`, async (store) => {
      const summary = await embedLibrary(store, this.deps, modelId, ctx, options);
      if (summary.cancelled) return summary;
      const stored = new Set((await store.listModels()).map((m) => m.id));
      const replaced = siblingVariants(modelId, await this.deps.registry.listModels()).filter((id) =>
        stored.has(id),
      );
      // An index still open on a dropped model empties itself on its next sync (libraryStore.dropModel).
      for (const id of replaced) await store.dropModel(id);
      return replaced.length > 0 ? { ...summary, replaced } : summary;
    });
  }

  /**
   * Watches the sources and re-indexes changes after a short debounce (app and `loci serve`). Call
   * again after sources change; `refreshWatch()` does that after add/remove.
   */
  async startWatching(debounceMs?: number): Promise<void> {
    this.watcher ??= new SourceWatcher({
      ...(debounceMs ? { debounceMs } : {}),
      onChanges: async (paths) => {
        if (this.deps.jobs.runningIn(WRITER_GROUP)) return false;
        this.startSync(paths);
        return true;
      },
    });
    await this.refreshWatch();
  }

  private async refreshWatch(): Promise<void> {
    if (!this.watcher) return;
    const store = await this.reader();
    await this.watcher.watch(store ? (await store.listSources()).map((s) => s.path) : []);
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = null;
    await this.indexes.closeAll();
    const reader = this.readerStore;
    this.readerStore = null;
    await (await reader?.catch(() => null))?.close();
  }
}

/** The chosen OCR languages that have an installed pack, else English. */
function usableOcrLanguages(chosen: readonly string[] | undefined): string[] {
  const installed = installedOcrLanguages(chosen ?? []);
  return installed.length > 0 ? installed : ['eng'];
}
