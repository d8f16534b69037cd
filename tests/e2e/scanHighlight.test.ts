import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium } from '../support/chromium';
import { createHash } from 'node:crypto';
import { documentIdForPath } from '../../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../../src/main/core/store/libraryStore';
import { api, eventually, openApp, waitForIdle } from '../support/e2eLibrary';
import { rasterise, writeTextPdf, writeTiff } from '../support/makeScanFixtures';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

/** A word of the born-digital page, where pdftotext puts it, as fractions of the page. */
interface TruthWord {
  text: string;
  cx: number;
  cy: number;
}

/** Word positions of one page of a text PDF (poppler's `pdftotext -bbox`): the ground truth. */
function truthWords(pdf: string, page: number): TruthWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  const [w, h] = [Number(size![1]), Number(size![2])];
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    text: m[5]!,
    cx: (Number(m[1]) + Number(m[3])) / 2 / w,
    cy: (Number(m[2]) + Number(m[4])) / 2 / h,
  }));
}

/** The words of `words` that lie under the marks drawn over a rendered page (`.pdf-page`) of `viewer`. */
async function wordsUnderMarks(viewer: Locator, words: TruthWord[]): Promise<string> {
  const pageBox = (await viewer.locator('.pdf-page').boundingBox())!;
  const bands = (await viewer
    .locator('.ocrLayer mark.hit')
    .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) as Array<{
    x: number;
    y: number;
    width: number;
    height: number;
  }>;
  const inBand = (w: TruthWord) =>
    bands.some((b) => {
      const x = pageBox.x + w.cx * pageBox.width;
      const y = pageBox.y + w.cy * pageBox.height;
      return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    });
  return words
    .filter(inBand)
    .map((w) => w.text)
    .join(' ');
}

const before = [
  'Early aircraft flew slowly enough that the air around them behaved as if it could not be compressed.',
  'Designers chose straight wings with thick sections because they gave generous lift at low speed.',
  'As engines grew stronger and cruising speeds rose, pilots reported buffeting and heavy controls.',
].join(' ');
const passage =
  'Swept wings delay the onset of compressibility drag near the speed of sound, which is why airliners cruise with wings swept back about thirty degrees.';
const after = [
  'Sweep is not free. A swept wing produces less lift at low speed, so it needs slats and flaps for take-off',
  'and landing, and its tips tend to stall first, which can pitch the nose up at the worst moment.',
  'Engineers answer with wing fences, twist that lowers the angle of attack towards the tips, and careful',
  'placement of the engines. The structure is heavier too, because the bending loads run along a longer spar.',
  'Later chapters discuss how winglets reduce the induced drag that remains once compressibility is tamed.',
].join(' ');

// A library made before OCR holds a scan as skipped: the Library offers to OCR it, as a job with
// progress. Then the scanned PDF (image only, read by OCR) opened from a search hit: the viewer marks the hit's words
// on the page image from the stored OCR word boxes. Where the marks fall is checked against where
// the words really are: the positions of the same words in the born-digital page the scan was made from.
describe.runIf(browserTestsEnabled())(
  'OCR of skipped scans and highlight on a scanned page in Chromium',
  () => {
    const tmp = makeTempDir();
    const folder = path.join(tmp.dir, 'scans');
    const source = path.join(tmp.dir, 'wing.source.pdf');
    let served: ServedLoci;
    let chromium: { context: BrowserContext; close: () => Promise<void> };
    let page: Page;
    let errors: string[];
    let pngs: string[];

    beforeAll(async () => {
      fs.mkdirSync(folder);
      writeTextPdf(source, [
        'Wing design notes, page 1\n\nAn introduction to the notes.',
        `${before}\n\n${passage}\n\n${after}`,
      ]);
      pngs = rasterise(source, 150);
      const scan = path.join(folder, 'wing-scan.pdf');
      execFileSync('img2pdf', [...pngs, '-o', scan]);
      // The library as a version without OCR left it: the scan catalogued as skipped, no text layer.
      const library = path.join(tmp.dir, 'library');
      const store = await LibraryStore.open(library);
      await store.addSource(folder);
      await store.upsertDocument(
        {
          id: documentIdForPath(scan),
          source: folder,
          path: scan,
          title: 'wing-scan',
          kind: 'pdf',
          size: fs.statSync(scan).size,
          mtime: fs.statSync(scan).mtimeMs,
          sha256: createHash('sha256').update(fs.readFileSync(scan)).digest('hex'),
          pages: 2,
          status: 'skipped',
          reason: 'no text layer (scanned or image-only PDF?)',
        },
        [],
        [],
      );
      await store.close();
      served = await startServe(library);
      chromium = await launchChromium();
      ({ page, errors } = await openApp(chromium.context, served));
    }, 300_000);

    afterAll(async () => {
      await chromium?.close();
      await served?.stop();
      tmp.cleanup();
    });

    it('offers "OCR 1 skipped file" in the Library; the job reads the scan and the offer goes', async () => {
      const offer = page.getByTestId('ocr-offer');
      const button = offer.getByRole('button', { name: 'OCR 1 skipped file' });
      await eventually(() => button.count(), { timeout: 20_000 }).toBe(1);
      await button.click();
      const progress = page.getByTestId('job-progress');
      await eventually(() => progress.textContent()).toContain('Reading skipped files with OCR');
      await eventually(() => progress.getAttribute('data-state'), { timeout: 180_000 }).toBe('done');
      await eventually(() => offer.count()).toBe(0);
      const row = page.getByTestId('document-row').first();
      await eventually(() => row.getAttribute('data-status')).toBe('ok');
      expect(await row.textContent()).toMatch(/OCR: 2 pages, mean confidence \d+%/);
      await waitForIdle(served);
    }, 200_000);

    it('marks the hit passage over the right words of the scan', async () => {
      const status = await api<{ documents: { ok: number } }>(served, 'library.status');
      expect(status.documents.ok).toBe(1);
      await page.getByRole('tab', { name: 'Search' }).click();
      await page.getByRole('radio', { name: 'Keyword' }).check();
      await page
        .getByRole('combobox', { name: 'Search your library' })
        .fill('compressibility drag near the speed of sound');
      const hit = page.getByTestId('result').first();
      await eventually(() => hit.count(), { timeout: 20_000 }).toBe(1);
      await hit.click();
      const viewer = page.getByTestId('pdf-viewer');
      await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('2');
      const marks = viewer.locator('.ocrLayer mark.hit');
      await eventually(() => marks.count()).toBeGreaterThan(0);
      expect(Number(await viewer.getAttribute('data-marks'))).toBe(await marks.count());
      expect(await marks.first().isVisible()).toBe(true);

      const marked = await wordsUnderMarks(viewer, truthWords(source, 2));
      // The hit's passage is under the marks, word for word as the born-digital page has it...
      expect(marked).toContain(passage);
      // ...and the rest of the page (the next chunks) is not.
      expect(marked).not.toContain('Sweep is not free');
      expect(marked).not.toContain('winglets');
      await page.screenshot({ path: artifactPath('scan-highlight.png') });
      expect(errors).toEqual([]);
    });

    it('a PNG document opens as the image, the hit marked over its words from the OCR boxes', async () => {
      // The scan's second page again, as a PNG file of its own.
      const images = path.join(tmp.dir, 'images');
      fs.mkdirSync(images);
      fs.copyFileSync(pngs[1]!, path.join(images, 'wing-page.png'));
      // The next test's two-page TIFF goes in with it: one OCR job (and its index update) for both.
      await writeTiff(path.join(images, 'ledger.tiff'), [
        'The ferry timetable changes in late autumn.',
        'Beekeepers in the valley harvest heather honey each September.',
      ]);
      await api(served, 'library.add', { paths: [images] });
      await eventually(
        () => api<{ documents: { ok: number } }>(served, 'library.status').then((s) => s.documents.ok),
        {
          timeout: 120_000,
        },
      ).toBe(3);
      await waitForIdle(served);
      await page.getByRole('tab', { name: 'Search' }).click();
      const box = page.getByRole('combobox', { name: 'Search your library' });
      await box.fill('');
      await box.fill('swept wings delay the onset of compressibility drag');
      const hit = page.getByTestId('result').filter({ hasText: 'wing-page' });
      await eventually(() => hit.count(), { timeout: 20_000 }).toBe(1);
      expect(await hit.locator('.result-kind').textContent()).toBe('Image');
      expect(await hit.textContent()).toContain('p. 1'); // an image's page is a page, not a section
      await hit.click();
      const viewer = page.getByTestId('image-viewer');
      await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('1');
      const marks = viewer.locator('.ocrLayer mark.hit');
      await eventually(() => marks.count()).toBeGreaterThan(0);
      expect(Number(await viewer.getAttribute('data-marks'))).toBe(await marks.count());
      // The image itself is drawn (not the reader view's text): a canvas the size of the page box.
      const canvas = (await viewer.locator('.pdf-page canvas').boundingBox())!;
      expect(canvas.width).toBeGreaterThan(200);
      expect(await page.getByTestId('reader-view').count()).toBe(0);
      const marked = await wordsUnderMarks(viewer, truthWords(source, 2));
      expect(marked).toContain(passage);
      expect(marked).not.toContain('Sweep is not free');
      expect(marked).not.toContain('winglets');
      await page.screenshot({ path: artifactPath('image-highlight.png') });
      expect(errors).toEqual([]);
    }, 200_000);

    it('a multi-page TIFF opens at the page of the hit, marked there; the other page shows without marks', async () => {
      // ledger.tiff was added and read with the PNG (the test before).
      expect((await api<{ documents: { ok: number } }>(served, 'library.status')).documents.ok).toBe(3);
      await page.getByRole('tab', { name: 'Search' }).click();
      const box = page.getByRole('combobox', { name: 'Search your library' });
      await box.fill('');
      await box.fill('beekeepers harvest heather honey');
      const hit = page.getByTestId('result').filter({ hasText: 'ledger' });
      await eventually(() => hit.count(), { timeout: 20_000 }).toBe(1);
      expect(await hit.textContent()).toContain('p. 2');
      await hit.click();
      const viewer = page.getByTestId('image-viewer');
      await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('2');
      expect(await viewer.getByRole('toolbar').textContent()).toContain('of 2');
      await eventually(() => viewer.locator('.ocrLayer mark.hit').count()).toBeGreaterThan(0);
      // The one line of text sits in the upper part of the page: so does its mark.
      const pageBox = (await viewer.locator('.pdf-page').boundingBox())!;
      const mark = (await viewer.locator('.ocrLayer mark.hit').first().boundingBox())!;
      expect(mark.y).toBeGreaterThan(pageBox.y);
      expect(mark.y + mark.height).toBeLessThan(pageBox.y + pageBox.height / 3);
      expect(mark.width).toBeGreaterThan(pageBox.width / 3);
      await viewer.getByRole('button', { name: 'Previous page' }).click();
      await eventually(() => viewer.getAttribute('data-rendered-page')).toBe('1');
      expect(await viewer.getAttribute('data-marks')).toBe('0');
      expect(errors).toEqual([]);
    }, 200_000);

    it('Settings offers English, French and German with English chosen, and saves the choice', async () => {
      await page.getByRole('tab', { name: 'Settings' }).click();
      const panel = page.getByTestId('ocr-languages');
      const english = panel.getByRole('checkbox', { name: /English/ });
      const french = panel.getByRole('checkbox', { name: /French/ });
      await eventually(() => english.count()).toBe(1);
      expect(await english.isChecked()).toBe(true);
      expect(await french.isChecked()).toBe(false);
      expect(await panel.getByRole('checkbox', { name: /German/ }).count()).toBe(1);
      await english.uncheck();
      expect(await panel.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
      await english.check();
      await french.check();
      await panel.getByRole('button', { name: 'Save' }).click();
      await eventually(() => panel.getByRole('status').textContent()).toContain('Saved');
      expect(await api(served, 'settings.get')).toMatchObject({ ocrLanguages: ['eng', 'fra'] });
    });
  },
);
