import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

/** The page's background colour as the user sees it. */
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const light = 'rgb(245, 245, 243)';
const dark = 'rgb(21, 21, 23)';

// The keyboard-shortcut overview (`?`) and the theme setting (system / light / dark), in real
// Chromium against a real `loci serve` (an empty library is enough for both).
describe.runIf(browserTestsEnabled())('shortcut overview and theme (Chromium)', () => {
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
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  const dialog = () => page.getByRole('dialog', { name: 'Keyboard shortcuts' });

  it('`?` opens an accessible overview of the real shortcuts; Escape closes it', async () => {
    await page.getByRole('tab', { name: 'Library' }).focus();
    await page.keyboard.press('?');
    await eventually(() => dialog().isVisible()).toBe(true);
    // A modal: the native <dialog> (focus moves into it, the page behind is inert).
    expect(await dialog().evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
    expect(await dialog().evaluate((d) => d.contains(document.activeElement))).toBe(true);
    const rows = await dialog().getByTestId('shortcut').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const text = rows.join('\n');
    for (const key of ['/', 'PageUp', 'PageDown', '↑', 'Enter', 'Backspace', 'Esc'])
      expect(text).toContain(key);
    await page.keyboard.press('Escape');
    await eventually(() => dialog().count()).toBe(0);
  });

  it('is not triggered while typing: `?` in the search box is a character', async () => {
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search your library' });
    await eventually(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('why?');
    expect(await box.inputValue()).toBe('why?');
    expect(await dialog().count()).toBe(0);
    await box.fill('');
  });

  it('the navigation bar button opens the same overview', async () => {
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await eventually(() => dialog().isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Close' }).click();
    await eventually(() => dialog().count()).toBe(0);
  });

  it('theme "system" follows prefers-color-scheme live', async () => {
    expect((await api<{ theme: string }>(served, 'settings.get')).theme).toBe('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(() => background(page)).toBe(dark);
    await page.emulateMedia({ colorScheme: 'light' });
    await eventually(() => background(page)).toBe(light);
  });

  it('Light / Dark in Settings apply at once, are saved through settings.set and survive a reload', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Dark', exact: true }).check();
    // Applied before the core answers: no wait for a reload or a round trip.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await eventually(() => background(page)).toBe(dark);
    await eventually(async () => (await api<{ theme: string }>(served, 'settings.get')).theme).toBe('dark');
    // An explicit choice ignores the OS.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await background(page)).toBe(dark);

    // Kept in the settings file, not only in this browser: a fresh profile's storage has nothing.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByRole('tab', { name: 'Settings' }).waitFor();
    await eventually(() => background(page)).toBe(dark);
    expect(await page.getByRole('radio', { name: 'Dark', exact: true }).isChecked()).toBe(true);

    await page.getByRole('radio', { name: 'Light', exact: true }).check();
    await eventually(() => background(page)).toBe(light);
    await page.getByRole('radio', { name: /^System/ }).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await eventually(() => background(page)).toBe(dark);
    await eventually(async () => (await api<{ theme: string }>(served, 'settings.get')).theme).toBe('system');
    expect(errors).toEqual([]);
  });
});
