import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageImagePlacements, type PageImage } from './renderPdfPage';

/**
 * A scanned page straight from its image, without painting it. A scan is one image drawn over the whole
 * page; pdf.js has already decoded it (the OCR check's operator list needs it), so painting it onto a
 * canvas, reading the canvas back and turning it grey only copies pixels about (0.25 s of CPU a page,
 * about a tenth of the page's OCR: bench:ocr's stage breakdown). Here the decoded pixels are turned
 * grey and scaled down to the OCR resolution by area averaging in one pass over them.
 *
 * Only for the plain case: page not rotated, one image op, drawn upright and unskewed over the whole
 * page (within 1% of its size). Anything else (several strips, a stamp drawn on top, an image placed on
 * part of the page, a rotated page) returns undefined and is rendered by pdf.js as before.
 */
export async function fullPageScan(page: PDFPageProxy, dpi: number): Promise<PageImage | undefined> {
  if (page.rotate % 360 !== 0) return undefined;
  const { images, otherPaint } = await pageImagePlacements(page);
  if (images.length !== 1 || otherPaint) return undefined;
  const { ctm, image } = images[0]!;
  const [x0, y0, x1, y1] = page.view as [number, number, number, number];
  const [pageW, pageH] = [x1 - x0, y1 - y0];
  const near = (a: number, b: number, size: number) => Math.abs(a - b) <= size * 0.01;
  const upright = ctm[1] === 0 && ctm[2] === 0 && ctm[0] > 0 && ctm[3] > 0;
  if (!upright || !near(ctm[4], x0, pageW) || !near(ctm[5], y0, pageH)) return undefined;
  if (!near(ctm[0], pageW, pageW) || !near(ctm[3], pageH, pageH)) return undefined;
  const decoded = await decodedImage(page, image);
  if (!decoded) return undefined;
  // The page at `dpi`, never above the scan's own resolution (no upscaling: Tesseract gains nothing).
  const scale = Math.min(1, (dpi / 72) * (pageW / decoded.width));
  const width = Math.max(1, Math.round(decoded.width * scale));
  const height = Math.max(1, Math.round(decoded.height * scale));
  const grey = greyscale(decoded);
  if (!grey) return undefined;
  return {
    image: toPgm(areaResize(grey, decoded.width, decoded.height, width, height), width, height),
    width,
    height,
  };
}

/** pdf.js's decoded image data (what its canvas code paints from). */
export interface DecodedImage {
  width: number;
  height: number;
  /** pdf.js ImageKind: 1 = 1 bit grey (1 is white, rows padded to a byte), 2 = RGB, 3 = RGBA. */
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** The image an op refers to: inline (the data itself) or by id from the page's or document's objects. */
async function decodedImage(page: PDFPageProxy, image: unknown): Promise<DecodedImage | undefined> {
  let data: unknown = image;
  if (typeof image === 'string') {
    const objs = image.startsWith('g_') ? page.commonObjs : page.objs;
    data = await new Promise<unknown>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 5_000);
      objs.get(image, (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  }
  const d = data as Partial<DecodedImage> | undefined;
  if (!d || !d.data || !d.width || !d.height || ![1, 2, 3].includes(d.kind ?? 0)) return undefined;
  return d as DecodedImage;
}

/** One byte of grey per pixel (Rec. 601 luma, alpha composited on white, as `rgbaToPgm`). */
export function greyscale({ width, height, kind, data }: DecodedImage): Uint8Array | undefined {
  const n = width * height;
  const out = new Uint8Array(n);
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return undefined;
    for (let y = 0; y < height; y++) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x++) {
        out[y * width + x] = data[row + (x >> 3)]! & (128 >> (x & 7)) ? 255 : 0;
      }
    }
    return out;
  }
  const step = kind === 2 ? 3 : 4;
  if (data.length < n * step) return undefined;
  for (let i = 0, o = 0; o < n; i += step, o++) {
    const grey = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    const a = step === 4 ? data[i + 3]! : 255;
    out[o] = Math.round((grey * a + 255 * (255 - a)) / 255);
  }
  return out;
}

/**
 * Scales a grey image down (or copies it) by area averaging: each output pixel is the mean of the input
 * area it covers, partial pixels weighted by their overlap. Two passes (rows, then columns).
 */
export function areaResize(src: Uint8Array, w: number, h: number, outW: number, outH: number): Uint8Array {
  if (outW === w && outH === h) return src;
  const spans = (from: number, to: number) => {
    // For each output index: first input index, and the weight of each input index it covers.
    const ratio = from / to;
    const starts = new Int32Array(to);
    const weights: Float32Array[] = [];
    for (let o = 0; o < to; o++) {
      const a = o * ratio;
      const b = Math.min(from, (o + 1) * ratio);
      const first = Math.floor(a);
      const last = Math.min(from - 1, Math.ceil(b) - 1);
      const ws = new Float32Array(last - first + 1);
      for (let i = first; i <= last; i++) ws[i - first] = (Math.min(b, i + 1) - Math.max(a, i)) / ratio;
      starts[o] = first;
      weights.push(ws);
    }
    return { starts, weights };
  };
  const cols = spans(w, outW);
  const rows = spans(h, outH);
  const mid = new Float32Array(outW * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < outW; x++) {
      const ws = cols.weights[x]!;
      let sum = 0;
      for (let k = 0, i = row + cols.starts[x]!; k < ws.length; k++, i++) sum += src[i]! * ws[k]!;
      mid[y * outW + x] = sum;
    }
  }
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    const ws = rows.weights[y]!;
    const first = rows.starts[y]!;
    for (let x = 0; x < outW; x++) {
      let sum = 0;
      for (let k = 0; k < ws.length; k++) sum += mid[(first + k) * outW + x]! * ws[k]!;
      out[y * outW + x] = Math.min(255, Math.round(sum));
    }
  }
  return out;
}

/** Grey bytes as a binary PGM (P5). */
export function toPgm(grey: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([header, grey]);
}
