import type { PageText } from '../../../shared/api/methods/documents';
import { LociError } from '../../../shared/api/errors';
import { createExtractPool, type ExtractPool } from '../ingest/extractPool';
import { DEFAULT_OCR_OPTIONS, type ExtractResult, type SourceKind } from '../ingest/types';
import type { DocumentRecord, OcrPageRecord } from '../store/storeTypes';

export interface DocumentPagesOptions {
  /** Extraction workers shared by all `document.pages` calls. Default 1: a viewer opens one at a time. */
  workers?: number;
  /** The pool stops its workers after this long without a call (they hold tens of MB each). */
  idleStopMs?: number;
  /** Most characters of page text kept for repeated calls (the viewer asks again on every open). */
  cacheChars?: number;
  /**
   * The document's stored OCR pages (text and word boxes). When it has some, the file is read again
   * without OCR (a scanned book would otherwise be recognised again on every open, seconds a page)
   * and those pages come from the store, with the very text the chunks' offsets refer to.
   */
  ocrPages?: (doc: DocumentRecord) => Promise<OcrPageRecord[]>;
}

export interface DocumentPagesReader {
  read(doc: DocumentRecord): Promise<PageText[]>;
  /** Extractions started so far (calls answered from the cache or joined to a running one don't count). */
  readonly extractions: number;
  close(): Promise<void>;
}

/**
 * The text of a document page by page, for the reader view and highlighting. The library stores
 * chunks, not whole pages (their gaps and line breaks are gone), so the file is extracted again in a
 * worker, with the usual limits; the result matches the indexed chunks' offsets as long as the file
 * is unchanged, which is checked.
 *
 * Bounded however many calls arrive at once: one small pool of workers with a queue (not a new worker
 * per call: 50 parallel calls used to start 50 workers, 150 threads and 2.8 GB), calls for a document
 * already being extracted join that extraction, and recent results are kept, by size, for the next
 * open of the same document.
 */
export function createDocumentPagesReader(options: DocumentPagesOptions = {}): DocumentPagesReader {
  const workers = options.workers ?? 1;
  const idleStopMs = options.idleStopMs ?? 30_000;
  const cacheChars = options.cacheChars ?? 16_000_000;
  const inFlight = new Map<string, Promise<PageText[]>>();
  /** Insertion order is recency order: a hit is moved to the end, the oldest evicted first. */
  const cache = new Map<string, { pages: PageText[]; chars: number }>();
  let cachedChars = 0;
  /** One pool that runs OCR (documents indexed before OCR pages were stored), one that never does. */
  const pools: { ocr: ExtractPool | null; text: ExtractPool | null } = { ocr: null, text: null };
  let idleTimer: NodeJS.Timeout | undefined;
  let extractions = 0;
  let closed = false;

  function remember(key: string, pages: PageText[]): void {
    const chars = pages.reduce((n, p) => n + p.text.length, 0);
    if (chars > cacheChars) return;
    cache.set(key, { pages, chars });
    cachedChars += chars;
    for (const [oldKey, entry] of cache) {
      if (cachedChars <= cacheChars) break;
      cache.delete(oldKey);
      cachedChars -= entry.chars;
    }
  }

  function stopWhenIdle(): void {
    clearTimeout(idleTimer);
    if (inFlight.size > 0 || (!pools.ocr && !pools.text)) return;
    idleTimer = setTimeout(() => {
      const idle = [pools.ocr, pools.text];
      pools.ocr = pools.text = null;
      for (const pool of idle) void pool?.close();
    }, idleStopMs);
    idleTimer.unref();
  }

  function poolFor(ocr: boolean): ExtractPool {
    if (ocr) return (pools.ocr ??= createExtractPool({ workers }));
    return (pools.text ??= createExtractPool({
      workers,
      limits: { ocr: { ...DEFAULT_OCR_OPTIONS, enabled: false } },
    }));
  }

  async function extract(doc: DocumentRecord): Promise<PageText[]> {
    clearTimeout(idleTimer);
    const stored = (await options.ocrPages?.(doc)) ?? [];
    extractions++;
    const result = await poolFor(stored.length === 0)
      .extract({ path: doc.path, kind: doc.kind as SourceKind })
      .catch((err) => {
        // The pool rejects only when it is closed: the server is stopping, not a failure to report.
        if (closed) throw new LociError('UNAVAILABLE', 'Loci is shutting down');
        throw err;
      });
    // Read without OCR, a scan is "skipped" (no text layer); its pages are in the store.
    const readable = result.status === 'ok' || (stored.length > 0 && result.status === 'skipped');
    if (!readable) {
      throw new LociError('UNAVAILABLE', `Cannot read ${doc.path}: ${result.reason ?? result.status}`);
    }
    if (result.sha256 && doc.sha256 && result.sha256 !== doc.sha256) {
      throw new LociError(
        'CONFLICT',
        `${doc.path} changed since it was indexed; sync the library to view it.`,
      );
    }
    return withOcrPages(result, stored, doc.pages);
  }

  return {
    get extractions() {
      return extractions;
    },
    read(doc) {
      if (closed) return Promise.reject(new LociError('UNAVAILABLE', 'Loci is shutting down'));
      // The indexed version identifies the text: a re-indexed file gets a new key.
      const key = `${doc.id}\0${doc.sha256}\0${doc.generation}`;
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
        return Promise.resolve(hit.pages);
      }
      let pending = inFlight.get(key);
      if (!pending) {
        pending = extract(doc)
          .then((pages) => {
            remember(key, pages);
            return pages;
          })
          .finally(() => {
            inFlight.delete(key);
            stopWhenIdle();
          });
        inFlight.set(key, pending);
      }
      return pending;
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      cache.clear();
      await Promise.all([pools.ocr?.close(), pools.text?.close()]);
      pools.ocr = pools.text = null;
    },
  };
}

/**
 * The extracted pages with the stored OCR pages put in (an image read without OCR has no pages at
 * all: they all come from the store). Every page carries its word boxes when it has them.
 */
function withOcrPages(
  result: ExtractResult,
  stored: readonly OcrPageRecord[],
  pageCount: number,
): PageText[] {
  const byPage = new Map(stored.map((p) => [p.page, p]));
  const count = Math.max(result.pages.length, ...stored.map((p) => p.page), stored.length ? pageCount : 0);
  const pages: PageText[] = [];
  for (let n = 1; n <= count; n++) {
    const extracted = result.pages[n - 1];
    const ocr = byPage.get(n);
    // A page's heading path: the first section's, when the format has sections.
    const headingPath = extracted?.sections?.[0]?.headingPath ?? [];
    const boxes = ocr?.boxes ?? extracted?.boxes;
    pages.push({
      page: n,
      text: ocr?.text ?? extracted?.text ?? '',
      headingPath,
      ...(boxes ? { boxes } : {}),
    });
  }
  return pages;
}
