import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium } from '../support/chromium';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

// Real Chromium (Debian's) against a real `loci serve`: the served page connects with the token
// from the URL and shows app.info.
describe.runIf(browserTestsEnabled())('app shell in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = `${tmp.dir}/library`;
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  const externalRequests: string[] = [];

  beforeAll(async () => {
    served = await startServe(libraryDir);
    chromium = await launchChromium();
    chromium.context.on('request', (req) => {
      if (!req.url().startsWith(served.origin)) externalRequests.push(req.url());
    });
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('loads the page, shows app.info and drops the token from the address bar', async () => {
    const page = await chromium.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('library-dir').textContent()).toBe(libraryDir);
    expect(await page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: artifactPath('app-shell.png') });
    expect(errors).toEqual([]);
  });

  it('has keyboard-navigable sections that say plainly when the library is empty', async () => {
    const page = await chromium.context.newPage();
    await page.goto(served.url);
    await page.getByRole('tab', { name: 'Library' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByRole('tab', { name: 'Search', selected: true }).count()).toBe(1);
    const emptyStates = { Map: /Nothing to map yet/, Heatmaps: /Add documents to the library first/ };
    for (const [name, says] of Object.entries(emptyStates)) {
      await page.getByRole('tab', { name, exact: true }).click();
      await expect.poll(() => page.getByRole('tabpanel').textContent()).toMatch(says);
    }
  });

  it('without the token, the page explains what to open', async () => {
    const page = await chromium.context.newPage();
    // A browser that never opened the printed URL (the token is kept per origin once it did).
    await page.goto(`${served.origin}/`);
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('?token=');
  });

  it('made no request to any other origin', () => {
    expect(externalRequests).toEqual([]);
  });
});
