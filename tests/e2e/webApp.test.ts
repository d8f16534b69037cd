import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp, passages, waitForIdle, writeFixtureFolder } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

const hashOf = (page: Page) => new URL(page.url()).hash;

// Browser mode as a web app: the section and its state live in the address (hash), so Back, Forward,
// Reload and bookmarks work. Real Chromium against a real `loci serve` over a small library.
describe.runIf(browserTestsEnabled())('the app in the address bar (Chromium)', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const { folder } = writeFixtureFolder(tmp.dir);
    served = await startServe(libraryDir);
    await api(served, 'library.add', { paths: [folder] });
    await waitForIdle(served);
    chromium = await launchChromium({ viewport: { width: 1280, height: 900 } });
    ({ page, errors } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  const box = () => page.getByRole('combobox', { name: 'Search your library' });
  const results = () => page.getByTestId('result');
  const viewer = () => page.locator('#panel-search').getByTestId('pdf-viewer');

  it('keeps the section, query, mode and open document in the URL; Back and Forward walk them', async () => {
    expect(hashOf(page)).toBe('#/library');
    await page.getByRole('tab', { name: 'Search' }).click();
    expect(hashOf(page)).toBe('#/search');
    await box().fill('swept wings compressibility drag');
    // Keyword: the exact words sit in the page-3 passage (semantically, the wing context on every page
    // competes with it, which is the model's call, not the router's).
    await page.getByRole('radio', { name: 'Keyword' }).check();
    await eventually(() => results().count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(hashOf(page)).toBe('#/search?q=swept+wings+compressibility+drag&mode=keyword');

    // Open the passage on the wing page (by document, the card lists the document's best passages).
    await results()
      .filter({ hasText: 'Wing design notes' })
      .first()
      .getByTestId('passage')
      .filter({
        has: page.getByTestId('passage-page').getByText(`p. ${passages.wing.page}`, { exact: true }),
      })
      .first()
      .click();
    await eventually(() => viewer().getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe(
      String(passages.wing.page),
    );
    expect(hashOf(page)).toMatch(
      new RegExp(`&doc=[^&]+&page=${passages.wing.page}&at=${passages.wing.page}_\\d+-\\d+$`),
    );
    // Turning a page follows in the URL without a new history entry.
    await page.keyboard.press('PageDown');
    await eventually(() => hashOf(page)).toContain(`page=${passages.wing.page + 1}`);

    // Back closes the viewer, Back again returns to hybrid mode; Forward reopens the document.
    await page.goBack();
    await eventually(() => viewer().count()).toBe(0);
    expect(await box().inputValue()).toBe('swept wings compressibility drag');
    await page.goBack();
    await eventually(() => page.getByRole('radio', { name: 'Hybrid' }).isChecked()).toBe(true);
    await page.goForward();
    await page.goForward();
    await eventually(() => viewer().getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe(
      String(passages.wing.page + 1),
    );

    // Another section and Back: the search is still there; Back never leaves the app.
    await page.getByRole('tab', { name: 'Heatmaps' }).click();
    await page.getByRole('tab', { name: 'Explore' }).click();
    await eventually(() => hashOf(page)).toBe('#/heatmaps?view=explore');
    await page.goBack();
    await eventually(() => page.getByRole('tab', { name: 'Documents', selected: true }).count()).toBe(1);
    await page.goBack();
    await eventually(() => page.getByRole('tab', { name: 'Search', selected: true }).count()).toBe(1);
    expect(await box().inputValue()).toBe('swept wings compressibility drag');
    expect(page.url()).not.toContain('token=');
  });

  it('Reload and a bookmark opened in a new tab restore the query, the mode and the open page', async () => {
    const bookmark = page.url();
    await page.reload();
    await eventually(() => box().inputValue()).toBe('swept wings compressibility drag');
    expect(await page.getByRole('radio', { name: 'Keyword' }).isChecked()).toBe(true);
    await eventually(() => results().count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await eventually(() => viewer().getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe(
      String(passages.wing.page + 1),
    );

    const other = await chromium.context.newPage();
    await other.goto(bookmark);
    await eventually(() => other.getByRole('tab', { name: 'Search', selected: true }).count()).toBe(1);
    await eventually(() => other.getByTestId('result').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await eventually(
      () => other.locator('#panel-search').getByTestId('pdf-viewer').getAttribute('data-rendered-page'),
      { timeout: 30_000 },
    ).toBe(String(passages.wing.page + 1));
    expect(await other.getByTestId('viewer').getByRole('heading').textContent()).toBe('Wing design notes');
    await other.close();
  });

  it('had no page errors', () => {
    expect(errors).toEqual([]);
  });
});
