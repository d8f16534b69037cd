import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { makePdf } from './makePdf';

/**
 * Fixtures for OCR and office-format tests, generated at test time with real tools (Debian packages
 * installed by `.ci/run`): poppler-utils (`pdftoppm`, `pdfunite`), `img2pdf` and `pandoc`.
 *
 * A "scan" is a born-digital page (makePdf, 14 pt Helvetica) rasterised by pdftoppm in greyscale and
 * wrapped by img2pdf as an image-only PDF: what a flatbed scanner's PDF looks like, with known text.
 */
const run = (cmd: string, args: string[], cwd?: string): void => {
  execFileSync(cmd, args, { stdio: 'pipe', ...(cwd ? { cwd } : {}) });
};

/** Writes a text PDF page per entry of `pages`; returns its path. */
export function writeTextPdf(file: string, pages: string[]): string {
  fs.writeFileSync(file, makePdf(pages, { fontSize: 14, wrapAt: 60 }));
  return file;
}

/** Renders every page of `pdf` to greyscale PNGs at `dpi`; returns their paths in page order. */
export function rasterise(pdf: string, dpi: number): string[] {
  const stem = pdf.replace(/\.pdf$/, '') + `-r${dpi}`;
  run('pdftoppm', ['-r', String(dpi), '-gray', '-png', pdf, stem]);
  const dir = path.dirname(stem);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(stem) + '-') && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** An image-only PDF of `pages` (each page's text rasterised at `dpi`). */
export function writeScannedPdf(file: string, pages: string[], dpi = 150): string {
  const source = writeTextPdf(file.replace(/\.pdf$/, '.source.pdf'), pages);
  const pngs = rasterise(source, dpi);
  run('img2pdf', [...pngs, '-o', file]);
  for (const f of [source, ...pngs]) fs.rmSync(f);
  return file;
}

/** A PNG of one page of text. */
export function writePng(file: string, text: string, dpi = 150): string {
  const source = writeTextPdf(file.replace(/\.png$/, '.source.pdf'), [text]);
  const [png] = rasterise(source, dpi);
  fs.renameSync(png!, file);
  fs.rmSync(source);
  return file;
}

/** A PDF whose page 1 has a text layer and page 2 is a scan. */
export function writeMixedPdf(file: string, textPage: string, scannedPage: string): string {
  const a = writeTextPdf(file.replace(/\.pdf$/, '.a.pdf'), [textPage]);
  const b = writeScannedPdf(file.replace(/\.pdf$/, '.b.pdf'), [scannedPage]);
  run('pdfunite', [a, b, file]);
  fs.rmSync(a);
  fs.rmSync(b);
  return file;
}

/**
 * A multi-page greyscale TIFF (one page per text, uncompressed strips), written with utif2's IFD
 * encoder: directories first, then the pixel data they point to.
 */
export async function writeTiff(file: string, pages: string[], dpi = 150): Promise<string> {
  const frames: Array<{ grey: Uint8Array; width: number; height: number }> = [];
  for (const [i, text] of pages.entries()) {
    const png = writePng(file.replace(/\.tiff?$/, `.${i}.png`), text, dpi);
    const image = await loadImage(fs.readFileSync(png));
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const rgba = context.getImageData(0, 0, image.width, image.height).data;
    const grey = new Uint8Array(image.width * image.height);
    for (let p = 0; p < grey.length; p++) grey[p] = rgba[p * 4]!;
    frames.push({ grey, width: image.width, height: image.height });
    fs.rmSync(png);
  }
  const ifds = (offsets: number[]): object[] =>
    frames.map((f, i) => ({
      t256: [f.width],
      t257: [f.height],
      t258: [8],
      t259: [1],
      t262: [1],
      t273: [offsets[i]!],
      t277: [1],
      t278: [f.height],
      t279: [f.grey.length],
    }));
  const headerLength = new Uint8Array(UTIF.encode(ifds(frames.map(() => 0)) as never)).length;
  const offsets: number[] = [];
  let at = headerLength;
  for (const f of frames) {
    offsets.push(at);
    at += f.grey.length;
  }
  const header = new Uint8Array(UTIF.encode(ifds(offsets) as never));
  fs.writeFileSync(file, Buffer.concat([header, ...frames.map((f) => f.grey)]));
  return file;
}

/** Converts Markdown with pandoc to `file` (format from its extension: .epub, .odt, .pptx, .docx). */
export function pandoc(markdown: string, file: string): string {
  const md = `${file}.md`;
  fs.writeFileSync(md, markdown);
  run('pandoc', [md, '-o', file]);
  fs.rmSync(md);
  return file;
}
