import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/main/core/ingest/extract/extractDocument';
import { dropWorker } from '../../../src/main/core/ingest/extract/ocrEngine';
import { DEFAULT_EXTRACT_LIMITS, type ExtractResult } from '../../../src/main/core/ingest/types';
import {
  writeMixedPdf,
  writePng,
  writeScannedPdf,
  writeTextPdf,
  writeTiff,
} from '../../support/makeScanFixtures';
import { makeTempDir } from '../../support/tempDir';

// Real OCR: pdf.js renders the page onto @napi-rs/canvas, tesseract.js reads it with the English pack
// from node_modules. Fixtures are scans (pdftoppm + img2pdf) of pages with known text.
const SCANNED = 'The lighthouse keeper counted seventeen ships before the storm arrived.';
const PICTURE = 'Copper kettles were polished every Thursday morning in the old inn.';
const TYPED = 'This first page has a proper text layer about migrating cranes.';
const SCANNED_SECOND = 'The second page was scanned and tells of a violin maker in Cremona.';

// French with accents (all in WinAnsi, so makePdf's Helvetica draws them).
const FRENCH = 'Le garçon français a reçu à Noël une épée élégante et un bâton sculpté.';
const ACCENTED = ['garçon', 'français', 'reçu', 'Noël', 'épée', 'élégante', 'bâton', 'sculpté'];

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
const fullText = (r: ExtractResult): string => squash(r.pages.map((p) => p.text).join(' '));

describe('OCR of scanned PDFs and images', () => {
  const tmp = makeTempDir();
  afterAll(async () => {
    await dropWorker();
    tmp.cleanup();
  });
  const at = (name: string): string => path.join(tmp.dir, name);

  it('reads an image-only PDF: status ok with OCR confidence, text and word boxes that match it', async () => {
    const result = await extractDocument({ path: writeScannedPdf(at('scan.pdf'), [SCANNED]) });
    expect(result.status).toBe('ok');
    expect(fullText(result)).toContain(SCANNED);
    expect(result.ocr).toMatchObject({ pages: 1, failedPages: 0 });
    expect(result.ocr!.confidence).toBeGreaterThan(80);
    const page = result.pages[0]!;
    const { starts, ends, rects } = page.boxes!;
    expect(starts.length).toBe(SCANNED.split(' ').length);
    expect(page.text.slice(starts[1], ends[1])).toBe('lighthouse');
    // makePdf starts text 72 pt from the left and top of a 612 x 792 pt page; words run left to right.
    expect(rects[0]).toBeCloseTo(72 / 612, 1);
    expect(rects[1]).toBeGreaterThan(0.05);
    expect(rects[1]).toBeLessThan(0.15);
    expect(rects[4]).toBeGreaterThan(rects[0]! + rects[2]!);
  });

  it('reads a PNG as a one-page document', async () => {
    const result = await extractDocument({ path: writePng(at('picture.png'), PICTURE) });
    expect(result).toMatchObject({ status: 'ok', kind: 'image', pageCount: 1 });
    expect(fullText(result)).toContain(PICTURE);
  });

  it('reads English with either model: tessdata_fast (the default) and best_int', async () => {
    expect(DEFAULT_EXTRACT_LIMITS.ocr.englishModel).toBe('fast');
    const file = writePng(at('models.png'), PICTURE);
    for (const englishModel of ['fast', 'best'] as const) {
      const ocr = { ...DEFAULT_EXTRACT_LIMITS.ocr, englishModel };
      const result = await extractDocument({ path: file }, { ...DEFAULT_EXTRACT_LIMITS, ocr });
      expect(result, englishModel).toMatchObject({ status: 'ok', ocr: { pages: 1, failedPages: 0 } });
      expect(fullText(result), englishModel).toContain(PICTURE);
    }
  });

  it('reads every page of a multi-page TIFF', async () => {
    const result = await extractDocument({ path: await writeTiff(at('fax.tiff'), [SCANNED, PICTURE]) });
    expect(result).toMatchObject({ status: 'ok', pageCount: 2, ocr: { pages: 2 } });
    expect(squash(result.pages[0]!.text)).toContain(SCANNED);
    expect(squash(result.pages[1]!.text)).toContain(PICTURE);
  });

  it('OCRs only the scanned page of a mixed PDF and keeps the text layer of the other', async () => {
    const result = await extractDocument({ path: writeMixedPdf(at('mixed.pdf'), TYPED, SCANNED_SECOND) });
    expect(result).toMatchObject({ status: 'ok', pageCount: 2, ocr: { pages: 1 } });
    expect(squash(result.pages[0]!.text)).toBe(TYPED);
    expect(result.pages[0]!.boxes).toBeUndefined();
    expect(squash(result.pages[1]!.text)).toContain(SCANNED_SECOND);
    expect(result.pages[1]!.boxes).toBeDefined();
  });

  it('never sends a page with a text layer to OCR', async () => {
    const result = await extractDocument({ path: writeTextPdf(at('typed.pdf'), [TYPED, TYPED]) });
    expect(result.status).toBe('ok');
    expect(result.ocr).toBeUndefined();
  });

  it('with OCR turned off, a scanned PDF is skipped as before and an image is not read', async () => {
    const limits = { ...DEFAULT_EXTRACT_LIMITS, ocr: { ...DEFAULT_EXTRACT_LIMITS.ocr, enabled: false } };
    const scan = await extractDocument({ path: writeScannedPdf(at('off.pdf'), [SCANNED]) }, limits);
    expect(scan).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no text layer/) });
    const image = await extractDocument({ path: writePng(at('off.png'), PICTURE) }, limits);
    expect(image).toMatchObject({ status: 'skipped', reason: 'OCR is turned off' });
  });

  it('reads French with the French pack (fra+eng): the accented words come out, English alone loses them', async () => {
    const file = writePng(at('lettre.png'), FRENCH);
    const withLanguages = (languages: string[]) =>
      extractDocument(
        { path: file },
        { ...DEFAULT_EXTRACT_LIMITS, ocr: { ...DEFAULT_EXTRACT_LIMITS.ocr, languages } },
      );
    const french = await withLanguages(['fra', 'eng']);
    expect(french).toMatchObject({ status: 'ok', ocr: { pages: 1, failedPages: 0 } });
    const read = fullText(french);
    const found = ACCENTED.filter((word) => read.includes(word));
    expect(found, read).toEqual(ACCENTED);
    const english = fullText(await withLanguages(['eng']));
    expect(ACCENTED.filter((word) => english.includes(word)).length, english).toBeLessThan(
      ACCENTED.length - 2,
    );
  });

  it('a page over the per-page OCR time limit is given up, and the document says why', async () => {
    const limits = { ...DEFAULT_EXTRACT_LIMITS, ocr: { ...DEFAULT_EXTRACT_LIMITS.ocr, pageTimeoutMs: 1 } };
    const result = await extractDocument({ path: writePng(at('slow.png'), PICTURE) }, limits);
    expect(result).toMatchObject({ status: 'skipped', ocr: { pages: 0, failedPages: 1 } });
    expect(result.reason).toMatch(/OCR time limit/);
  });
});
