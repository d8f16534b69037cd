import path from 'node:path';
import { displayPath } from '../../../shared/displayPath';
import type { Embedder } from '../embed/types';
import { chunkDocument, type ChunkingStop } from '../ingest/chunkPages';
import type { ExtractPool } from '../ingest/extractPool';
import {
  DEFAULT_DOCUMENT_INDEX_LIMITS,
  type Chunk,
  type DocumentIndexLimits,
  type ExtractResult,
  type SourceFile,
} from '../ingest/types';
import { documentIdForPath } from '../store/chunkIdentity';
import type { DocumentStatus, DocumentUpsert, OcrPageInput } from '../store/storeTypes';

/** What the pipeline needs from the library: what it already holds, and an atomic per-document write. */
export interface IngestTarget {
  /** The indexed state of a path, if any (for the "unchanged?" check). */
  known(filePath: string): KnownDocument | undefined;
  /** Writes documents with their chunks and vectors; each document is atomic for search. */
  write(batch: readonly DocumentUpsert[]): Promise<void>;
}

export interface KnownDocument {
  size: number;
  mtime: number;
  sha256: string;
  status: DocumentStatus;
  /** Why it is not `ok`, as recorded; lets sync retry PDFs skipped before OCR existed. */
  reason?: string | null;
}

export interface IngestItem {
  file: SourceFile;
  /** The source (as added by the user) this file was found under. */
  source: string;
}

export interface IngestProgress {
  done: number;
  total: number;
  current?: string;
  pages: number;
  chunks: number;
}

export interface IngestTally {
  added: number;
  updated: number;
  unchanged: number;
  failed: Array<{ path: string; reason: string }>;
  skipped: Array<{ path: string; reason: string }>;
  /** Documents indexed only up to a per-document limit (also counted as added or updated). */
  partial: Array<{ path: string; reason: string }>;
  pages: number;
  chunks: number;
  cancelled: boolean;
}

export interface IngestDeps {
  pool: ExtractPool;
  /** Every model the library embeds with; the first one's token limit sizes the chunks. */
  embedders: readonly Embedder[];
  target: IngestTarget;
  signal: AbortSignal;
  /** Per-document chunk and time limits (defaults: {@link DEFAULT_DOCUMENT_INDEX_LIMITS}). */
  limits?: Partial<DocumentIndexLimits>;
  onProgress(progress: IngestProgress): void;
  /** Called after each batch is written (index updates, events). */
  afterWrite?(batch: readonly DocumentUpsert[]): Promise<void>;
}

/**
 * Documents are committed in small batches: each LanceDB commit creates table versions and refreshes
 * the keyword index, so one commit per tiny document would dominate ingest time. A batch is written
 * when it holds this many documents or chunks, or has waited this long (so progress stays visible and
 * a crash loses little: unwritten documents are simply done again by the next run).
 */
const batchLimits = { documents: 24, chunks: 4000, waitMs: 3000 };

export function emptyTally(): IngestTally {
  return {
    added: 0,
    updated: 0,
    unchanged: 0,
    failed: [],
    skipped: [],
    partial: [],
    pages: 0,
    chunks: 0,
    cancelled: false,
  };
}

/**
 * Reasons recorded for image-only PDFs by versions without OCR (or with OCR turned off): such a file is
 * read again by the next sync even though it did not change, so libraries made before OCR pick it up.
 */
const SKIPPED_FOR_NO_TEXT_LAYER =
  /^no text layer \(scanned or image-only PDF\?\)$|^no extractable text \(a scanned PDF\? OCR is not supported\)$/;

/** True for a document skipped because it had no text layer, before OCR could read it. */
export function awaitsOcr(known: KnownDocument | undefined): boolean {
  return known?.status === 'skipped' && SKIPPED_FOR_NO_TEXT_LAYER.test(known.reason ?? '');
}

/** Same size and modification time as indexed: not read again (the cheap check; sha256 follows). */
export function looksUnchanged(file: SourceFile, known: KnownDocument | undefined): boolean {
  return known !== undefined && known.size === file.size && known.mtime === file.mtimeMs && !awaitsOcr(known);
}

/**
 * Extract -> chunk -> embed -> write for a list of files. Extraction runs ahead in the worker pool
 * while earlier documents are embedded and written one at a time (LanceDB writes stay ordered and
 * each document is one atomic write). Cancelling stops new work; a document whose write had not
 * happened is simply not there, so the library is always consistent and the next run resumes.
 */
export async function ingestFiles(
  items: readonly IngestItem[],
  deps: IngestDeps,
  tally = emptyTally(),
): Promise<IngestTally> {
  const { pool, signal } = deps;
  const total = items.length;
  let done = 0;
  const report = (current?: string) =>
    deps.onProgress({
      done,
      total,
      pages: tally.pages,
      chunks: tally.chunks,
      ...(current ? { current } : {}),
    });

  const todo: IngestItem[] = [];
  for (const item of items) {
    if (looksUnchanged(item.file, deps.target.known(item.file.path))) {
      tally.unchanged += 1;
      done += 1;
    } else todo.push(item);
  }
  report();

  const maxInFlight = pool.size + 2;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let writes: Promise<void> = Promise.resolve();
  let pending: DocumentUpsert[] = [];
  let pendingChunks = 0;
  let pendingSince = 0;
  const commit = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingChunks = 0;
    await deps.target.write(batch);
    for (const upsert of batch) countCommitted(upsert, deps.target, tally);
    await deps.afterWrite?.(batch);
  };

  for (const item of todo) {
    if (signal.aborted) break;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (signal.aborted) break;
    const task = (async () => {
      let result: ExtractResult;
      try {
        result = await pool.extract(item.file, { signal });
      } catch {
        return; // aborted: nothing was written for this file
      }
      const write = writes.then(async () => {
        if (signal.aborted) return;
        const upsert = await prepareUpsert(item, result, deps, tally);
        if (pending.length === 0) pendingSince = Date.now();
        pending.push(upsert);
        pendingChunks += upsert.chunks.length;
        if (
          pending.length >= batchLimits.documents ||
          pendingChunks >= batchLimits.chunks ||
          Date.now() - pendingSince >= batchLimits.waitMs
        ) {
          await commit();
        }
      });
      writes = write.catch(() => undefined);
      try {
        await write;
      } catch (err) {
        // An abort mid-document drops only that document; anything else fails the job at the end
        // (after the documents already embedded are written).
        if (!signal.aborted) failure ??= err;
        return;
      }
      done += 1;
      report(path.basename(displayPath(item.file.path)));
    })();
    // Tasks never reject (see above), so racing them cannot throw out of this loop.
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
  }
  await Promise.all([...inFlight]);
  await writes;
  // Documents already embedded are complete: write them even when cancelled.
  await commit();
  tally.cancelled = signal.aborted;
  if (failure !== undefined) throw failure;
  report();
  return tally;
}

/** Counts a committed document as added or updated (and partial ones in `partial` too). */
function countCommitted(upsert: DocumentUpsert, target: IngestTarget, tally: IngestTally): void {
  if (upsert.doc.status === 'partial') {
    tally.partial.push({ path: upsert.doc.path, reason: upsert.doc.reason ?? 'partial' });
  } else if (upsert.doc.status !== 'ok') return;
  if (target.known(upsert.doc.path)) tally.updated += 1;
  else tally.added += 1;
}

/** Turns one extraction result into a document write (with chunks and vectors when it has text). */
async function prepareUpsert(
  item: IngestItem,
  result: ExtractResult,
  deps: IngestDeps,
  tally: IngestTally,
): Promise<DocumentUpsert> {
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
    const indexed = await chunkAndEmbed(result, deps);
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

/**
 * Chunks a document and embeds the chunks with every model, within the per-document limits: at most
 * `maxChunks` chunks, and no new step once `budgetMs` has passed. Embedding goes in steps of
 * {@link EMBED_STEP} chunks, each with every model, so what is kept when time runs out is a prefix of
 * the chunks that every model has vectors for.
 */
async function chunkAndEmbed(result: ExtractResult, deps: IngestDeps): Promise<IndexedText> {
  const limits = { ...DEFAULT_DOCUMENT_INDEX_LIMITS, ...deps.limits };
  const deadline = Date.now() + limits.budgetMs;
  const [primary] = deps.embedders;
  if (!primary) throw new Error('No embedding model is available');
  const maxTokens = Math.min(...deps.embedders.map((e) => e.info.maxTokens));
  const chunked = await chunkDocument(result.pages, {
    maxTokens,
    countTokens: (t) => primary.countTokens(t),
    maxChunks: limits.maxChunks,
    deadline,
  });
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
    const texts = chunks.slice(from, from + EMBED_STEP).map((c) => c.text);
    for (const [m, embedder] of deps.embedders.entries()) {
      const embedded = await embedder.embed(texts, { purpose: 'passage', signal: deps.signal });
      vectors[m]!.vectors.push(...embedded.vectors);
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
