import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import UTIF from 'utif2';
import type { ExtractedPage, OcrOptions, OcrSummary } from '../types';
import { cutAt } from './decodeText';
import { OcrTally, ocrImage } from './ocrPages';
import { rgbaToPgm, type PageImage } from './renderPdfPage';

export interface ImageExtraction {
  pages: ExtractedPage[];
  pageCount: number;
  chars: number;
  truncated: boolean;
  ocr?: OcrSummary;
  /** Why nothing was read, when `chars` is 0. */
  reason?: string;
}

/** Largest image decoded, in pixels (a 600-dpi A3 scan is ~70 MP); bigger ones are refused. */
const MAX_PIXELS = 100_000_000;

/**
 * PNG, JPEG and TIFF (every page of a multi-page TIFF) read by OCR, one page per image. PNG and JPEG
 * are decoded by @napi-rs/canvas (Skia), TIFF by utif2 (pure JavaScript: uncompressed, LZW, PackBits,
 * Deflate, CCITT G3/G4 and JPEG-in-TIFF, which covers scanners' output).
 */
export async function extractImage(
  bytes: Buffer,
  filePath: string,
  maxChars: number,
  ocr: OcrOptions,
): Promise<ImageExtraction> {
  const images = /\.tiff?$/i.test(path.extname(filePath)) ? tiffPages(bytes) : [await rasterPage(bytes)];
  const tally = new OcrTally();
  const pages: ExtractedPage[] = [];
  let chars = 0;
  let truncated = false;
  for (let i = 0; i < images.length && !truncated; i++) {
    const outcome = await ocrImage(images[i]!(), ocr, tally);
    let text = outcome.text;
    if (chars + text.length > maxChars) {
      text = cutAt(text, maxChars - chars);
      truncated = true;
    }
    chars += text.length;
    pages.push(
      outcome.boxes && !truncated ? { page: i + 1, text, boxes: outcome.boxes } : { page: i + 1, text },
    );
  }
  const summary = tally.summary();
  const result: ImageExtraction = { pages, pageCount: images.length, chars, truncated };
  if (summary) result.ocr = summary;
  if (chars === 0) result.reason = tally.lastError ?? 'OCR found no text';
  return result;
}

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new Error('image has no pixels');
  if (width * height > MAX_PIXELS)
    throw new Error(`image too large: ${width}x${height} pixels (limit ${MAX_PIXELS / 1e6} MP)`);
}

async function rasterPage(bytes: Buffer): Promise<() => PageImage> {
  const image = await loadImage(bytes);
  checkSize(image.width, image.height);
  return () => {
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const rgba = context.getImageData(0, 0, image.width, image.height).data;
    return { image: rgbaToPgm(rgba, image.width, image.height), width: image.width, height: image.height };
  };
}

/** One lazy decoder per TIFF page (image file directory), so only one page's pixels live at a time. */
function tiffPages(bytes: Buffer): Array<() => PageImage> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  const ifds = UTIF.decode(buffer).filter((ifd) => ifd['t256'] && ifd['t257']);
  if (ifds.length === 0) throw new Error('no image in TIFF');
  return ifds.map((ifd) => () => {
    const width = Number((ifd['t256'] as number[])[0]);
    const height = Number((ifd['t257'] as number[])[0]);
    checkSize(width, height);
    UTIF.decodeImage(buffer, ifd);
    const rgba = UTIF.toRGBA8(ifd);
    return { image: rgbaToPgm(rgba, width, height), width, height };
  });
}
