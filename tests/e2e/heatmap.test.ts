import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium, publishScreenshot } from '../support/chromium';
import { api, eventually, openApp, waitForIdle } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';
import { writeTinyBertModelFolder } from '../support/tinyBert';
import { writeTopicCorpus } from '../unit/similarity/topicCorpus';

/** Saves a screenshot as a test artifact (and, when asked, as the README's picture). */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: artifactPath(`${name}.png`) });
  publishScreenshot(`${name}.png`, `${name}.png`);
}

/** The tick labels Plotly drew on an axis of a heatmap figure. */
const ticks = (figure: Locator, axis: 'x' | 'y') => figure.locator(`g.${axis}tick text`).allTextContents();

/** A point inside a Plotly plot's drag layer, as fractions of its width and height. */
async function plotPoint(figure: Locator, fx: number, fy: number): Promise<{ x: number; y: number }> {
  await figure.locator('.nsewdrag').first().scrollIntoViewIfNeeded();
  const box = (await figure.locator('.nsewdrag').first().boundingBox())!;
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

// The Heatmaps section in real Chromium against a real `loci serve`: 11 Markdown notes on three topics
// (plus an exact and an edited copy) embedded with use-lite, then with a generated BERT imported
// through models.import; every view rendered with its labels.
describe.runIf(browserTestsEnabled())('heatmaps in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const notes = path.join(tmp.dir, 'notes');
    writeTopicCorpus(notes, 3);
    const tiny = await writeTinyBertModelFolder(path.join(tmp.dir, 'tiny-b'), {
      hidden: 32,
      layers: 1,
      seed: 5,
    });
    served = await startServe(libraryDir);
    await api(served, 'library.add', { paths: [notes] });
    await waitForIdle(served);
    await api(served, 'models.import', { path: tiny, id: 'tiny-b' });
    chromium = await launchChromium();
    ({ page, errors } = await openApp(chromium.context, served));
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.getByRole('tab', { name: 'Heatmaps' }).click();
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  const view = (name: string) =>
    page.getByRole('tablist', { name: 'Heatmap views' }).getByRole('tab', { name });

  it('documents: every note on the axes, grouped by topic; hover shows both titles and the score', async () => {
    const figure = page.getByTestId('heatmap-documents');
    await eventually(() => ticks(figure, 'y'), { timeout: 60_000 }).toHaveLength(11);
    const labels = await ticks(figure, 'y');
    expect(labels).toEqual(expect.arrayContaining(['aviation note 1', 'river note 2', 'baking note 3']));
    // Cluster order: the three topics are three runs, not interleaved.
    const topicRuns = labels.map((l) => l.split(' ')[0]).filter((t, i, all) => t !== all[i - 1]);
    expect(new Set(topicRuns).size).toBe(3);
    expect(topicRuns).toHaveLength(3);
    expect(await page.getByTestId('heatmap-summary').textContent()).toContain('3 topic blocks');

    const p = await plotPoint(figure, 0.05, 0.95); // bottom-left cell: first column, last row
    await page.mouse.move(p.x, p.y);
    const hover = page.getByTestId('heatmap-documents-hover');
    await eventually(() => hover.count()).toBe(1);
    const lines = await hover.locator('div').allTextContents();
    expect(lines[0]).toBe(labels.at(-1));
    expect(lines[1]).toBe(labels[0]);
    expect(Number(lines[2])).toBeGreaterThan(-1);
    await screenshot(page, 'loci-heatmap');
  });

  it('a click on a cell opens both documents side by side; CSV export has the labels', async () => {
    const figure = page.getByTestId('heatmap-documents');
    const p = await plotPoint(figure, 0.05, 0.95);
    await page.mouse.click(p.x, p.y);
    const pair = page.getByTestId('pair-viewer');
    await eventually(() => pair.getByTestId('viewer').count()).toBe(2);
    const titles = await pair.locator('.viewer-title h2').allTextContents();
    const labels = await ticks(figure, 'y');
    expect(titles).toEqual([labels.at(-1), labels[0]]);
    // Each opens at the passage where the two are most alike (marked), not at its start.
    // (heatmap.get answers in the binary wire format; the documents list gives the ids by title.)
    const docs = await api<{ items: Array<{ id: string; title: string }> }>(served, 'library.documents', {});
    const idOf = (title: string | undefined) => docs.items.find((d) => d.title === title)!.id;
    const { match } = await api<{ match: { a: { text: string }; b: { text: string } } }>(
      served,
      'heatmap.pair',
      { a: idOf(labels.at(-1)), b: idOf(labels[0]) },
    );
    const marked = pair.getByTestId('reader-view').locator('mark.hit');
    await eventually(() => marked.count()).toBe(2);
    const squash = (t: string | null) => (t ?? '').replace(/\s+/g, ' ').trim();
    const [markA, markB] = (await marked.allTextContents()).map(squash);
    expect(squash(match.a.text)).toContain(markA!.slice(0, 40));
    expect(squash(match.b.text)).toContain(markB!.slice(0, 40));
    await pair.getByRole('button', { name: 'Close', exact: true }).click();
    await eventually(() => pair.count()).toBe(0);

    // A diagonal cell is one document: it opens once, not twice side by side.
    const diagonal = await plotPoint(figure, 0.5 / 11, 0.5 / 11);
    await page.mouse.click(diagonal.x, diagonal.y);
    await eventually(() => page.getByTestId('single-viewer').count()).toBe(1);
    expect(await pair.count()).toBe(0);
    await page.getByTestId('single-viewer').getByRole('button', { name: 'Close viewer' }).click();
    await eventually(() => page.getByTestId('single-viewer').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(12);
    expect(csv[0]!.split(',')).toHaveLength(12);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(labels);
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
  });

  it('the plot fills the card; topic blocks are outlined in the text colour, not white', async () => {
    await view('Documents').click();
    const figure = page.getByTestId('heatmap-documents');
    const card = (await figure.boundingBox())!;
    const plot = (await figure.locator('.nsewdrag').first().boundingBox())!;
    // Square and as big as the window allows (it was ~400 px of a 1,350 px card at any size).
    expect(plot.width).toBeGreaterThan(Math.min(card.width * 0.5, 700));
    expect(Math.abs(plot.width - plot.height)).toBeLessThan(4);
    const outlines = await figure
      .locator('.layer-above .shapelayer path')
      .evaluateAll((paths) => paths.map((p) => getComputedStyle(p).stroke));
    expect(outlines).toHaveLength(3);
    for (const stroke of outlines) expect(stroke).not.toMatch(/rgba?\(255, 255, 255/);
  });

  it('colour scale and range controls redraw the plot', async () => {
    await page.getByLabel('Colour range minimum').fill('0.5');
    await page.getByRole('combobox', { name: /Colours/ }).selectOption('Greys');
    const colorbarTicks = page
      .getByTestId('heatmap-documents')
      .locator('.colorbar .cbaxis text, .colorbar text');
    await eventually(async () => (await colorbarTicks.allTextContents())[0]).toBe('0.5');
    await page.getByRole('button', { name: 'Auto range' }).click();
    await page.getByRole('combobox', { name: /Colours/ }).selectOption('Viridis');
  });

  it('clusters: three labelled clusters; a click drills into their documents', async () => {
    await view('Clusters').click();
    const figure = page.getByTestId('heatmap-clusters');
    await eventually(() => ticks(figure, 'y'), { timeout: 30_000 }).toHaveLength(3);
    const labels = await ticks(figure, 'y');
    for (const topic of ['aviation', 'river', 'baking'])
      expect(labels.some((l) => l.includes(topic))).toBe(true);
    const p = await plotPoint(figure, 0.15, 0.15);
    await page.mouse.click(p.x, p.y);
    const documents = page.getByTestId('heatmap-documents');
    await eventually(async () => (await ticks(documents, 'y')).length).toBeGreaterThan(1);
    expect(await page.getByTestId('heatmap-summary').textContent()).toContain('of clusters 1 and 1');
    await page.getByRole('button', { name: 'All clusters' }).click();
    await eventually(() => ticks(documents, 'y')).toHaveLength(11);
  });

  it('query: the query and its results against each other', async () => {
    await view('Query').click();
    const panel = page.locator('#panel-heatmaps');
    await panel.getByLabel('Query', { exact: true }).fill('wings lift and drag');
    await panel.getByLabel('Results', { exact: true }).selectOption('5');
    await panel.getByRole('button', { name: 'Show', exact: true }).click();
    const figure = page.getByTestId('heatmap-query');
    await eventually(() => ticks(figure, 'y'), { timeout: 30_000 }).toHaveLength(6);
    const labels = await ticks(figure, 'y');
    expect(labels[0]).toMatch(/^Query: wings lift/);
    expect(labels[1]).toMatch(/^1\. aviation/);
  });

  it("over time: windows by the documents' own dates with their drift, saying where the dates come from", async () => {
    await view('Over time').click();
    // Markdown carries no date of its own: every note is dated by its file time, and the view says so.
    await eventually(() => page.getByTestId('time-dated-by').textContent(), { timeout: 30_000 }).toMatch(
      /^0 documents are dated by their metadata, 1\d by file time \(their files carry no date\)\.$/,
    );
    await page.getByLabel('Windows').selectOption('month');
    const rows = page.getByTestId('time-windows').locator('tbody tr');
    await eventually(() => rows.allTextContents(), { timeout: 30_000 }).toEqual([
      expect.stringContaining('2023-01'),
      expect.stringContaining('2023-03'),
      expect.stringContaining('2023-05'),
    ]);
    expect(await ticks(page.getByTestId('heatmap-time'), 'x')).toEqual(['2023-01', '2023-03', '2023-05']);

    // By year every note is in 2023: one window has no drift to show, so a message replaces the
    // one-cell plot (whose colour bar ran to 1.2).
    await page.getByLabel('Windows').selectOption('year');
    const message = page.getByTestId('time-one-window');
    await eventually(() => message.textContent(), { timeout: 30_000 }).toContain(
      'fall in one year window by document date (2023)',
    );
    expect(await message.textContent()).toContain('at least two windows');
    expect(await page.getByTestId('heatmap-time').count()).toBe(0);
    await page.getByLabel('Windows').selectOption('month');
    await eventually(() => page.getByTestId('heatmap-time').count()).toBe(1);
  });

  it('duplicates: the copy as exact, the edited copy as near (file names, shared text); both open side by side', async () => {
    await view('Duplicates').click();
    const exact = page.getByTestId('duplicates-exact').getByTestId('duplicate-pair');
    await eventually(() => exact.count(), { timeout: 30_000 }).toBe(1);
    const near = page.getByTestId('duplicates-near').getByTestId('duplicate-pair');
    await eventually(async () => (await near.allTextContents()).join(' ')).toContain('edited-aviation-1.md');
    expect((await near.allTextContents()).join(' ')).toMatch(/aviation-1\.md.*\d+% shared text/);
    // Notes 2 (different sentences on the same topic) are nobody's copy, whatever their vectors say.
    expect((await near.allTextContents()).join(' ')).not.toMatch(/-2\.md/);
    await near
      .filter({ hasText: 'edited-aviation-1.md' })
      .first()
      .getByRole('button', { name: 'Side by side' })
      .click();
    await eventually(() => page.getByTestId('pair-viewer').getByTestId('viewer').count()).toBe(2);
    await page.getByTestId('pair-viewer').getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('models: embeds the library with the imported model as a job, then compares the two', async () => {
    await view('Models').click();
    await page.getByLabel('Model B').selectOption('tiny-b');
    const job = page.getByTestId('embed-model-job');
    await job.getByRole('button', { name: 'Embed the library with tiny-b' }).click();
    const rows = page.getByTestId('model-drift-row');
    await eventually(() => rows.count(), { timeout: 90_000 }).toBe(11);
    for (const id of ['heatmap-model-a', 'heatmap-model-b', 'heatmap-model-diff'])
      expect(await ticks(page.getByTestId(id), 'y')).toHaveLength(11);
    expect(await page.getByTestId('heatmap-summary').textContent()).toMatch(
      /11 documents: mean neighbour overlap@10/,
    );
    const status = await api<{ models: Array<{ id: string; vectors: number }> }>(served, 'library.status');
    expect(status.models.find((m) => m.id === 'tiny-b')?.vectors).toBe(11);
    await screenshot(page, 'loci-heatmap-models');
  });

  it('explore: A - B + C gives passages, key terms and the arrows on a 2D map', async () => {
    await view('Explore').click();
    await page.getByLabel('Expression').fill('gluten + dough - oven');
    await page.getByRole('button', { name: 'Explore' }).click();
    const chunks = page.getByTestId('explore-chunks').locator('li');
    await eventually(() => chunks.count(), { timeout: 60_000 }).toBe(10);
    expect(await chunks.first().textContent()).toContain('baking');
    const terms = await page.getByTestId('explore-terms').locator('li button').allTextContents();
    expect(terms.length).toBeGreaterThan(3);
    expect(terms).not.toContain('gluten');
    const scatter = page.getByTestId('analogy-scatter');
    await eventually(() =>
      scatter.locator('.annotation-arrow-g path, g.annotation path').count(),
    ).toBeGreaterThan(0);
    await eventually(() => scatter.locator('g.trace.scatter').count()).toBeGreaterThan(3);
    await chunks.first().getByRole('button', { name: 'Similar documents' }).click();
    await eventually(() => page.getByTestId('neighbour-document').count()).toBeGreaterThan(3);
    await screenshot(page, 'loci-heatmap-explore');
  });

  it('search: a topic of the topic model narrows the results, stays in the URL over a Reload, and clears', async () => {
    // The topic holding the river notes, and its documents, as the core sees them.
    const model = await api<{ topics: Array<{ id: number }> }>(served, 'topics.get');
    const members = await Promise.all(
      model.topics.map(async (t) => {
        const docs = await api<{ items: Array<{ title: string }> }>(served, 'library.documents', {
          filter: { topic: { topic: t.id } },
        });
        return { id: t.id, titles: docs.items.map((d) => d.title).sort() };
      }),
    );
    const river = members.find((m) => m.titles.some((t) => t.startsWith('river')))!;
    expect(river.titles.length).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByLabel('Search your library').fill('note');
    const titles = () => page.getByTestId('result').locator('.result-title').allTextContents();
    // Unfiltered, "note" finds notes of every topic.
    await eventually(async () => new Set((await titles()).map((t) => t.split(' ')[0])).size).toBeGreaterThan(
      1,
    );

    await page.getByTestId('search-topic').selectOption(String(river.id));
    const narrowed = async () => (await titles()).slice().sort();
    await eventually(narrowed).toEqual(river.titles);
    expect(page.url()).toMatch(new RegExp(`[?&]topic=${river.id}(&|$)`));

    await page.reload();
    await eventually(narrowed).toEqual(river.titles);
    expect(await page.getByTestId('search-topic').inputValue()).toBe(String(river.id));
    expect(await page.getByLabel('Search your library').inputValue()).toBe('note');

    await page.getByRole('button', { name: /^Clear the topic filter/ }).click();
    await eventually(async () => new Set((await titles()).map((t) => t.split(' ')[0])).size).toBeGreaterThan(
      1,
    );
    expect(page.url()).not.toContain('topic=');
    expect(await page.getByTestId('search-topic').inputValue()).toBe('');
    await page.getByRole('tab', { name: 'Heatmaps' }).click();
  });

  it('ran without page errors or blocked resources', () => {
    expect(errors).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  });
});
