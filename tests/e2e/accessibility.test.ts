import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp, waitForIdle, writeFixtureFolder } from '../support/e2eLibrary';
import { makePdf } from '../support/makePdf';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';
import { writeTopicCorpus } from '../unit/similarity/topicCorpus';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Serious and critical axe-core violations on the page as it is now, one line per element. `rules`
 * limits the run (the second theme only changes colours, so only colour contrast is checked again).
 */
async function axeViolations(page: Page, rules?: string[]): Promise<string[]> {
  // Evaluated through the DevTools protocol rather than page.addScriptTag: the app's CSP (script-src
  // 'self') rightly refuses inline scripts, and the audit must see the page with its real CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<{ violations: unknown }> } })
      .axe;
    const options = only ? { runOnly: { type: 'rule', values: only } } : {};
    return (await axe.run(document, { resultTypes: ['violations'], ...options })).violations;
  }, rules ?? null);
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}; ${(n.failureSummary ?? '').split('\n').slice(1).join(' ').trim()}`,
      ),
    );
}

// The accessibility pass: axe-core in real Chromium against a real `loci serve`, on every screen of
// the app (one browser, one library, screens visited in turn), in the light and the dark theme. No
// serious or critical violation may remain.
describe.runIf(browserTestsEnabled())('accessibility (axe-core, Chromium)', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];

  /** Both themes' violations on the screen now on display, labelled with the screen's name. */
  async function audit(screen: string): Promise<string[]> {
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await eventually(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      // Plots redraw with the theme's colours on the next frames.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
      const rules = scheme === 'light' ? undefined : ['color-contrast'];
      found.push(...(await axeViolations(page, rules)).map((v) => `[${screen}, ${scheme}] ${v}`));
    }
    await page.emulateMedia({ colorScheme: 'light' });
    return found;
  }

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const heatmapView = (name: string) =>
    page.getByRole('tablist', { name: 'Heatmap views' }).getByRole('tab', { name, exact: true });

  beforeAll(async () => {
    served = await startServe(libraryDir);
    chromium = await launchChromium({ webgl: true, viewport: { width: 1280, height: 900 } });
    ({ page, errors } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('empty library: Library, Search, Map and Heatmaps', async () => {
    await eventually(() => page.getByText('Your library is empty').count()).toBeGreaterThan(0);
    const found = await audit('empty library');
    for (const name of ['Search', 'Map', 'Heatmaps']) {
      await tab(name).click();
      found.push(...(await audit(`empty ${name}`)));
    }
    expect(found).toEqual([]);
  });

  it('the folder picker (Add folder…) and the shortcut overview', async () => {
    await tab('Library').click();
    await page.getByRole('button', { name: 'Add folder…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a folder to the library' });
    await eventually(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    const found = await audit('folder picker');
    await page.keyboard.press('Escape');
    await eventually(() => dialog.count()).toBe(0);
    await page.keyboard.press('?');
    await eventually(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    found.push(...(await audit('shortcut overview')));
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
  });

  it('library with documents (a failed one among them)', async () => {
    const { folder } = writeFixtureFolder(tmp.dir);
    writeTopicCorpus(path.join(folder, 'notes'), 3);
    await api(served, 'library.add', { paths: [folder] });
    await waitForIdle(served);
    await eventually(() => page.getByTestId('document-row').count(), { timeout: 30_000 }).toBeGreaterThan(5);
    expect(await audit('library')).toEqual([]);
    // Open Map and Heatmaps once so the core starts their layout and clustering now, in its workers,
    // while the browser audits Search; they are audited when ready, below.
    await tab('Map').click();
    await tab('Heatmaps').click();
  });

  it('search with results, then the viewer open at a result', async () => {
    await tab('Search').click();
    await page.getByRole('combobox', { name: 'Search your library' }).fill('swept wings drag');
    const results = page.getByTestId('result');
    await eventually(() => results.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const found = await audit('search results');
    await results.filter({ hasText: 'Wing design notes' }).first().getByTestId('passage').first().click();
    const viewer = page.locator('#panel-search').getByTestId('pdf-viewer');
    await eventually(() => viewer.locator('.textLayer span').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    found.push(...(await audit('viewer')));
    expect(found).toEqual([]);
  });

  it('every heatmap view and the explorer', async () => {
    await tab('Heatmaps').click();
    const found: string[] = [];
    await eventually(() => page.getByTestId('heatmap-documents').locator('g.ytick').count(), {
      timeout: 60_000,
    }).toBeGreaterThan(3);
    found.push(...(await audit('heatmap documents')));

    await heatmapView('Clusters').click();
    await eventually(() => page.getByTestId('heatmap-clusters').locator('g.ytick').count(), {
      timeout: 30_000,
    }).toBeGreaterThan(1);
    found.push(...(await audit('heatmap clusters')));

    await heatmapView('Query').click();
    const panel = page.locator('#panel-heatmaps');
    await panel.getByLabel('Query', { exact: true }).fill('wings lift and drag');
    await panel.getByRole('button', { name: 'Show', exact: true }).click();
    await eventually(() => page.getByTestId('heatmap-query').locator('g.ytick').count(), {
      timeout: 30_000,
    }).toBeGreaterThan(1);
    found.push(...(await audit('heatmap query')));

    await heatmapView('Models').click();
    await eventually(() => panel.getByLabel('Model B').count()).toBe(1);
    found.push(...(await audit('heatmap models')));

    await heatmapView('Over time').click();
    await eventually(() => panel.getByTestId('time-windows').or(panel.getByRole('status')).count(), {
      timeout: 30_000,
    }).toBeGreaterThan(0);
    found.push(...(await audit('heatmap over time')));

    await heatmapView('Duplicates').click();
    await eventually(() => page.getByTestId('duplicates-exact').getByTestId('duplicate-pair').count(), {
      timeout: 30_000,
    }).toBeGreaterThan(0);
    found.push(...(await audit('heatmap duplicates')));

    await heatmapView('Explore').click();
    await page.getByLabel('Expression').fill('gluten + dough - oven');
    await page.getByRole('button', { name: 'Explore' }).click();
    await eventually(() => page.getByTestId('explore-chunks').locator('li').count(), {
      timeout: 60_000,
    }).toBeGreaterThan(0);
    found.push(...(await audit('explore')));
    expect(found).toEqual([]);
  });

  it('map', async () => {
    await tab('Map').click();
    await eventually(() => page.getByTestId('map-status').textContent(), { timeout: 90_000 }).toMatch(
      /documents/,
    );
    expect(await audit('map')).toEqual([]);
  });

  it('settings', async () => {
    await tab('Settings').click();
    await eventually(() => page.getByTestId('model-row').count()).toBeGreaterThan(0);
    expect(await audit('settings')).toEqual([]);
  });

  it('the upload dialog for dropped files', async () => {
    await tab('Library').click();
    const base64 = makePdf(['A dropped page.'], { title: 'dropped' }).toString('base64');
    const dataTransfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dropped.pdf', { type: 'application/pdf' }));
      return dt;
    }, base64);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    const dialog = page.getByRole('dialog', { name: 'Where should dropped files be stored?' });
    await eventually(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    const found = await audit('upload dialog');
    await page.keyboard.press('Escape');
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
});
