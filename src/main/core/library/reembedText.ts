import type { EventBus } from '../eventBus';
import type { ModelRegistry } from '../embed/registry';
import type { Embedder } from '../embed/types';
import { embeddedTexts, type ChunkContext } from '../ingest/embeddedText';
import type { JobContext } from '../jobs/jobManager';
import type { LibraryStore } from '../store/libraryStore';
import {
  isIndexed,
  type ChunkInput,
  type ChunkRecord,
  type DocumentRecord,
  type DocumentUpsert,
  type ModelVectors,
} from '../store/storeTypes';
import { documentGroups } from './embedWithModel';
import { libraryChunkContext } from './libraryChunkContext';

/**
 * "Re-embed this library with the new embedded-text setting": a background job that makes every
 * visible chunk's vectors again, for every model the library holds, with the title (and headings) of
 * `to` in front of the chunk text (ingest/embeddedText.ts), and switches the library over at once.
 *
 * Never mixed: the new vectors are written as new, invisible versions of the documents (their
 * generation names the context, store/chunkIdentity.ts) and shown all together by one commit of the
 * documents table (LibraryStore.commitChunkContext), which also records the library's context. Until
 * then search and ingest keep the old vectors and context. A cancelled or killed run leaves only
 * invisible rows, removed when a writer next opens the library; running the job again starts over.
 *
 * The chunks stay as they are (the job reads no file): chunks cut for `none` use the model's whole
 * budget, so with a prefix the model may not see a long chunk's last words. Their text, what keyword
 * search and snippets use, is unchanged.
 */

/** Chunks per embed call. */
const EMBED_BATCH = 64;

export interface ReembedTextDeps {
  registry: ModelRegistry;
  events: EventBus;
}

export interface ReembedTextSummary {
  from: ChunkContext;
  to: ChunkContext;
  models: string[];
  documents: number;
  chunks: number;
  seconds: number;
  cancelled: boolean;
}

/** The job body, run by LibraryService.reembedText with the writer store. */
export async function reembedText(
  store: LibraryStore,
  deps: ReembedTextDeps,
  to: ChunkContext,
  ctx: JobContext,
): Promise<ReembedTextSummary> {
  const started = Date.now();
  const from = await libraryChunkContext(store);
  const models = (await store.listModels()).map((m) => m.id);
  const summary: ReembedTextSummary = {
    from,
    to,
    models,
    documents: 0,
    chunks: 0,
    seconds: 0,
    cancelled: false,
  };
  const embedders: Embedder[] = [];
  for (const id of models) embedders.push(await deps.registry.getEmbedder(id));
  const docs = [...(await store.catalog()).byId.values()]
    .filter((d) => isIndexed(d.status) && d.chunkCount > 0)
    .sort((a, b) => a.path.localeCompare(b.path));
  const staged: DocumentRecord[] = [];
  ctx.progress({ done: 0, total: docs.length, message: `embedding with ${to}` });
  for (const group of documentGroups(docs, EMBED_BATCH)) {
    if (ctx.signal.aborted) break;
    const entries: Array<DocumentUpsert & { vectors: ModelVectors[] }> = [];
    for (const doc of group) {
      const chunks = await store.getChunks(doc.id);
      const ocrPages = await store.getOcrPages(doc.id);
      entries.push({ doc, chunks: chunks.map(toChunkInput), vectors: [], ocrPages });
      summary.chunks += chunks.length;
    }
    try {
      for (const embedder of embedders) {
        const countTokens = (t: string) => embedder.countTokens(t);
        const texts: string[] = [];
        for (const e of entries) texts.push(...(await embeddedTexts(e.chunks, e.doc.title, to, countTokens)));
        const { vectors } = await embedder.embed(texts, { purpose: 'passage', signal: ctx.signal });
        let at = 0;
        for (const e of entries) {
          e.vectors.push({
            model: embedder.info,
            vectors: vectors.slice(at, at + e.chunks.length),
          });
          at += e.chunks.length;
        }
      }
    } catch (error) {
      if (ctx.signal.aborted) break;
      throw error;
    }
    staged.push(...(await store.stageDocuments(entries, to)));
    summary.documents = staged.length;
    ctx.progress({
      done: staged.length,
      total: docs.length,
      current: group.at(-1)?.path,
      message: `${summary.chunks} chunks embedded`,
    });
  }
  summary.cancelled = ctx.signal.aborted;
  if (!summary.cancelled) {
    await store.commitChunkContext(staged, to);
    deps.events.emit('library.changed', { reason: `re-embedded with ${to}` });
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

function toChunkInput(c: ChunkRecord): ChunkInput {
  return {
    ordinal: c.ordinal,
    page: c.page,
    charStart: c.charStart,
    charEnd: c.charEnd,
    headingPath: c.headingPath,
    text: c.text,
  };
}
