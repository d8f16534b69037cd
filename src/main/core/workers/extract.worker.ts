import { workerData } from 'node:worker_threads';
import { chunkExtracted, counterFor } from '../ingest/chunkExtracted';
import { extractDocument, extractDocumentDate, preloadExtractors } from '../ingest/extract/extractDocument';
import { setOcrPageListener } from '../ingest/extract/ocrPages';
import type { ExtractWorkerData, ExtractWorkerProtocol } from '../ingest/extractPoolTypes';
import { serveRpc } from '../workerRpc/serveRpc';

/**
 * Extraction worker: one document at a time, on this thread, so the pool can cut a runaway parse by
 * terminating the thread (time limit) and V8 can stop it at the heap limit the pool set. `ready`
 * answers once the parsers are loaded; each OCR'd page is reported as progress (it extends the limit).
 */
const { limits, testHooks } = workerData as ExtractWorkerData;

// pdf.js occasionally rejects a promise nobody awaits while cleaning up a broken file; that must not
// take the worker (and the document after it) down. Real failures reach extractDocument's own catch.
process.on('unhandledRejection', () => undefined);

let reportOcrPage: ((extendMs: number) => void) | null = null;
setOcrPageListener((extendMs) => reportOcrPage?.(extendMs));
const loaded = preloadExtractors();

serveRpc<ExtractWorkerProtocol>(
  {
    ready: async () => {
      await loaded;
      return null;
    },
    extract: async ({ path, kind, datesOnly, chunking }, { progress }) => {
      if (datesOnly) return extractDocumentDate({ path, ...(kind ? { kind } : {}) }, limits);
      reportOcrPage = (extendMs) => progress({ extendMs });
      let result;
      try {
        result = await extractDocument({ path, ...(kind ? { kind } : {}) }, limits, testHooks);
      } finally {
        reportOcrPage = null;
      }
      if (chunking && result.status === 'ok' && result.pages.length > 0) {
        // Chunking has its own time budget (as when the caller chunked): the limit grows by it.
        progress({ extendMs: chunking.budgetMs });
        try {
          result.chunked = await chunkExtracted(result.pages, chunking, await counterFor(chunking.tokenizer));
        } catch {
          // No tokenizer here, say: the caller chunks the document itself, as it would without us.
        }
      }
      return result;
    },
  },
  { sequential: true },
);
