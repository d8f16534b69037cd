import type * as PdfjsModule from 'pdfjs-dist';

export type Pdfjs = typeof PdfjsModule;

let loading: Promise<Pdfjs> | null = null;

/**
 * Loads pdf.js on first use (it is large; most sessions never open a PDF). The worker script is
 * bundled by Vite (`?url`) and served from our own origin, so the CSP's `worker-src 'self'` holds and
 * nothing is fetched from a CDN.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(
    ([pdfjs, worker]) => {
      pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
      return pdfjs;
    },
  );
  return loading;
}

/**
 * Where pdf.js's data files are served (copied from pdfjs-dist into the renderer build under `pdfjs/`
 * by electron.vite.config.ts): Adobe's predefined CMaps (CJK text), the standard 14 fonts' data (PDFs
 * that do not embed Helvetica, Times...), and the WebAssembly decoders (JPEG 2000, JBIG2, colour
 * profiles). Same origin, so the strict CSP holds; pdf.js's worker fetches them itself.
 */
export function pdfjsAssetUrls(base: string = document.baseURI) {
  const url = (dir: string) => new URL(`pdfjs/${dir}/`, base).href;
  return {
    cMapUrl: url('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: url('standard_fonts'),
    wasmUrl: url('wasm'),
  };
}

/** Opens a PDF from bytes with eval disabled (the CSP forbids it anyway; this keeps pdf.js from trying). */
export async function openPdf(bytes: Uint8Array) {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    data: bytes,
    ...pdfjsAssetUrls(),
    isEvalSupported: false,
    // Links inside the PDF are not rendered (no annotation layer), and no script in it ever runs.
    enableXfa: false,
  });
  return { pdfjs, task };
}
