import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

// The Settings screen against the real core: library location, models from models.list with the
// default chosen through settings, model import errors shown as the core words them, threads, About.
describe.runIf(browserTestsEnabled())('settings in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    served = await startServe(libraryDir);
    chromium = await launchChromium();
    ({ page, errors } = await openApp(chromium.context, served));
    await page.getByRole('tab', { name: 'Settings' }).click();
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('shows the library location and says "Open library…" is a desktop feature in browser mode', async () => {
    await eventually(() => page.getByTestId('settings-library-dir').textContent()).toBe(libraryDir);
    expect(await page.getByRole('button', { name: 'Open library…' }).isDisabled()).toBe(true);
    expect(await page.locator('#open-library-note').textContent()).toContain('desktop-app feature');
  });

  it('lists the models with the default one chosen', async () => {
    const models = await api<Array<{ id: string; name: string }>>(served, 'models.list');
    const settings = await api<{ defaultModel: string }>(served, 'settings.get');
    expect(models.length).toBeGreaterThan(0);
    await eventually(() => page.getByTestId('model-row').count()).toBe(models.length);
    const chosen = page.getByRole('radio', {
      name: models.find((m) => m.id === settings.defaultModel)!.name,
      exact: true,
    });
    expect(await chosen.isChecked()).toBe(true);
  });

  it('refuses to import a folder that is not a model, saying why', async () => {
    const notAModel = path.join(tmp.dir, 'not-a-model');
    fs.mkdirSync(notAModel);
    fs.writeFileSync(path.join(notAModel, 'readme.txt'), 'nothing here');
    await page.getByLabel('Model folder').fill(notAModel);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.locator('.card').filter({ hasText: 'Import a model' }).getByRole('alert');
    await eventually(() => alert.count()).toBe(1);
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    expect((await api<unknown[]>(served, 'models.list')).length).toBe(
      await page.getByTestId('model-row').count(),
    );
  });

  it('saves the thread count through settings.set', async () => {
    await page.getByLabel('Threads for embedding and extraction').fill('2');
    const threads = page.locator('.card').filter({ hasText: 'Threads for embedding' });
    await threads.getByRole('button', { name: 'Save' }).click();
    await eventually(
      async () => (await api<{ threads: number | null }>(served, 'settings.get')).threads,
    ).toBe(2);
    await threads.getByRole('button', { name: 'Automatic' }).click();
    await eventually(
      async () => (await api<{ threads: number | null }>(served, 'settings.get')).threads,
    ).toBe(null);
  });

  it('shows the privacy statement and the third-party notices', async () => {
    expect(await page.getByTestId('privacy').textContent()).toContain('Nothing leaves this machine');
    await page.locator('summary', { hasText: 'Third-party notices' }).click();
    const notices = page.locator('.notices');
    await eventually(() => notices.getByRole('table').count()).toBe(1);
    expect(await notices.textContent()).toContain('PDF.js (pdfjs-dist)');
    await page.screenshot({ path: artifactPath('settings.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
