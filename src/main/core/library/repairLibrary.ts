import type { LibraryRepairSummary } from '../../../shared/api/methods/library';
import type { JobContext } from '../jobs/jobManager';
import { documentIdForPath } from '../store/chunkIdentity';
import { removeIndexFiles } from '../store/indexFiles';
import { checkLibrary } from '../store/libraryDoctor';
import { LibraryStore } from '../store/libraryStore';
import { quarantineSession } from '../store/quarantine';
import { repairTables } from '../store/repairTables';
import { TABLES } from '../store/tableSchemas';
import { acquireWriterLock } from '../store/writerLock';
import { emptyTally, type IngestItem, type IngestTally } from './ingestFiles';
import { planIngest } from './planIngest';

/** What the repair needs from the library service: its normal ingest path and index upkeep. */
export interface RepairDeps {
  libraryDir: string;
  /** Indexes these files through the normal pipeline, never treating them as unchanged. */
  ingest(store: LibraryStore, items: IngestItem[], ctx: JobContext, tally: IngestTally): Promise<void>;
  /** Brings every model's saved vector index up to the table and saves it. */
  updateIndexes(store: LibraryStore): Promise<void>;
}

/**
 * `loci doctor --repair` / library.repair, as one job holding the writer lock throughout:
 *
 *  1. check everything (the doctor's full read);
 *  2. tables back to their newest readable version, unreadable files into quarantine (repairTables);
 *     damaged vector index files are deleted (caches, rebuilt in step 5);
 *  3. open the library for writing: missing tables are created again and crash recovery drops rows
 *     no committed document points at;
 *     (and OCR word boxes of documents or versions that no longer exist);
 *  4. every document that lost chunks or vectors, or its OCR word boxes (or, when the documents table
 *     went back, every file of a source the library no longer lists) is extracted and embedded again
 *     from its source file, which is only ever read; a document whose file is gone is removed and
 *     reported as lost;
 *  5. compaction, vector indexes rebuilt and saved, and the full check again for the summary.
 *
 * Readers (the app, `loci search`) keep working throughout on whatever version is current; a cancelled
 * repair leaves a consistent library that a second run finishes.
 */
export async function repairLibrary(deps: RepairDeps, ctx: JobContext): Promise<LibraryRepairSummary> {
  const started = performance.now();
  const dir = deps.libraryDir;
  const lock = acquireWriterLock(dir, 'loci doctor --repair');
  try {
    const progress = (phase: string) => (done: number, total: number, current?: string) =>
      ctx.progress({ phase, done, total, message: phase, ...(current ? { current } : {}) });
    const before = await checkLibrary(dir, { signal: ctx.signal, onProgress: progress('checking') });
    const summary: LibraryRepairSummary = {
      type: 'repair',
      found: before.problems,
      actions: [],
      quarantined: [],
      reindexed: 0,
      lost: [],
      after: before,
      seconds: 0,
      cancelled: false,
    };
    if (before.healthy) return finish(summary, started, ctx);

    progress('repairing tables')(0, 1);
    const tables = await repairTables(dir, before, quarantineSession(), ctx.signal);
    summary.actions.push(...tables.actions);
    summary.quarantined.push(...tables.quarantined);
    const store = await LibraryStore.open(dir, { command: 'loci doctor --repair', lock });
    try {
      const orphanOcr = store.recovery.orphanOcrPages;
      if (orphanOcr > 0)
        summary.actions.push(
          `ocr_pages: removed ${orphanOcr} row${orphanOcr === 1 ? '' : 's'} of documents or versions that no longer exist`,
        );
      for (const index of before.indexes.filter((i) => i.state === 'damaged')) {
        const model = await store.models.get(index.modelId);
        if (model) removeIndexFiles(store.indexDir, model.table);
        summary.actions.push(`vector index of ${index.modelId}: deleted (${index.problem}); rebuilt below`);
      }
      await reindexLostDocuments(deps, store, before, ctx, summary);
      if (!ctx.signal.aborted) {
        progress('rebuilding vector indexes')(0, 1);
        await store.maintain({ force: true });
        await deps.updateIndexes(store);
      }
    } finally {
      await store.close();
    }
    // Even after a cancel: the summary should say what state the library was left in.
    summary.after = await checkLibrary(dir, { onProgress: progress('checking again') });
    return finish(summary, started, ctx);
  } finally {
    lock.release();
  }
}

function finish(summary: LibraryRepairSummary, started: number, ctx: JobContext): LibraryRepairSummary {
  summary.seconds = (performance.now() - started) / 1000;
  summary.cancelled = ctx.signal.aborted;
  return summary;
}

async function reindexLostDocuments(
  deps: RepairDeps,
  store: LibraryStore,
  before: LibraryRepairSummary['after'],
  ctx: JobContext,
  summary: LibraryRepairSummary,
): Promise<void> {
  const tablesBefore = before.tables;
  // After the tables are back (and recovery ran), a quick check names the documents missing rows;
  // unreadable word boxes only the full check before the repair could see.
  const now = await checkLibrary(store.dir, { full: false, signal: ctx.signal });
  const damaged = new Set(
    [...now.documents.damaged, ...(now.ocr?.damaged ?? []), ...(before.ocr?.damaged ?? [])].map(
      (d) => d.path,
    ),
  );
  const catalog = await store.catalog();
  const wentBack = (table: string) => tablesBefore.some((t) => t.table === table && t.problem !== null);
  const documentsWentBack = wentBack(TABLES.documents);

  // Sources as listed; when that table went back, also those the documents still name.
  const sources = new Set((await store.listSources()).map((s) => s.path));
  for (const doc of wentBack(TABLES.sources) ? catalog.byId.values() : []) {
    if (!sources.has(doc.source)) {
      await store.addSource(doc.source);
      sources.add(doc.source);
      summary.actions.push(`sources: listed ${doc.source} again`);
    }
  }
  // Unreadable word boxes would survive the re-index (same content, same row ids): drop them first.
  const unreadableOcr = (before.ocr?.damaged ?? []).map((d) => documentIdForPath(d.path));
  await store.deleteOcrPages(unreadableOcr.filter((id) => catalog.byId.has(id)));
  const plan = await planIngest([...sources], ctx.signal);
  const items = plan.items.filter(
    (item) =>
      damaged.has(item.file.path) ||
      (documentsWentBack && !catalog.byId.has(documentIdForPath(item.file.path))),
  );
  // A damaged document whose file is gone cannot come back: remove it rather than show half of it.
  const gone = [...catalog.byId.values()].filter((d) => damaged.has(d.path) && !plan.seen.has(d.path));
  if (gone.length > 0) {
    await store.removeDocuments(gone.map((d) => d.id));
    for (const d of gone) summary.lost.push({ path: d.path, reason: 'its source file is gone' });
  }
  if (items.length === 0) return;
  const tally = emptyTally();
  await deps.ingest(store, items, ctx, tally);
  summary.reindexed = tally.added + tally.updated;
  for (const failure of tally.failed) {
    if (damaged.has(failure.path)) summary.lost.push({ path: failure.path, reason: failure.reason });
  }
  summary.actions.push(`documents: indexed ${summary.reindexed} again from their source files`);
}
