import path from 'node:path';
import type { ChunkRequest } from './chunkExtracted';
import type { ExtractTestHooks } from './extract/extractDocument';
import { kindOfPath } from './sourceKinds';
import type { ExtractLimits, ExtractResult, SourceKind } from './types';

export interface ExtractPoolOptions {
  /** Worker threads; default one per core (`os.availableParallelism()`). */
  workers?: number;
  /** Wall-clock limit per document, from hand-over to the worker until its result. Default 120 s. */
  timeoutMs?: number;
  /** V8 heap limit per worker (`resourceLimits.maxOldGenerationSizeMb`). Default 512 MB. */
  memoryLimitMb?: number;
  /**
   * Growth of the process's RSS allowed while a document is extracted, in MB. Covers what the heap
   * limit cannot see: buffers outside the V8 heap, such as a PDF stream that inflates to gigabytes.
   * Default 1024.
   */
  rssGrowthLimitMb?: number;
  /** Per-document character and file-size caps (see `ExtractLimits`). */
  limits?: Partial<ExtractLimits>;
  /** Test-only fault injection; never set in production. */
  testHooks?: ExtractTestHooks;
}

export interface ExtractPoolStats {
  /** Documents answered (any status). */
  completed: number;
  /** Documents cut by the timeout. */
  timeouts: number;
  /** Workers that died or were stopped for memory (heap limit, RSS growth) or crashed while extracting. */
  crashes: number;
  /** Documents re-run alone because the process grew while several were in flight. */
  retriedAlone: number;
  /** Workers started, including replacements. */
  workersStarted: number;
}

export interface ExtractPool {
  /** Worker count the pool grows to. */
  readonly size: number;
  readonly stats: Readonly<ExtractPoolStats>;
  /**
   * Extracts one document in a worker. Resolves with a result for every document, including ones that
   * time out or kill their worker; rejects only if `signal` aborts (with `signal.reason`) or the pool
   * is closed.
   */
  extract(
    file: { path: string; kind?: SourceKind },
    options?: {
      signal?: AbortSignal;
      /** Read only the document's own date (`docDate`), no text: the dates-only pass of a sync. */
      datesOnly?: boolean;
      /** Also chunk an `ok` document in the worker (`ExtractResult.chunked`; chunkExtracted.ts). */
      chunking?: ChunkRequest;
    },
  ): Promise<ExtractResult>;
  /** Rejects queued documents, terminates the workers. */
  close(): Promise<void>;
}

/** What the pool hands a worker at start-up (`workerData`). */
export interface ExtractWorkerData {
  limits: ExtractLimits;
  testHooks?: ExtractTestHooks;
}

/** The protocol between the pool and an extraction worker (`extract.worker.ts`). */
export type ExtractWorkerProtocol = {
  /** Answers once parsers are loaded, so load time never counts against a document's time limit. */
  ready: { request: null; reply: null };
  /**
   * One document; progress says it is OCR'ing another page or starts chunking (its time limit grows
   * by `extendMs`).
   */
  extract: {
    /**
     * `datesOnly`: read the document's own date and nothing else (an `ok` result without pages).
     * `chunking`: chunk an `ok` document too (`ExtractResult.chunked`); left out if the tokenizer
     * cannot be opened or chunking fails (the caller then chunks it itself).
     */
    request: { path: string; kind?: SourceKind; datesOnly?: boolean; chunking?: ChunkRequest };
    reply: ExtractResult;
    progress: { extendMs: number };
  };
};

/** The result for a document that produced none (timeout, dead worker). */
export function emptyResult(
  file: { path: string; kind?: SourceKind },
  status: ExtractResult['status'],
  reason: string,
  elapsedMs: number,
): ExtractResult {
  return {
    path: file.path,
    kind: file.kind ?? kindOfPath(file.path) ?? 'text',
    status,
    reason,
    title: path.basename(file.path, path.extname(file.path)),
    pages: [],
    pageCount: 0,
    sha256: '',
    size: 0,
    chars: 0,
    truncated: false,
    elapsedMs,
  };
}
