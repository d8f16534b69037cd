import path from 'node:path';
import { displayPath } from '../../../shared/displayPath';
import type { Embedder } from '../embed/types';
import type { ChunkContext } from '../ingest/embeddedText';
import type { ExtractPool } from '../ingest/extractPool';
import type { DocumentIndexLimits, ExtractResult, SourceFile } from '../ingest/types';
import type { DocumentStatus, DocumentUpsert } from '../store/storeTypes';
import { StageClock } from './ingestBudget';
import { fillDocumentDates, type DocumentDateUpdate } from './fillDocumentDates';
import { chunkForEmbedding, chunkRequestFor, finishUpsert, type PrepareContext } from './prepareDocument';
import { VectorReuse } from './reusedVectors';

/** What the pipeline needs from the library: what it already holds, and an atomic per-document write. */
export interface IngestTarget {
  /** The indexed state of a path, if any (for the "unchanged?" check). */
  known(filePath: string): KnownDocument | undefined;
  /** Writes documents with their chunks and vectors; each document is atomic for search. */
  write(batch: readonly DocumentUpsert[]): Promise<void>;
  /**
   * Stored chunks whose vectors a new version of this file may reuse: its previous version and
   * stored documents with the same content hash (a copy at another path), per model fingerprint.
   */
  reusable?(filePath: string, sha256: string): Promise<ReusableChunk[]>;
  /**
   * Stored vectors of any stored chunk whose text has one of these hashes (textHash of the text the
   * model embeds), per model fingerprint: boilerplate stored by earlier jobs (storedTextVectors.ts).
   */
  storedVectors?(hashes: readonly string[]): Promise<ReusableVector[]>;
  /**
   * Stores the own dates of unchanged documents whose rows have none (fillDocumentDates.ts); without
   * it such documents are left as they are.
   */
  writeDates?(dates: readonly DocumentDateUpdate[]): Promise<void>;
}

/** A model's stored vector of the text with this hash. */
export interface ReusableVector {
  fingerprint: string;
  hash: string;
  vector: Float32Array;
}

/** A stored chunk text with a model's vector of it. */
export interface ReusableChunk {
  fingerprint: string;
  text: string;
  vector: Float32Array;
}

export interface KnownDocument {
  size: number;
  mtime: number;
  sha256: string;
  status: DocumentStatus;
  /** Why it is not `ok`, as recorded; lets sync retry PDFs skipped before OCR existed. */
  reason?: string | null;
  /** Where its stored date comes from; null or absent when it has none yet (indexed before dates). */
  dateSource?: string | null;
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
  /** Stage times and reused vectors (the job adds its final table maintenance and index build). */
  clock: StageClock;
}

export interface IngestDeps {
  pool: ExtractPool;
  /** Every model the library embeds with; the first one's token limit sizes the chunks. */
  embedders: readonly Embedder[];
  target: IngestTarget;
  /** What is embedded with each chunk's text (embeddedText.ts); default `none`. */
  chunkContext?: ChunkContext;
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
 * a crash loses little: unwritten documents are simply done again by the next run). The first batch
 * goes after 3 s, so a new job's first documents are searchable at once; later ones after 10 s: each
 * commit's keyword-index refresh costs more as the library grows (seconds at 100k chunks,
 * keywordIndex.ts), and on 60 TeX Live PDFs LanceDB's threads used 2.2 CPU s instead of 4.1 s with
 * 3 s throughout (the same run's other threads: ~60 CPU s).
 */
const batchLimits = { documents: 24, chunks: 4000, firstWaitMs: 3000, waitMs: 10_000 };

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
    clock: new StageClock(),
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
 * Extract -> chunk -> embed -> write for a list of files, as a pipeline whose bottleneck, the model,
 * should never wait:
 *
 * - extraction runs ahead in the worker pool (up to `pool.size + 2` files in flight), so the next
 *   documents are extracted while the current one is embedded; each extraction worker also chunks
 *   the document it extracted, counting tokens with its own copy of the model's tokenizer;
 * - documents are embedded one at a time, in order (one model; its worker batches);
 * - a full batch of documents is written to LanceDB while the next documents are embedded (at most
 *   one write in flight: memory holds two batches at most, and writes stay ordered, each document
 *   one atomic write);
 * - chunk texts already embedded in this job, stored for this file's previous version or a stored
 *   copy of it, or stored for any other document (boilerplate of earlier jobs), reuse their vector
 *   (reusedVectors.ts, storedTextVectors.ts).
 *
 * Cancelling stops new work; a document whose write had not happened is simply not there, so the
 * library is always consistent and the next run resumes.
 */
export async function ingestFiles(
  items: readonly IngestItem[],
  deps: IngestDeps,
  tally = emptyTally(),
): Promise<IngestTally> {
  const { pool, signal } = deps;
  const { clock } = tally;
  const work: PrepareContext = { deps, tally, clock, reuse: new VectorReuse() };
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
  /** Unchanged documents without a stored date: only their dates are read (after the changed ones). */
  const undated: IngestItem[] = [];
  for (const item of items) {
    const known = deps.target.known(item.file.path);
    if (looksUnchanged(item.file, known)) {
      tally.unchanged += 1;
      done += 1;
      if (!known?.dateSource) undated.push(item);
    } else todo.push(item);
  }
  report();

  // Extraction workers chunk what they extract, with their own tokenizer (chunkExtracted.ts).
  const chunkInWorker = chunkRequestFor(deps);
  const maxInFlight = pool.size + 2;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let steps: Promise<void> = Promise.resolve();
  let chunking: Promise<unknown> = Promise.resolve();
  let pending: DocumentUpsert[] = [];
  let pendingChunks = 0;
  let pendingSince = 0;
  /** Batches handed to the writer so far. */
  let batches = 0;
  /** The write in flight; it never rejects (a failure is kept in `failure` and fails the job at the end). */
  let writing: Promise<void> = Promise.resolve();
  /** Starts writing the pending batch after the write in flight; resolves when that earlier one is done. */
  const commit = (): Promise<void> => {
    if (pending.length === 0) return writing;
    const batch = pending;
    batches += 1;
    pending = [];
    pendingChunks = 0;
    const previous = writing;
    writing = previous.then(() =>
      clock
        .time('write', async () => {
          await deps.target.write(batch);
          for (const upsert of batch) countCommitted(upsert, deps.target, tally);
          await deps.afterWrite?.(batch);
        })
        .catch((err: unknown) => {
          if (!signal.aborted) failure ??= err;
        }),
    );
    return previous;
  };

  for (const item of todo) {
    if (signal.aborted) break;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (signal.aborted) break;
    const task = (async () => {
      let result: ExtractResult;
      const extracted = clock.begin('extract');
      try {
        result = await pool.extract(item.file, {
          signal,
          ...(chunkInWorker ? { chunking: chunkInWorker } : {}),
        });
      } catch {
        return; // aborted: nothing was written for this file
      } finally {
        extracted();
      }
      // Chunked by its extraction worker (else here, in job order, one document at a time, while
      // earlier documents still embed).
      const chunked = chunking.then(() => (signal.aborted ? null : chunkForEmbedding(result, item, work)));
      chunking = chunked.catch(() => undefined);
      const step = steps.then(async () => {
        if (signal.aborted) return;
        const upsert = await finishUpsert(item, result, await chunked, work);
        if (pending.length === 0) pendingSince = Date.now();
        pending.push(upsert);
        pendingChunks += upsert.chunks.length;
        if (
          pending.length >= batchLimits.documents ||
          pendingChunks >= batchLimits.chunks ||
          Date.now() - pendingSince >= (batches === 0 ? batchLimits.firstWaitMs : batchLimits.waitMs)
        ) {
          // Backpressure: wait for the previous write only; this batch is written while we embed on.
          await commit();
        }
      });
      steps = step.catch(() => undefined);
      try {
        await step;
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
  await steps;
  // Documents already embedded are complete: write them even when cancelled.
  await commit();
  await writing;
  const { writeDates } = deps.target;
  if (writeDates && undated.length > 0 && failure === undefined && !signal.aborted) {
    await clock
      .time('extract', () => fillDocumentDates(undated, pool, writeDates, signal))
      .catch((err: unknown) => {
        if (!signal.aborted) failure ??= err;
      });
  }
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
