import { register } from 'node:module';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfjsModule = typeof Pdfjs;

let pdfjsPromise: Promise<PdfjsModule> | undefined;

/**
 * Loads pdf.js (legacy build, the one for Node) once per thread, set up for text extraction:
 *
 * - pdf.js runs its parser in a "fake worker" on the calling thread when it finds
 *   `globalThis.pdfjsWorker`. That is what we want: the calling thread already is one of our extraction
 *   workers, and a nested worker would escape its time and memory limits.
 * - Running from source, tsx rewrites every ES module it loads (dynamic imports, with a source map) and
 *   Node then parses pdfjs-dist's own multi-megabyte `.map` files: together ~400 MB of RSS per worker
 *   for pdf.js's two files. pdf.js needs neither, so it is loaded as the plain JavaScript it ships as.
 * - The legacy build bundles core-js, which on V8 <= 12.1 (Node 20) replaces `Array.prototype.push` with
 *   a JavaScript version (for a spec corner case, push onto an array with a read-only length, that
 *   pdf.js never exercises) and `JSON.parse` (for source-text access, unused). The push replacement alone
 *   cost 10-20% of extraction CPU time. The natives are put back; the other polyfills only add missing
 *   methods and stay.
 */
export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    if (import.meta.url.endsWith('.ts')) bypassTransformsForPdfjs();
    const nativePush = Array.prototype.push;
    const nativeJsonParse = JSON.parse;
    const sourceMaps = (process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled;
    if (sourceMaps) process.setSourceMapsEnabled(false);
    try {
      const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      restoreNative(Array.prototype, 'push', nativePush);
      restoreNative(JSON, 'parse', nativeJsonParse);
      return pdfjs;
    } finally {
      if (sourceMaps) process.setSourceMapsEnabled(true);
    }
  })();
  return pdfjsPromise;
}

/**
 * A module-loader hook, registered after tsx's so it runs first, that loads files of the pdfjs-dist
 * package exactly as Node's default loader would (raw source, ES module) instead of passing them on.
 */
const PDFJS_RAW_LOAD_HOOK = `
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.includes('/node_modules/pdfjs-dist/')) {
    const { readFile } = await import('node:fs/promises');
    return { format: 'module', source: await readFile(new URL(url)), shortCircuit: true };
  }
  return next(url, context);
}`;

function bypassTransformsForPdfjs(): void {
  if (typeof register !== 'function') return;
  register(`data:text/javascript,${encodeURIComponent(PDFJS_RAW_LOAD_HOOK)}`);
}

function restoreNative(target: object, key: string, native: unknown): void {
  if (Object.getOwnPropertyDescriptor(target, key)?.value === native) return;
  Object.defineProperty(target, key, {
    value: native,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
