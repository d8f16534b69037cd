import { openTokenCounter, type TokenCounter } from '../embed/tokenCounter';
import type { ModelSource } from '../embed/workerModel';
import { chunkDocument } from './chunkPages';
import type { Chunk, ChunkedSpans, ExtractedPage } from './types';

/**
 * Chunking inside the extraction worker, right after a document is extracted, with the primary
 * model's own tokenizer opened in that worker (embed/tokenCounter.ts).
 *
 * Why there: chunking needs exact token counts (about 1.5 per chunk). Asked of the embed worker, each
 * count waited for the model run in progress, so the next document's chunking crawled beside the
 * current one's embedding and the model then waited for it. In the extraction workers chunking never
 * waits, runs beside the other worker's extraction, and the main thread only cuts the chunk texts out
 * of the pages again (the texts do not cross the thread boundary twice).
 */

/** What an extraction worker needs to chunk a document as ingest would. */
export interface ChunkRequest {
  /** The model whose tokenizer counts (ingest's primary model). */
  tokenizer: ModelSource;
  /** Most tokens a chunk's own text may have (the smallest model limit, less a context reserve). */
  maxTokens: number;
  /** Per-document limits (`DocumentIndexLimits`): chunks made, milliseconds for chunking. */
  maxChunks: number;
  budgetMs: number;
}

/** The document's chunks without their texts; the deadline is `budgetMs` after chunking starts. */
export async function chunkExtracted(
  pages: readonly ExtractedPage[],
  request: ChunkRequest,
  counter: TokenCounter,
): Promise<ChunkedSpans> {
  const started = Date.now();
  const { chunks, stopped } = await chunkDocument(pages, {
    maxTokens: request.maxTokens,
    countTokens: (text) => counter.count(text),
    maxChunks: request.maxChunks,
    deadline: started + request.budgetMs,
  });
  const spans = chunks.map(({ text: _text, ...span }) => span);
  return { spans, ...(stopped ? { stopped } : {}), chunkMs: Date.now() - started };
}

/** The chunks with their texts cut again from their pages (fields in `chunkDocument`'s order). */
export function chunksWithText(pages: readonly ExtractedPage[], chunked: ChunkedSpans): Chunk[] {
  const textOf = new Map(pages.map((p) => [p.page, p.text]));
  return chunked.spans.map(({ ordinal, page, start, end, headingPath, tokens }) => ({
    ordinal,
    page,
    start,
    end,
    text: textOf.get(page)!.slice(start, end),
    headingPath,
    tokens,
  }));
}

const counters = new Map<string, Promise<TokenCounter>>();

/** One counter per model folder for the worker's life; a failed open is tried again next time. */
export function counterFor(source: ModelSource): Promise<TokenCounter> {
  const key = `${source.kind}\0${source.dir}`;
  let counter = counters.get(key);
  if (!counter) {
    counter = openTokenCounter(source);
    counters.set(key, counter);
    counter.catch(() => counters.get(key) === counter && counters.delete(key));
  }
  return counter;
}
