import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { dataFiles, truncateHalf } from '../support/damageLibrary';
import { api, eventually, openApp, waitForIdle } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

// A library whose chunks file was truncated while the app was closed: the app opens with a damage
// banner, Repair runs as a job in the usual progress bar, the banner goes and search finds the document.
describe.runIf(browserTestsEnabled())('repairing a damaged library in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  const folder = path.join(tmp.dir, 'notes');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'glaciers.md'),
      '# Glaciers\n\nGlaciers carve valleys as they flow.\n',
    );
    fs.writeFileSync(path.join(folder, 'tides.md'), '# Tides\n\nThe moon raises two tidal bulges a day.\n');
    const first = await startServe(libraryDir);
    await api(first, 'library.add', { paths: [folder] });
    await waitForIdle(first);
    await first.stop();
    truncateHalf(dataFiles(libraryDir, 'chunks')[0]!);
    served = await startServe(libraryDir);
    chromium = await launchChromium();
    ({ page } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('shows the banner, repairs with progress, and search works again', async () => {
    const banner = page.getByTestId('damage-banner');
    await eventually(() => banner.textContent()).toContain('The library is damaged.');
    expect(await banner.textContent()).toContain('chunks');
    await banner.getByRole('button', { name: 'Repair' }).click();
    const progress = page.getByTestId('job-progress');
    await eventually(() => progress.textContent()).toContain('Repairing the library');
    await eventually(() => progress.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    await eventually(() => banner.count()).toBe(0);

    await page.getByRole('tab', { name: 'Search' }).click();
    await page.locator('#search-box').fill('glaciers carving valleys');
    const results = page.getByTestId('result');
    await eventually(() => results.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await results.first().textContent()).toContain('Glaciers');
  });
});
