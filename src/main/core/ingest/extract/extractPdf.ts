import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExtractedPage, ExtractStatus, OcrOptions, OcrSummary } from '../types';
import { OcrTally, ocrPdfPageIfNeeded } from './ocrPages';
import { cutAt } from './decodeText';
import { loadPdfjs } from './pdfjsLoader';
import { layoutPageText, type PositionedText } from './pdfTextLayout';
import { largestText } from './pdfTitle';
import { OutlineSections, readPdfOutline } from './pdfOutline';
import { pdfDocumentDate, type PdfMetadata } from './documentDate';

export interface PdfExtraction {
  status: ExtractStatus;
  reason?: string;
  /** Title from the document info dictionary, if it has a usable one. */
  metadataTitle?: string;
  /** The document's own date from its metadata (documentDate.ts), if it has a plausible one. */
  metadataDate?: number;
  /** The text set in the largest font on page 1, when it stands out from the body (pdfTitle.ts). */
  largestText?: string;
  /** Every page up to the cap, including empty ones, so `pages[i].page === i + 1`. */
  pages: ExtractedPage[];
  pageCount: number;
  chars: number;
  truncated: boolean;
  /** Present when pages were read by OCR (see `ocrPages.ts`). */
  ocr?: OcrSummary;
}

let assetDirs: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null | undefined;
/**
 * pdf.js's data folders in the local pdfjs-dist, which pdf.js on Node reads with `fs` (never the
 * network): Adobe's predefined CMaps (CJK PDFs need them to map glyphs to Unicode), the standard 14
 * fonts' data (pages rendered for OCR that use a font the PDF does not embed), and the WebAssembly
 * decoders (JPEG 2000 and JBIG2 images in scans). Null when not found (a bundled build that did not
 * copy them): such PDFs then extract with less text, nothing worse.
 */
function localAssetDirs(): typeof assetDirs {
  if (assetDirs !== undefined) return assetDirs;
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
    const dir = (name: string) => path.join(root, name) + path.sep;
    assetDirs = { cMapUrl: dir('cmaps'), standardFontDataUrl: dir('standard_fonts'), wasmUrl: dir('wasm') };
  } catch {
    assetDirs = null;
  }
  return assetDirs;
}

/**
 * pdf.js options for reading a file held in memory: no code generation, no fonts loaded into a DOM, no
 * system fonts, no fetching of anything.
 */
export function pdfLoadOptions() {
  const assets = localAssetDirs();
  return {
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    disableRange: true,
    stopAtErrors: false,
    verbosity: 0,
    ...(assets ? { ...assets, cMapPacked: true } : {}),
  };
}

/**
 * Extracts text per page with pdf.js. `data` is consumed (pdf.js may detach it). Stops adding pages once
 * `maxChars` characters are collected (`truncated`). Password-protected files are `encrypted`;
 * unparseable ones `failed` with pdf.js's message; a PDF without any text layer is `skipped`.
 */
export async function extractPdf(
  data: Uint8Array,
  maxChars: number,
  ocr?: OcrOptions,
): Promise<PdfExtraction> {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({ data, ...pdfLoadOptions() });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    return failure(error);
  }
  try {
    const { title: metadataTitle, date: metadataDate } = await readMetadata(doc);
    const outline = new OutlineSections(await readPdfOutline(doc));
    const pages: ExtractedPage[] = [];
    let chars = 0;
    let truncated = false;
    let pageErrors = 0;
    const ocrTally = new OcrTally();
    let largest: string | undefined;
    for (let n = 1; n <= doc.numPages && !truncated; n++) {
      let text = '';
      let boxes: ExtractedPage['boxes'];
      let items: PositionedText[] | undefined;
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        items = content.items.filter((i): i is PositionedText & typeof i => 'str' in i);
        text = layoutPageText(items);
        if (n === 1) largest = largestText(items);
        const ocrd = ocr ? await ocrPdfPageIfNeeded(page, text, ocr, ocrTally) : undefined;
        if (ocrd) {
          ({ text, boxes } = ocrd);
          items = undefined; // OCR text: bookmarks are placed by title, not by height
        }
        page.cleanup();
      } catch {
        // One broken page (bad content stream, missing object) should not cost the others.
        pageErrors++;
      }
      if (chars + text.length > maxChars) {
        text = cutAt(text, maxChars - chars);
        truncated = true;
      }
      chars += text.length;
      const sections = outline.sectionsFor(n, text, items);
      pages.push({
        page: n,
        text,
        ...(boxes && !truncated ? { boxes } : {}),
        ...(sections.length > 0 ? { sections } : {}),
      });
    }
    const ocrSummary = ocrTally.summary();
    const base = {
      metadataTitle,
      ...(metadataDate !== undefined ? { metadataDate } : {}),
      ...(largest ? { largestText: largest } : {}),
      pages,
      pageCount: doc.numPages,
      chars,
      truncated,
      ...(ocrSummary ? { ocr: ocrSummary } : {}),
    };
    if (pageErrors === doc.numPages) return { ...base, status: 'failed', reason: 'no page could be read' };
    if (chars === 0)
      return {
        ...base,
        status: 'skipped',
        reason: ocrTally.lastError
          ? `no text layer, and OCR failed: ${ocrTally.lastError}`
          : ocrTally.pages > 0
            ? 'no text layer, and OCR found no text'
            : 'no text layer (scanned or image-only PDF?)',
      };
    if (pageErrors > 0)
      return { ...base, status: 'ok', reason: `${pageErrors} of ${doc.numPages} pages could not be read` };
    return { ...base, status: 'ok' };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** The Info title (cleaned) and the document's own date; neither when the metadata cannot be read. */
async function readMetadata(doc: {
  getMetadata(): Promise<PdfMetadata>;
}): Promise<{ title?: string; date?: number }> {
  try {
    const meta = await doc.getMetadata();
    const title = (meta.info as { Title?: unknown } | undefined)?.Title;
    const cleaned = typeof title === 'string' ? cleanPdfTitle(title) : undefined;
    const date = pdfDocumentDate(meta);
    return { ...(cleaned !== undefined ? { title: cleaned } : {}), ...(date !== undefined ? { date } : {}) };
  } catch {
    return {};
  }
}

/** Info titles are often tool leftovers ("Microsoft Word - report.doc", "untitled"): keep only real ones. */
export function cleanPdfTitle(raw: string): string | undefined {
  const title = raw
    .replace(/^Microsoft (Word|PowerPoint|Excel) - /i, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A file name ("report.doc", "float.dvi") says nothing the file name does not: no title.
  if (/\.(docx?|pptx?|xlsx?|tex|dvi|pdf|ps)$/i.test(title)) return undefined;
  if (title.length < 2 || /^(untitled|title|document|\(?anonymous\)?)\d*$/i.test(title)) return undefined;
  return title.slice(0, 300);
}

function failure(error: unknown): PdfExtraction {
  const empty = { pages: [], pageCount: 0, chars: 0, truncated: false };
  const name = (error as { name?: string } | undefined)?.name;
  const message = (error as { message?: string } | undefined)?.message ?? String(error);
  if (name === 'PasswordException') return { ...empty, status: 'encrypted', reason: 'password required' };
  if (name === 'InvalidPDFException')
    return { ...empty, status: 'failed', reason: `invalid PDF: ${message}` };
  return { ...empty, status: 'failed', reason: `PDF error: ${message}` };
}
