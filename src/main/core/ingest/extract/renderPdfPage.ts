import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** pdf.js operator codes used here (from `pdfjs.OPS`; fixed numbers in pdf.js's public API). */
const OP = {
  save: 10,
  restore: 11,
  transform: 12,
  paintFormXObjectBegin: 74,
  paintFormXObjectEnd: 75,
  paintImageMaskXObject: 83,
  paintImageXObject: 85,
  paintInlineImageXObject: 86,
  paintImageXObjectRepeat: 88,
} as const;

export type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/** An image op of a page: the transform it is drawn with (unit square to page) and what it draws. */
export interface ImagePlacement {
  ctm: Matrix;
  /** pdf.js's object id of a drawn image XObject, or the inline image's data. */
  image: unknown;
}

/**
 * Ops that paint nothing: graphics and text state, colours, marked content, form XObject brackets.
 * (Text state without text showing: a page that shows text had a text layer and is never OCR'd.)
 */
const NON_PAINTING = new Set([...range(1, 12), ...range(31, 43), ...range(48, 61), ...range(67, 75), 92, 93]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Every image a page draws, with its transform; `otherPaint` says whether anything else is drawn (paths,
 * text, shadings, otherImages, groups, annotations). From the operator list, walking the transform stack.
 */
export async function pageImagePlacements(
  page: PDFPageProxy,
): Promise<{ images: ImagePlacement[]; otherImages: Matrix[]; otherPaint: boolean }> {
  const { fnArray, argsArray } = await page.getOperatorList();
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const images: ImagePlacement[] = [];
  const otherImages: Matrix[] = [];
  let otherPaint = false;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OP.save) stack.push(ctm);
    else if (fn === OP.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OP.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OP.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) && matrix.length === 6) ctm = multiply(ctm, matrix as Matrix);
    } else if (fn === OP.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OP.paintImageXObject || fn === OP.paintInlineImageXObject) {
      images.push({ ctm, image: args?.[0] });
    } else if (fn === OP.paintImageMaskXObject || fn === OP.paintImageXObjectRepeat) {
      otherImages.push(ctm);
      otherPaint = true;
    } else if (!NON_PAINTING.has(fn)) otherPaint = true;
  }
  return { images, otherImages, otherPaint };
}

/**
 * Fraction of the page's area painted with images (0..1, overlaps counted twice, capped at 1). Only
 * called for pages with almost no text, so text PDFs never pay for it: an image drawn with matrix M
 * covers the unit square mapped by the current transform, area |det(M)|.
 */
export async function pageImageCoverage(page: PDFPageProxy): Promise<number> {
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const pageArea = Math.abs((x1 - x0) * (y1 - y0));
  if (!(pageArea > 0)) return 0;
  const { images, otherImages } = await pageImagePlacements(page);
  let area = 0;
  for (const ctm of [...images.map((i) => i.ctm), ...otherImages]) {
    area += Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
  }
  return Math.min(1, area / pageArea);
}

/** A page image ready for OCR: 8-bit greyscale as a binary PGM (Tesseract reads PNM natively). */
export interface PageImage {
  image: Buffer;
  width: number;
  height: number;
}

/**
 * Renders a page with pdf.js onto an @napi-rs/canvas (white background) at `dpi`, as greyscale PGM.
 * PGM, not PNG: encoding a PNG of an A4 page at 200 dpi costs about half a second, PGM a few
 * milliseconds, and Tesseract converts to grey anyway. Pages are capped at 40 megapixels (a poster-size
 * page at 200 dpi) by lowering the resolution.
 */
export async function renderPageForOcr(page: PDFPageProxy, dpi: number): Promise<PageImage> {
  const { rgba, width, height } = await renderPageRgba(page, dpi);
  return { image: rgbaToPgm(rgba, width, height), width, height };
}

/** The first half of `renderPageForOcr`: the page painted and read back as RGBA (bench:ocr times each half). */
export async function renderPageRgba(
  page: PDFPageProxy,
  dpi: number,
): Promise<{ rgba: Uint8ClampedArray; width: number; height: number }> {
  const base = page.getViewport({ scale: 1 });
  const maxPixels = 40_000_000;
  let scale = dpi / 72;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.ceil(viewport.width));
  const height = Math.max(1, Math.ceil(viewport.height));
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
  }).promise;
  return { rgba: context.getImageData(0, 0, width, height).data, width, height };
}

/** RGBA pixels -> binary PGM (P5), luma from Rec. 601 weights, alpha composited on white. */
export function rgbaToPgm(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(header.length + width * height);
  header.copy(out, 0);
  let o = header.length;
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    const grey = (rgba[i]! * 299 + rgba[i + 1]! * 587 + rgba[i + 2]! * 114) / 1000;
    out[o++] = Math.round((grey * a + 255 * (255 - a)) / 255);
  }
  return out;
}
