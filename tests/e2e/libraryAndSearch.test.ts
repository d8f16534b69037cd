import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium, publishScreenshot } from '../support/chromium';
import {
  addFolderWithDialog,
  eventually,
  api,
  openApp,
  passages,
  waitForIdle,
  writeFixtureFolder,
  type StatusCounts,
} from '../support/e2eLibrary';
import { makePdf } from '../support/makePdf';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// The whole user path in real Chromium against a real `loci serve` (real pdf.js, LanceDB, ONNX model):
// add a folder through the dialog, watch the ingest, search, open a hit in the viewer.
describe.runIf(browserTestsEnabled())('library, search and viewer in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let fixture: ReturnType<typeof writeFixtureFolder>;
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];
  const externalRequests: string[] = [];

  beforeAll(async () => {
    fixture = writeFixtureFolder(tmp.dir);
    served = await startServe(libraryDir);
    chromium = await launchChromium();
    chromium.context.on('request', (req) => {
      if (!req.url().startsWith(served.origin)) externalRequests.push(req.url());
    });
    ({ page, errors } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('says the library is empty on the search screen before anything is added', async () => {
    await page.getByRole('tab', { name: 'Search' }).click();
    await eventually(() => page.getByTestId('search-empty').textContent()).toContain('Your library is empty');
  });

  it('the folder dialog hides hidden folders unless asked, and takes a typed path', async () => {
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'Add folder…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a folder to the library' });
    await eventually(() => dialog.getByLabel('Folder path').inputValue()).not.toBe('');
    await dialog.getByLabel('Folder path').fill(tmp.dir);
    await dialog.getByLabel('Folder path').press('Enter');
    const options = dialog.getByRole('option');
    await eventually(() => options.allTextContents()).toContain('papers');
    expect((await options.allTextContents()).some((t) => t.includes('.hidden-stuff'))).toBe(false);
    await dialog.getByLabel('Show hidden files and folders').check();
    await eventually(async () =>
      (await options.allTextContents()).some((t) => t.includes('.hidden-stuff')),
    ).toBe(true);
    // Breadcrumbs lead back up.
    const crumbs = dialog.getByRole('navigation', { name: 'Current folder' });
    await crumbs.getByRole('button', { name: path.basename(tmp.dir) }).click();
    await eventually(() => dialog.getByLabel('Folder path').inputValue()).toBe(tmp.dir);
    await page.keyboard.press('Escape');
    await eventually(() => dialog.count()).toBe(0);
  });

  it('adds a folder via the dialog, shows the ingest, then lists every document with its status', async () => {
    await addFolderWithDialog(page, fixture.folder);
    const progress = page.getByTestId('job-progress');
    await eventually(() => progress.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(squash(await page.getByTestId('job-counts').textContent())).toBe('4 / 4');

    const rows = page.getByTestId('document-row');
    await eventually(() => rows.count(), { timeout: 20_000 }).toBe(4);
    const broken = rows.filter({ hasText: 'broken.pdf' });
    expect(await broken.getAttribute('data-status')).toBe('failed');
    expect(squash(await broken.locator('.doc-reason').textContent()).length).toBeGreaterThan(3);
    expect(await rows.filter({ hasText: 'Wing design notes' }).getAttribute('data-status')).toBe('ok');
    expect(await page.locator('tr[data-status="ok"]').count()).toBe(3);

    const status = await api<StatusCounts>(served, 'library.status');
    expect(status.documents).toMatchObject({ total: 4, ok: 3, failed: 1 });
    const chips = page.getByTestId('status-counts');
    expect(await chips.locator('[data-count-status="total"]').getAttribute('data-count')).toBe('4');
    expect(await chips.locator('[data-count-status="failed"]').getAttribute('data-count')).toBe('1');
    expect(squash(await page.getByTestId('sources').textContent())).toContain(fixture.folder);
    await page.screenshot({ path: artifactPath('library.png') });
  });

  it('filters the table by status and by text', async () => {
    await page
      .getByTestId('status-counts')
      .getByRole('button', { name: /Failed/ })
      .click();
    await eventually(() => page.getByTestId('document-row').count()).toBe(1);
    await page.getByTestId('status-counts').getByRole('button', { name: /All/ }).click();
    await page.getByPlaceholder('Filter by title or path').fill('river');
    await eventually(() => page.getByTestId('document-row').allTextContents()).toEqual([
      expect.stringContaining('River ecology'),
    ]);
    await page.getByPlaceholder('Filter by title or path').fill('');
    await eventually(() => page.getByTestId('document-row').count()).toBe(4);
  });

  it("shows each document's own date (metadata, else file time) and sorts by it", async () => {
    const sortByDate = page.getByTestId('sort-by-date');
    const titles = () => page.locator('[data-testid="document-row"] .doc-title').allTextContents();
    await sortByDate.click(); // newest first: the files without a date of their own (today) lead
    await eventually(titles).toEqual([
      expect.any(String),
      expect.any(String),
      'River ecology',
      'Wing design notes',
    ]);
    await sortByDate.click(); // oldest first
    await eventually(titles).toEqual([
      'Wing design notes',
      'River ecology',
      expect.any(String),
      expect.any(String),
    ]);
    const wingDate = page.getByTestId('document-row').first().getByTestId('document-date');
    expect(await wingDate.getAttribute('data-date-source')).toBe('metadata');
    expect(squash(await wingDate.textContent())).toMatch(/1999/);
    const noteDate = page
      .getByTestId('document-row')
      .filter({ hasText: 'Baking notes' })
      .getByTestId('document-date');
    expect(await noteDate.getAttribute('data-date-source')).toBe('file');
    expect(squash(await noteDate.textContent())).toContain('(file)');
    await sortByDate.click(); // back to newest indexed first
    await eventually(() => sortByDate.textContent()).toBe('Date');
  });

  it('"/" focuses search; typing searches; arrows and Enter open the hit at its page, highlighted', async () => {
    // From the Library screen, with focus on no text field, "/" jumps to the search box.
    await page.getByRole('heading', { name: 'Library', level: 2 }).click();
    await page.keyboard.press('/');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe('search-box');
    await page.keyboard.type('swept wings compressibility drag near the speed of sound');
    const results = page.getByTestId('result');
    await eventually(() => results.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const first = results.first();
    expect(squash(await first.locator('.result-title').textContent())).toBe('Wing design notes');
    // By document (the default): the best passage comes first, with its page.
    expect(squash(await first.getByTestId('passage-page').first().textContent())).toBe(
      `p. ${passages.wing.page}`,
    );
    expect(await first.locator('mark').count()).toBeGreaterThan(0);

    await page.keyboard.press('ArrowDown');
    // The search box points at the picked result's cell (combobox with a grid popup).
    const cell = first.getByRole('gridcell');
    expect(await cell.getAttribute('aria-selected')).toBe('true');
    expect(
      await page.getByRole('combobox', { name: 'Search your library' }).getAttribute('aria-activedescendant'),
    ).toBe(await cell.getAttribute('id'));
    await page.keyboard.press('Enter');
    const viewer = page.getByTestId('pdf-viewer');
    await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe(
      String(passages.wing.page),
    );
    expect(await page.getByTestId('page-number').inputValue()).toBe(String(passages.wing.page));
    const marks = viewer.locator('.textLayer mark.hit');
    await eventually(() => marks.count()).toBeGreaterThan(0);
    const marked = squash((await marks.allTextContents()).join(' '));
    expect(marked).toContain('compressibility drag');
    // Only the hit's passage is marked, not the whole page (page 3 holds several chunks).
    expect(marked).not.toContain('winglets');
    expect(await marks.first().isVisible()).toBe(true);

    await page.screenshot({ path: artifactPath('search-viewer.png') });
    publishScreenshot('search-viewer.png', 'loci-search.png');
  });

  it('turns pages with PageDown / PageUp and the page field, and zooms', async () => {
    const viewer = page.getByTestId('pdf-viewer');
    await page.keyboard.press('PageDown');
    await eventually(() => viewer.getAttribute('data-rendered-page')).toBe(String(passages.wing.page + 1));
    await page.keyboard.press('PageUp');
    await eventually(() => viewer.getAttribute('data-rendered-page')).toBe(String(passages.wing.page));
    await eventually(() => viewer.locator('.textLayer mark.hit').count()).toBeGreaterThan(0);
    await page.getByTestId('page-number').fill('1');
    await page.getByTestId('page-number').press('Enter');
    await eventually(() => viewer.getAttribute('data-rendered-page')).toBe('1');
    expect(squash(await viewer.locator('.textLayer').textContent())).toContain('Wing design, page 1');

    const zoom = page.getByTestId('zoom-level');
    const before = Number.parseInt((await zoom.textContent()) ?? '0', 10);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await eventually(async () => Number.parseInt((await zoom.textContent()) ?? '0', 10)).toBeGreaterThan(
      before,
    );
    await page.getByRole('button', { name: 'Fit width' }).click();
    await eventually(async () => Number.parseInt((await zoom.textContent()) ?? '0', 10)).toBe(before);
  });

  it('opens a Markdown hit in the reader view with the passage marked under its heading', async () => {
    const box = page.getByRole('combobox', { name: 'Search your library' });
    await box.fill('sourdough starter wild yeast');
    await page.getByRole('radio', { name: 'Keyword' }).check();
    await eventually(() => page.getByTestId('search-status').textContent(), { timeout: 20_000 }).toMatch(
      /documents? in .* keyword/,
    );
    const hit = page.getByTestId('result').filter({ hasText: 'baking-notes.md' }).first();
    await eventually(() => hit.count(), { timeout: 20_000 }).toBe(1);
    await hit.click();
    const reader = page.getByTestId('reader-view');
    await eventually(() => reader.locator('mark.hit').count()).toBe(1);
    expect(squash(await reader.locator('mark.hit').textContent())).toContain(
      'sourdough starter is a living culture',
    );
    expect(squash(await reader.getByRole('heading').first().textContent())).toBe('Baking notes');
    expect(squash(await hit.locator('.passage-headings').first().textContent())).toBe(
      'Baking notes › Sourdough ·',
    );
  });

  it('lists results by document with merged passages, expands "N more", and toggles to passages', async () => {
    const box = page.getByRole('combobox', { name: 'Search your library' });
    await page.getByRole('radio', { name: 'Hybrid' }).check();
    await box.fill('wing design page notes');
    const wing = page.getByTestId('result').filter({ hasText: 'Wing design notes' });
    await eventually(() => wing.count(), { timeout: 20_000 }).toBe(1);
    const pagesShown = async () => (await wing.getByTestId('passage-page').allTextContents()).map(squash);
    const before = await pagesShown();
    expect(before.length).toBe(3);
    expect(new Set(before).size).toBe(3); // one passage per page
    const more = wing.getByTestId('more-passages');
    expect(squash(await more.textContent())).toMatch(/^\d+ more in this document$/);
    await more.click();
    await eventually(async () => (await pagesShown()).length).toBeGreaterThan(3);
    const after = await pagesShown();
    expect(new Set(after).size).toBe(after.length);
    expect(after.slice(0, 3)).toEqual(before);
    // A passage with a long unbroken token (code, a URL) wraps inside its result instead of running
    // past the card's edge, where it was cut off mid-word.
    const overflow = await wing
      .getByTestId('passage')
      .first()
      .evaluate((button) => {
        const snippet = button.querySelector('.passage-snippet')!;
        snippet.append(` const_${'byteLength'.repeat(30)}`);
        const card = button.closest('[data-testid="result"]')!;
        return snippet.getBoundingClientRect().right - card.getBoundingClientRect().right;
      });
    expect(overflow).toBeLessThanOrEqual(0);
    // Clicking a passage opens the viewer at its page.
    await wing.getByTestId('passage').nth(1).click();
    const viewer = page.getByTestId('pdf-viewer');
    await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe(
      before[1]!.replace('p. ', ''),
    );
    await page.screenshot({ path: artifactPath('search-by-document.png') });

    await page.getByRole('radio', { name: 'By passage' }).check();
    await eventually(() => page.getByTestId('result').filter({ hasText: 'Wing design notes' }).count(), {
      timeout: 20_000,
    }).toBeGreaterThan(1);
    expect(await page.getByTestId('passages').count()).toBe(0);
    await page.getByRole('radio', { name: 'By document' }).check();
    await eventually(() => page.getByTestId('result').filter({ hasText: 'Wing design notes' }).count(), {
      timeout: 20_000,
    }).toBe(1);
    // Back to keyword mode, where a query matching nothing has no results (the next test).
    await page.getByRole('radio', { name: 'Keyword' }).check();
  });

  it('less like this drops a document until its chip is removed; results export as CSV', async () => {
    const box = page.getByRole('combobox', { name: 'Search your library' });
    await page.getByRole('radio', { name: 'Hybrid' }).check();
    await box.fill('wing design page notes');
    const wing = page.getByTestId('result').filter({ hasText: 'Wing design notes' });
    await eventually(() => wing.count(), { timeout: 20_000 }).toBe(1);
    await wing.getByTestId('less-like-this').click();
    await eventually(() => page.getByTestId('like-chip').count()).toBe(1);
    expect(squash(await page.getByTestId('like-chip').textContent())).toContain(
      'Less like “Wing design notes”',
    );
    await eventually(() => wing.count(), { timeout: 20_000 }).toBe(0);
    await page.getByTestId('like-chip').getByRole('button').click();
    await eventually(() => wing.count(), { timeout: 20_000 }).toBe(1);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('loci-wing-design-page-notes.csv');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('rank,title,file,page,score,snippet');
    expect(csv).toContain('Wing design notes');
    await page.getByRole('radio', { name: 'Keyword' }).check();
  });

  it('says so when nothing matches', async () => {
    await page.getByRole('combobox', { name: 'Search your library' }).fill('qqxyzzyplughfrobnicate');
    await eventually(() => page.getByTestId('no-results').textContent(), { timeout: 20_000 }).toContain(
      'No results',
    );
  });

  it('uploads files dropped on the window into a chosen folder (asked once) and indexes them', async () => {
    const uploadDir = path.join(tmp.dir, 'uploads');
    fs.mkdirSync(uploadDir);
    const dropPdf = async (name: string, text: string) => {
      const base64 = makePdf([text], { title: name }).toString('base64');
      const dataTransfer = await page.evaluateHandle(
        ({ name, base64 }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], name, { type: 'application/pdf' }));
          return dt;
        },
        { name, base64 },
      );
      await page.dispatchEvent('body', 'dragenter', { dataTransfer });
      await page.dispatchEvent('body', 'drop', { dataTransfer });
    };

    await page.getByRole('tab', { name: 'Library' }).click();
    await dropPdf(
      'dropped-lighthouse.pdf',
      'The lighthouse keeper logged the fog horn schedule every night.',
    );
    const dialog = page.getByRole('dialog', { name: 'Where should dropped files be stored?' });
    await eventually(() => dialog.getByLabel('Folder path').inputValue()).not.toBe('');
    await dialog.getByLabel('Folder path').fill(uploadDir);
    await dialog.getByLabel('Folder path').press('Enter');
    await eventually(() => dialog.getByLabel('Folder path').inputValue()).toBe(uploadDir);
    await dialog.getByRole('button', { name: 'Upload here' }).click();
    await eventually(() => page.getByTestId('upload-status').textContent(), { timeout: 30_000 }).toContain(
      'Uploaded 1 file',
    );
    expect(fs.existsSync(path.join(uploadDir, 'dropped-lighthouse.pdf'))).toBe(true);

    // The folder is remembered: the next drop uploads without asking.
    await page.getByTestId('upload-status').getByRole('button', { name: 'Dismiss' }).click();
    await dropPdf('dropped-orchard.pdf', 'The orchard grows twelve kinds of apple and three of pear.');
    await eventually(() => page.getByTestId('upload-status').textContent(), { timeout: 30_000 }).toContain(
      'Uploaded 1 file',
    );
    expect(await dialog.count()).toBe(0);
    expect(fs.existsSync(path.join(uploadDir, 'dropped-orchard.pdf'))).toBe(true);

    await waitForIdle(served);
    await eventually(() => page.getByTestId('document-row').filter({ hasText: 'dropped-' }).count(), {
      timeout: 30_000,
    }).toBe(2);
    const status = await api<StatusCounts>(served, 'library.status');
    expect(status.sources.map((s) => s.path)).toContain(uploadDir);
  });

  it('opens a document from the table in a viewer beside it, at its first page', async () => {
    await page.getByRole('tab', { name: 'Library' }).click();
    await page.getByRole('button', { name: 'River ecology' }).click();
    const viewer = page.locator('#panel-library').getByTestId('pdf-viewer');
    await eventually(() => viewer.getAttribute('data-rendered-page')).toBe('1');
    expect(await viewer.locator('.textLayer').textContent()).toContain('River ecology, page 1');
    await page.keyboard.press('PageDown');
    await eventually(() => viewer.getAttribute('data-rendered-page')).toBe('2');
    expect(await viewer.locator('.textLayer').textContent()).toContain('Beavers build dams');
    await page.getByRole('button', { name: 'Close viewer' }).click();
    await eventually(() => viewer.count()).toBe(0);
  });

  it('had no page errors and made no request to any other origin', () => {
    expect(errors).toEqual([]);
    expect(externalRequests).toEqual([]);
  });
});
