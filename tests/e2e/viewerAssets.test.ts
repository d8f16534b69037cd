import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { extractPdf } from '../../src/main/core/ingest/extract/extractPdf';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp, waitForIdle } from '../support/e2eLibrary';
import { cjkPdf, jpxPdf, makeJp2 } from '../support/makeAssetPdfs';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

const japanese = ['日本語のテキスト', '東京は晴れです'];

// pdf.js needs data files for some PDFs: predefined CMaps for CJK text in non-embedded fonts, and its
// WebAssembly OpenJPEG for JPEG 2000 images. The renderer build carries them (under pdfjs/), the
// viewer passes their URLs, and the CSP allows WebAssembly ('wasm-unsafe-eval'); Node's extraction
// reads them from pdfjs-dist.
describe('pdf.js data files: CMaps and JPEG 2000', () => {
  const tmp = makeTempDir();
  const folder = path.join(tmp.dir, 'pdfs');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'cjk.pdf'), cjkPdf(japanese));
  fs.writeFileSync(path.join(folder, 'jpx.pdf'), jpxPdf(makeJp2(tmp.dir, 64, 64), 64, 64));
  afterAll(() => tmp.cleanup());

  it('extracts the CJK text in Node (predefined CMap from pdfjs-dist)', async () => {
    const r = await extractPdf(new Uint8Array(fs.readFileSync(path.join(folder, 'cjk.pdf'))), 1_000_000);
    expect(r.status).toBe('ok');
    expect(r.pages[0]!.text).toBe(japanese.join('\n'));
  });

  describe.runIf(browserTestsEnabled())('in Chromium', () => {
    let served: ServedLoci;
    let chromium: { context: BrowserContext; close: () => Promise<void> };
    let page: Page;
    let errors: string[];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      served = await startServe(path.join(tmp.dir, 'library'));
      await api(served, 'library.add', { paths: [folder] });
      await waitForIdle(served, 180_000);
      chromium = await launchChromium();
      ({ page, errors } = await openApp(chromium.context, served));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
      });
    }, 240_000);

    afterAll(async () => {
      await chromium?.close();
      await served?.stop();
    });

    async function open(title: string) {
      await page.getByRole('tab', { name: 'Library' }).click();
      await page.getByTestId('document-row').filter({ hasText: title }).getByRole('button').first().click();
      const viewer = page.getByTestId('pdf-viewer');
      await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('1');
      return viewer;
    }

    it('renders the CJK page with its text (the CMaps are served and loaded)', async () => {
      const viewer = await open('cjk');
      await eventually(async () =>
        ((await viewer.locator('.textLayer').textContent()) ?? '').replace(/\s/g, ''),
      ).toBe(japanese.join(''));
      expect(consoleErrors.filter((m) => /cMapUrl|CMap/i.test(m))).toEqual([]);
    });

    it('renders the JPEG 2000 image (OpenJPEG WebAssembly under the CSP)', async () => {
      const viewer = await open('jpx');
      const colours = await viewer.locator('.pdf-page canvas').evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d')!;
        const at = (fx: number, fy: number) =>
          Array.from(
            ctx.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data,
          );
        // The image spans x 10..410 of 420 pt and y 50..450 of 460 pt from the top: the middle of each half.
        return { left: at(0.25, 0.55), right: at(0.75, 0.55) };
      });
      expect(colours.left.slice(0, 3)).toEqual([255, 0, 0]);
      expect(colours.right.slice(0, 3)).toEqual([0, 0, 255]);
      expect(consoleErrors.filter((m) => /wasm|OpenJPEG|JpxError|Content Security/i.test(m))).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});
