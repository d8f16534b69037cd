import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pdfLoadOptions } from '../../../src/main/core/ingest/extract/extractPdf';
import { loadPdfjs } from '../../../src/main/core/ingest/extract/pdfjsLoader';
import { renderPageForOcr } from '../../../src/main/core/ingest/extract/renderPdfPage';
import { areaResize, fullPageScan, greyscale } from '../../../src/main/core/ingest/extract/scanImage';
import { rasterise, writeScannedPdf, writeTextPdf } from '../../support/makeScanFixtures';
import { makeTempDir } from '../../support/tempDir';

// A plain scan's page image is taken from pdf.js's decoded image instead of a painted canvas
// (scanImage.ts). Real pdf.js on scans made by pdftoppm + img2pdf; the painted page is the reference.
const TEXT = 'The lighthouse keeper counted seventeen ships before the storm arrived.';

const pixels = (pgm: Buffer, width: number, height: number) => pgm.subarray(pgm.length - width * height);

async function firstPage(file: string) {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), ...pdfLoadOptions() })
    .promise;
  return doc.getPage(1);
}

describe('page images straight from a scan', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const at = (name: string): string => path.join(tmp.dir, name);

  it('averages the input area each output pixel covers', () => {
    const two = new Uint8Array([0, 100, 200, 40, 20, 40, 30, 50]);
    expect([...areaResize(two, 4, 2, 2, 1)]).toEqual([(0 + 100 + 20 + 40) / 4, (200 + 40 + 30 + 50) / 4]);
    // 3 -> 2: each output pixel covers one and a half input pixels.
    expect([...areaResize(new Uint8Array([0, 90, 180]), 3, 1, 2, 1)]).toEqual([30, 150]);
  });

  it('turns pdf.js image data grey: 1-bit (1 is white), RGB, and RGBA over white', () => {
    expect([...greyscale({ width: 3, height: 1, kind: 1, data: new Uint8Array([0b10100000]) })!]).toEqual([
      255, 0, 255,
    ]);
    expect([
      ...greyscale({ width: 2, height: 1, kind: 2, data: new Uint8Array([255, 0, 0, 9, 9, 9]) })!,
    ]).toEqual([76, 9]);
    const rgba = new Uint8Array([0, 0, 0, 0, 0, 0, 0, 255]);
    expect([...greyscale({ width: 2, height: 1, kind: 3, data: rgba })!]).toEqual([255, 0]);
  });

  it('gives the same page image as painting the scan, at the OCR resolution', async () => {
    const page = await firstPage(writeScannedPdf(at('scan.pdf'), [TEXT], 200));
    const direct = (await fullPageScan(page, 150))!;
    const painted = await renderPageForOcr(page, 150);
    expect(direct).toBeDefined();
    // A US Letter page (612 x 792 pt) at 150 dpi.
    expect([direct.width, direct.height]).toEqual([1275, 1650]);
    // pdf.js's canvas is the viewport rounded up (1650.000...1 -> 1651 rows): compare the rows both have.
    expect(painted.width).toBe(1275);
    expect(painted.height - 1650).toBeLessThanOrEqual(1);
    const a = pixels(direct.image, 1275, 1650);
    const b = painted.image.subarray(painted.image.length - 1275 * painted.height).subarray(0, 1275 * 1650);
    let diff = 0;
    let ink = [0, 0];
    for (let i = 0; i < a.length; i++) {
      diff += Math.abs(a[i]! - b[i]!);
      ink = [ink[0]! + (a[i]! < 128 ? 1 : 0), ink[1]! + (b[i]! < 128 ? 1 : 0)];
    }
    expect(diff / a.length).toBeLessThan(2);
    expect(ink[0]).toBeGreaterThan(5_000);
    expect(Math.abs(ink[0]! - ink[1]!) / ink[1]!).toBeLessThan(0.05);
    // Never scaled up: a 150-dpi scan read at 200 dpi stays at 150.
    const low = (await fullPageScan(await firstPage(writeScannedPdf(at('low.pdf'), [TEXT], 150)), 200))!;
    expect([low.width, low.height]).toEqual([1275, 1650]);
  });

  it('leaves a scan placed with a margin, or on a rotated page, to pdf.js', async () => {
    const source = writeTextPdf(at('src.pdf'), [TEXT]);
    const [png] = rasterise(source, 150);
    const bordered = at('bordered.pdf');
    execFileSync('img2pdf', [png!, '--pagesize', 'A4', '--border', '2cm', '-o', bordered]);
    expect(await fullPageScan(await firstPage(bordered), 150)).toBeUndefined();
    const rotated = at('rotated.pdf');
    execFileSync('img2pdf', [png!, '--rotation', '90', '-o', rotated]);
    expect(await fullPageScan(await firstPage(rotated), 150)).toBeUndefined();
    // The plain one of the same image is taken directly.
    const plain = at('plain.pdf');
    execFileSync('img2pdf', [png!, '-o', plain]);
    expect(await fullPageScan(await firstPage(plain), 150)).toBeDefined();
  });
});
