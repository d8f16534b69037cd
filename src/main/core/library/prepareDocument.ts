import path from 'node:path';
import { displayPath } from '../../../shared/displayPath';
import { chunksWithText, type ChunkRequest } from '../ingest/chunkExtracted';
import { chunkDocument, type ChunkingStop } from '../ingest/chunkPages';
import { chunkTextBudget, embeddedTexts } from '../ingest/embeddedText';
import { DEFAULT_DOCUMENT_INDEX_LIMITS, type Chunk, type ExtractResult } from '../ingest/types';
import { documentIdForPath } from '../store/chunkIdentity';
import type { DocumentUpsert, OcrPageInput } from '../store/storeTypes';
import type { StageClock } from './ingestBudget';
import type { IngestDeps, IngestItem, IngestTally } from './ingestFiles';
import { embedOnce, textHash, type VectorReuse } from './reusedVectors';

/** One document's way from extraction result to a document write: chunk, embed (once per text), describe. */

/** What preparing a document needs besides the document. */
export interface PrepareContext {
  deps: IngestDeps;
  tally: IngestTally;
  clock: StageClock;
  reuse: VectorReuse;
}

/**
 * A document's chunks, made ahead of its turn with the model (see ingestFiles.ts: the next document
 * is chunked while the current one embeds). Null for a result without text to chunk.
 */
export interface ChunkedText {
  chunks: Chunk[];
  stopped?: ChunkingStop;
  /** Milliseconds chunking took; the document's chunk-and-embed time budget is charged with them. */
  chunkMs: number;
}

/**
 * How the extraction workers are asked to chunk documents exactly as {@link chunkForEmbedding} would
 * (the primary model's tokenizer, the chunk budget, the per-document limits); undefined when the
 * primary model does not say where its files are.
 */
export function chunkRequestFor(deps: IngestDeps): ChunkRequest | undefined {
  const source = deps.embedders[0]?.source;
  if (!source) return undefined;
  const limits = { ...DEFAULT_DOCUMENT_INDEX_LIMITS, ...deps.limits };
  return {
    tokenizer: source,
    maxTokens: chunkTokenBudget(deps),
    maxChunks: limits.maxChunks,
    budgetMs: limits.budgetMs,
  };
}

/**
 * Stage one of a document: loads the stored vectors its chunks may reuse (its previous version, a
 * stored copy) and takes the chunks its extraction worker made, or chunks it here (counting tokens in
 * the embed worker) when the worker did not. Runs while an earlier document is still embedding.
 */
export async function chunkForEmbedding(
  result: ExtractResult,
  item: IngestItem,
  work: PrepareContext,
): Promise<ChunkedText | null> {
  if (result.status !== 'ok') return null;
  const { deps } = work;
  if (deps.target.reusable) {
    for (const c of await deps.target.reusable(item.file.path, result.sha256))
      work.reuse.set(c.fingerprint, textHash(c.text), c.vector);
  }
  const made = result.chunked;
  if (made) {
    const chunks = chunksWithText(result.pages, made);
    return { chunks, ...(made.stopped ? { stopped: made.stopped } : {}), chunkMs: made.chunkMs };
  }
  const primary = primaryModel(deps);
  const started = Date.now();
  const limits = { ...DEFAULT_DOCUMENT_INDEX_LIMITS, ...deps.limits };
  const chunked = await work.clock.time('chunk', () =>
    chunkDocument(result.pages, {
      maxTokens: chunkTokenBudget(deps),
      countTokens: (t) => primary.countTokens(t),
      maxChunks: limits.maxChunks,
      deadline: started + limits.budgetMs,
    }),
  );
  return { ...chunked, chunkMs: Date.now() - started };
}

/** Stage two of a document, in job order: embeds its chunks (once per text) and describes the write. */
export async function finishUpsert(
  item: IngestItem,
  result: ExtractResult,
  chunked: ChunkedText | null,
  work: PrepareContext,
): Promise<DocumentUpsert> {
  const { deps, tally } = work;
  const base = {
    id: documentIdForPath(item.file.path),
    source: item.source,
    path: item.file.path,
    title: result.title || path.basename(displayPath(item.file.path)),
    kind: item.file.kind,
    size: item.file.size,
    mtime: item.file.mtimeMs,
    sha256: result.sha256,
    pages: result.pageCount,
    // The document's own date from its metadata, else the file's mtime (said so by dateSource).
    docDate: result.docDate ?? item.file.mtimeMs,
    dateSource: result.docDate !== undefined ? ('metadata' as const) : ('file' as const),
  };

  let upsert: DocumentUpsert;
  if (result.status !== 'ok') {
    const reason = result.reason ?? result.status;
    tally.failed.push({
      path: item.file.path,
      reason: result.status === 'failed' ? reason : `${result.status}: ${reason}`,
    });
    upsert = { doc: { ...base, status: result.status, reason }, chunks: [], vectors: [] };
  } else {
    const indexed = await embedChunks(chunked ?? { chunks: [], chunkMs: 0 }, base.title, work);
    if (indexed.chunks.length === 0) {
      const reason = result.ocr ? 'OCR found no text' : 'no text';
      tally.skipped.push({ path: item.file.path, reason });
      upsert = { doc: { ...base, status: 'skipped', reason }, chunks: [], vectors: [] };
    } else {
      const notes = [
        ...(result.truncated ? [`text truncated at ${result.chars.toLocaleString('en')} characters`] : []),
        ...(indexed.stopped ? [describeStop(indexed.stopped, indexed.chunks.length, deps)] : []),
      ];
      upsert = {
        doc: {
          ...base,
          status: notes.length > 0 ? 'partial' : 'ok',
          reason:
            notes.length > 0
              ? `${notes.join('; ')} (per-document limit)${ocrNote(result, '; ')}`
              : ocrNote(result, '') || null,
        },
        chunks: indexed.chunks.map((c) => ({
          ordinal: c.ordinal,
          page: c.page,
          charStart: c.start,
          charEnd: c.end,
          headingPath: c.headingPath,
          text: c.text,
        })),
        vectors: indexed.vectors,
        ocrPages: ocrPagesOf(result),
      };
      tally.pages += result.pages.length;
      tally.chunks += indexed.chunks.length;
    }
  }
  return upsert;
}

/** The OCR'd pages of a result with their word boxes, for highlighting on the scan. */
export function ocrPagesOf(result: ExtractResult): OcrPageInput[] {
  return result.pages.flatMap((p) => (p.boxes ? [{ page: p.page, text: p.text, boxes: p.boxes }] : []));
}

/**
 * How an OCR'd document is described (its status stays `ok`; the reason says "ok (ocr)" in words):
 * e.g. "OCR: 12 pages, mean confidence 91%".
 */
export function ocrNote(result: ExtractResult, prefix: string): string {
  const ocr = result.ocr;
  if (!ocr || ocr.pages === 0) return '';
  const failed = ocr.failedPages ? `, ${ocr.failedPages} pages unreadable` : '';
  const pages = `${ocr.pages} page${ocr.pages === 1 ? '' : 's'}`;
  return `${prefix}OCR: ${pages}, mean confidence ${ocr.confidence}%${failed}`;
}

/** Chunks embedded per step; the time budget is checked between steps. */
const EMBED_STEP = 256;

interface IndexedText {
  chunks: Chunk[];
  vectors: DocumentUpsert['vectors'];
  stopped?: ChunkingStop;
}

/** The first model (it sizes chunks and counts their tokens). */
function primaryModel(deps: IngestDeps): IngestDeps['embedders'][number] {
  const [primary] = deps.embedders;
  if (!primary) throw new Error('No embedding model is available');
  return primary;
}

/** Tokens a chunk's own text may have: the smallest model limit, less a context prefix's reserve. */
function chunkTokenBudget(deps: IngestDeps): number {
  return chunkTextBudget(
    Math.min(...deps.embedders.map((e) => e.info.maxTokens)),
    deps.chunkContext ?? 'none',
  );
}

/**
 * Embeds a document's chunks with every model, within the per-document limits: no new step once the
 * time budget (less what chunking took) has passed. Embedding goes in steps of {@link EMBED_STEP}
 * chunks, each with every model, so what is kept when time runs out is a prefix of the chunks that
 * every model has vectors for.
 */
async function embedChunks(chunked: ChunkedText, title: string, work: PrepareContext): Promise<IndexedText> {
  const { deps, clock } = work;
  const limits = { ...DEFAULT_DOCUMENT_INDEX_LIMITS, ...deps.limits };
  // The budget covers this document's own chunking and embedding, not its wait for earlier documents.
  const deadline = Date.now() + limits.budgetMs - chunked.chunkMs;
  const primary = primaryModel(deps);
  const context = deps.chunkContext ?? 'none';
  let { chunks } = chunked;
  let stopped = chunked.stopped;
  const vectors = deps.embedders.map((embedder) => ({ model: embedder.info, vectors: [] as Float32Array[] }));
  for (let from = 0; from < chunks.length; from += EMBED_STEP) {
    if (from > 0 && Date.now() > deadline) {
      const next = chunks[from]!;
      stopped = { reason: 'deadline', page: next.page, offset: next.start };
      chunks = chunks.slice(0, from);
      break;
    }
    // With a context the texts carry a prefix, so stored vectors of bare chunk texts never match them.
    const texts = await embeddedTexts(chunks.slice(from, from + EMBED_STEP), title, context, (t) =>
      primary.countTokens(t),
    );
    const hashes = texts.map(textHash);
    if (deps.target.storedVectors) {
      // Looking up stored vectors stands in for embedding, so it counts as embed time.
      const stored = await clock.time('embed', () => deps.target.storedVectors!(hashes));
      for (const v of stored) work.reuse.set(v.fingerprint, v.hash, v.vector);
    }
    for (const [m, embedder] of deps.embedders.entries()) {
      const embedded = await clock.time('embed', () =>
        embedOnce(embedder, texts, hashes, work.reuse, deps.signal),
      );
      vectors[m]!.vectors.push(...embedded.vectors);
      clock.embedded += embedded.embedded;
      clock.reused += embedded.reused;
    }
  }
  return { chunks, vectors, ...(stopped ? { stopped } : {}) };
}

/** The reason a document is partial because chunking or embedding stopped early. */
function describeStop(stop: ChunkingStop, kept: number, deps: IngestDeps): string {
  const limits = { ...DEFAULT_DOCUMENT_INDEX_LIMITS, ...deps.limits };
  const why =
    stop.reason === 'max-chunks'
      ? `chunk limit of ${limits.maxChunks.toLocaleString('en')} reached`
      : `time budget of ${Math.round(limits.budgetMs / 1000)} s for chunking and embedding ran out`;
  return `${why}: ${kept.toLocaleString('en')} chunks indexed, text from page ${stop.page}, character ${stop.offset.toLocaleString('en')} on left out`;
}
