import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp, waitForIdle, writeFixtureFolder } from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';
import { writeTopicCorpus } from '../unit/similarity/topicCorpus';

// The line under the Library heading around a job, in real Chromium against a real `loci serve`:
// every text it ever shows is recorded by a MutationObserver, so a state that lasts one frame (the
// "index stale" that flashed after each ingest) is caught, not only what is on screen at the end.
describe.runIf(browserTestsEnabled())('library status line around a job (Chromium)', () => {
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
    chromium = await launchChromium();
    ({ page, errors } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  /** Records every text the summary line shows from now on (a MutationObserver). */
  const startRecording = () =>
    page.evaluate(() => {
      const w = window as unknown as { summaryTexts: string[] };
      w.summaryTexts = [];
      const record = () => {
        const text = document.querySelector('[data-testid="library-summary"]')?.textContent ?? '(none)';
        if (w.summaryTexts.at(-1) !== text) w.summaryTexts.push(text);
      };
      record();
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });

  /** Every distinct text the summary line showed since recording started, in order. */
  const shown = () => page.evaluate(() => (window as unknown as { summaryTexts: string[] }).summaryTexts);

  it('says the index is being updated while a job runs, and never "stale" or "catching up" after it', async () => {
    const summary = page.getByTestId('library-summary');
    await eventually(() => summary.textContent()).toMatch(/^\d+ documents/);
    const before = (await summary.textContent())!;
    await startRecording();

    writeTopicCorpus(path.join(tmp.dir, 'notes'), 2);
    await api(served, 'library.add', { paths: [path.join(tmp.dir, 'notes')] });
    await waitForIdle(served);
    // The job's end and the index catching up both come after the last write: keep watching a while.
    await eventually(() => summary.textContent(), { timeout: 20_000 }).not.toBe(before);
    await eventually(() => summary.textContent()).toMatch(/^\d+ documents · [\d,]+ passages indexed$/);
    await page.waitForTimeout(3000);

    const texts = await shown();
    // The observer saw the job (so it was watching), and the line settled on the plain counts.
    expect(texts.some((t) => t.includes('updating the search index'))).toBe(true);
    expect(texts.at(-1)).toMatch(/^\d+ documents · [\d,]+ passages indexed$/);
    for (const t of texts) expect(t).not.toMatch(/stale|catching up|rebuilding/i);
    expect(errors).toEqual([]);
  });

  it('settles on the counts once the open search index has caught up with a job (HNSW index)', async () => {
    // A search opens the served core's vector index; after the next job (2,600 passages more: past
    // EXACT_SEARCH_BELOW, so an HNSW graph) it catches up in the background, and the status read at
    // the job's end says "rebuilding the search index". Only the index's own event (index.synced)
    // tells the page that this is over; before it, the line stayed on "rebuilding" for good.
    await api(served, 'search.query', { q: 'wing lift', mode: 'semantic' });
    const before = await api<{ index: { state: string; vectors: number } }>(served, 'library.status');
    expect(before.index.state).toBe('ready');

    const copies = writeCopies(path.join(tmp.dir, 'copies'), 60, 24);
    await api(served, 'library.add', { paths: [copies] });
    await waitForIdle(served);
    const summary = page.getByTestId('library-summary');
    await eventually(() => summary.textContent(), { timeout: 20_000 }).toMatch(
      /^\d+ documents · [\d,]+ passages indexed$/,
    );
    const after = await api<{ index: { state: string; vectors: number }; chunks: number }>(
      served,
      'library.status',
    );
    expect(after.index).toEqual({ state: 'ready', vectors: after.chunks });
    expect(errors).toEqual([]);
  });
});

/**
 * `copies` files with one text of `paragraphs` paragraphs (about 1.8 passages each): many vectors for
 * little model time (a repeated text is embedded once per job, see reusedVectors.ts).
 */
function writeCopies(dir: string, paragraphs: number, copies: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const words = ['wing', 'river', 'bread', 'engine', 'salmon', 'flour', 'stall', 'otter', 'crust', 'lift'];
  const texts = Array.from({ length: paragraphs }, (_, p) =>
    Array.from(
      { length: 12 },
      (_, s) =>
        `Note ${p} line ${s} on the ${words[(p + s) % 10]} and the ${words[(p * 3 + s) % 10]} of part ${p * 12 + s}.`,
    ).join(' '),
  );
  const text = `# Repeated notes\n\n${texts.join('\n\n')}\n`;
  for (let i = 0; i < copies; i++) fs.writeFileSync(path.join(dir, `copy-${i}.md`), text);
  return dir;
}
