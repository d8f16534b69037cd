import type { EventBus } from '../eventBus';
import type { ModelRegistry } from '../embed/registry';
import { embeddedTexts } from '../ingest/embeddedText';
import type { JobContext } from '../jobs/jobManager';
import type { LibraryStore } from '../store/libraryStore';
import { isIndexed, type ChunkRecord, type DocumentRecord } from '../store/storeTypes';
import { buildVectorRows } from '../store/vectorRows';
import { libraryChunkContext } from './libraryChunkContext';

/**
 * "Embed this library with one more model": a background job that writes vectors of an extra model
 * for every visible chunk, without touching chunk or document rows.
 *
 * Why this is safe without a store method of its own: a vectors row is visible only while its
 * (docId, generation) matches the committed document row (libraryStore.ts), so inserting rows for the
 * current generation is the whole commit; the job runs inside LibraryService's write (writer lock,
 * then table maintenance, the vector indexes brought up to date and the watchers refreshed), so no
 * generation can change under it. Rows are merge-inserted on chunkId (`addModelVectors`, which also
 * checks the fingerprint): a retried batch inserts nothing twice.
 *
 * Resume: documents whose current generation already has one vector per chunk for this model are
 * skipped, so a cancelled or killed job continues where it stopped. Ingest jobs afterwards embed new
 * documents with this model too (LibraryService.embeddersFor takes every model the library has).
 */

/** Chunks per embed call, and about how many rows go into one LanceDB commit. */
const EMBED_BATCH = 64;
const WRITE_BATCH = 512;

export interface EmbedLibraryDeps {
  registry: ModelRegistry;
  events: EventBus;
}

export interface EmbedLibrarySummary {
  model: string;
  /** Visible documents with chunks. */
  documents: number;
  /** Documents embedded by this run. */
  embedded: number;
  /** Documents that already had this model's vectors. */
  alreadyDone: number;
  chunks: number;
  seconds: number;
  cancelled: boolean;
  /** Other variants of the same model whose vectors this completed run replaced (dropped). */
  replaced?: string[];
}

/** The job body, run by LibraryService.embedModel with the writer store. */
export async function embedLibrary(
  store: LibraryStore,
  deps: EmbedLibraryDeps,
  modelId: string,
  ctx: JobContext,
  options: { batchChunks?: number } = {},
): Promise<EmbedLibrarySummary> {
  const started = Date.now();
  const embedder = await deps.registry.getEmbedder(modelId);
  const summary: EmbedLibrarySummary = {
    model: modelId,
    documents: 0,
    embedded: 0,
    alreadyDone: 0,
    chunks: 0,
    seconds: 0,
    cancelled: false,
  };
  // Registers the model on first use; refuses an id already stored with another fingerprint.
  await store.addModelVectors(embedder.info, []);
  const context = await libraryChunkContext(store);
  const countTokens = (t: string) => embedder.countTokens(t);
  const catalog = await store.catalog();
  const docs = [...catalog.byId.values()]
    .filter((d) => isIndexed(d.status) && d.chunkCount > 0)
    .sort((a, b) => a.path.localeCompare(b.path));
  const have = await vectorsPerDocument(store, modelId, docs);
  const todo = docs.filter((d) => (have.get(d.id) ?? 0) < d.chunkCount);
  summary.documents = docs.length;
  summary.alreadyDone = docs.length - todo.length;
  let done = summary.alreadyDone;
  ctx.progress({ done, total: docs.length, message: `${summary.alreadyDone} already embedded` });

  let pending: Array<Record<string, unknown>> = [];
  const flush = async () => {
    if (pending.length === 0) return;
    await store.addModelVectors(embedder.info, pending);
    pending = [];
    deps.events.emit('library.changed', { reason: `vectors for ${modelId}` });
  };
  for (const group of documentGroups(todo, options.batchChunks ?? EMBED_BATCH)) {
    if (ctx.signal.aborted) break;
    const chunksOf = await Promise.all(group.map((d) => store.getChunks(d.id)));
    // The same text the library's other vectors were made from (title and headings, or not).
    const texts: string[] = [];
    for (const [i, doc] of group.entries())
      texts.push(...(await embeddedTexts(chunksOf[i] as ChunkRecord[], doc.title, context, countTokens)));
    let vectors: Float32Array[];
    try {
      vectors = (await embedder.embed(texts, { purpose: 'passage', signal: ctx.signal })).vectors;
    } catch (error) {
      if (ctx.signal.aborted) break;
      throw error;
    }
    let at = 0;
    group.forEach((doc, i) => {
      const chunks = chunksOf[i] as ChunkRecord[];
      const mine = vectors.slice(at, at + chunks.length);
      at += chunks.length;
      pending.push(...buildVectorRows(chunks, { model: embedder.info, vectors: mine }));
      summary.chunks += chunks.length;
      summary.embedded++;
      done++;
      ctx.progress({
        done,
        total: docs.length,
        current: doc.path,
        message: `${summary.chunks} chunks embedded`,
      });
    });
    if (pending.length >= WRITE_BATCH) await flush();
  }
  await flush();
  summary.cancelled = ctx.signal.aborted;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** Vector rows per document at the document's committed generation. */
async function vectorsPerDocument(
  store: LibraryStore,
  modelId: string,
  docs: readonly DocumentRecord[],
): Promise<Map<string, number>> {
  const generation = new Map(docs.map((d) => [d.id, d.generation]));
  const counts = new Map<string, number>();
  for await (const batch of store.scanVectors(modelId, ['docId', 'generation'])) {
    const ids = batch.getChild('docId');
    const gens = batch.getChild('generation');
    if (!ids || !gens) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const id = String(ids.get(i));
      if (generation.get(id) === String(gens.get(i))) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** Consecutive documents grouped to about `chunks` chunks per group (a big document goes alone). */
export function* documentGroups(
  docs: readonly DocumentRecord[],
  chunks: number,
): Generator<DocumentRecord[]> {
  let group: DocumentRecord[] = [];
  let size = 0;
  for (const doc of docs) {
    if (group.length > 0 && size + doc.chunkCount > chunks) {
      yield group;
      group = [];
      size = 0;
    }
    group.push(doc);
    size += doc.chunkCount;
  }
  if (group.length > 0) yield group;
}
