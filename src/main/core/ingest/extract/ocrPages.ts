import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OcrOptions, OcrSummary, OcrWordBoxes } from '../types';
import { OcrTimeoutError, recognizeImage } from './ocrEngine';
import { pageImageCoverage, renderPageForOcr } from './renderPdfPage';
import { fullPageScan } from './scanImage';

/**
 * When a PDF page is read by OCR. A page qualifies when its text layer is (almost) empty AND images
 * cover most of it: a scan, or a scan with a stray stamp ("Scanned by ..."). A page with little text
 * and no big image is a blank or figure page and stays as it is. Pages with a real text layer are
 * never looked at again, so text PDFs pay nothing for OCR.
 */
export const OCR_TEXT_THRESHOLD = 32;
export const OCR_IMAGE_COVERAGE = 0.5;

/** Characters other than whitespace and control characters. */
export function printableChars(text: string): number {
  let n = 0;
  for (const ch of text) if (!/[\s\p{C}]/u.test(ch)) n++;
  return n;
}

/**
 * Called once per page before any OCR work on it. The extraction worker uses it to tell the pool a
 * document is making progress (its time limit then grows by one page's limit), so a long scanned
 * book is not cut by the per-document timeout meant for stuck parsers.
 */
let onOcrPage: ((pageTimeoutMs: number) => void) | undefined;
export function setOcrPageListener(listener: ((pageTimeoutMs: number) => void) | undefined): void {
  onOcrPage = listener;
}

/** Collects what OCR did for one document. */
export class OcrTally {
  pages = 0;
  failedPages = 0;
  /** Why the last failed page failed, for the document's reason. */
  lastError: string | undefined;
  private confidenceSum = 0;
  add(confidence: number): void {
    this.pages++;
    this.confidenceSum += confidence;
  }
  summary(): OcrSummary | undefined {
    if (this.pages === 0 && this.failedPages === 0) return undefined;
    const confidence = this.pages ? Math.round(this.confidenceSum / this.pages) : 0;
    return { pages: this.pages, confidence, failedPages: this.failedPages };
  }
}

/** A page image (or rendered page) recognised: text and word boxes, or nothing when OCR gave up. */
export interface OcrOutcome {
  text: string;
  boxes?: OcrWordBoxes;
}

/** Runs OCR on one image, counting it in `tally`; a time-out or engine error costs only this page. */
export async function ocrImage(
  image: { image: Buffer; width: number; height: number },
  options: OcrOptions,
  tally: OcrTally,
): Promise<OcrOutcome> {
  onOcrPage?.(options.pageTimeoutMs);
  try {
    const result = await recognizeImage(image.image, image, options);
    tally.add(result.confidence);
    return result.text ? { text: result.text, boxes: result.boxes } : { text: '' };
  } catch (error) {
    tally.failedPages++;
    tally.lastError =
      error instanceof OcrTimeoutError
        ? `OCR time limit (${Math.round(options.pageTimeoutMs / 1000)} s per page)`
        : `OCR error: ${(error as Error)?.message ?? String(error)}`;
    return { text: '' };
  }
}

/**
 * The PDF hook: returns OCR text for a page whose text layer is useless, or undefined to keep the text
 * layer (`text`) as is.
 */
export async function ocrPdfPageIfNeeded(
  page: PDFPageProxy,
  text: string,
  options: OcrOptions,
  tally: OcrTally,
): Promise<OcrOutcome | undefined> {
  if (!options.enabled || printableChars(text) >= OCR_TEXT_THRESHOLD) return undefined;
  if ((await pageImageCoverage(page)) < OCR_IMAGE_COVERAGE) return undefined;
  let rendered;
  try {
    // A plain scan is taken straight from its decoded image; anything else is painted by pdf.js.
    rendered = (await fullPageScan(page, options.dpi)) ?? (await renderPageForOcr(page, options.dpi));
  } catch (error) {
    tally.failedPages++;
    tally.lastError = `page rendering failed: ${(error as Error)?.message ?? String(error)}`;
    return undefined;
  }
  const outcome = await ocrImage(rendered, options, tally);
  // A scan whose OCR found nothing keeps whatever text layer it had.
  return outcome.text ? outcome : undefined;
}
