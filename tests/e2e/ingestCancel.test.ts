import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium } from '../support/chromium';
import {
  addFolderWithDialog,
  eventually,
  api,
  openApp,
  waitForIdle,
  writeManyPdfs,
  type StatusCounts,
} from '../support/e2eLibrary';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

interface DocumentsPage {
  total: number;
  items: Array<{ path: string; status: string; reason: string | null }>;
}

// Enough files that the job is still far from done when the first batch (<= 24 documents) commits.
const fileCount = 120;

// Cancel from the progress bar while a 120-PDF ingest runs: the job stops early and the library stays
// consistent (every listed document is complete, counts agree between the UI and library.status).
describe.runIf(browserTestsEnabled())('cancelling an ingest in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  const folder = path.join(tmp.dir, 'reports');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };

  beforeAll(async () => {
    writeManyPdfs(folder, fileCount);
    served = await startServe(libraryDir);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('Cancel stops the job and leaves only whole documents, with counts that match the table', async () => {
    const { page, errors } = await openApp(chromium.context, served);
    await addFolderWithDialog(page, folder);

    const progress = page.getByTestId('job-progress');
    await eventually(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('running');
    // Let the first batch of documents commit (they appear in the table while the job runs), then
    // cancel: what was committed must stay, and the job must stop well short of the end.
    await eventually(() => page.getByTestId('document-row').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    expect(await progress.getAttribute('data-state')).toBe('running');
    expect((await page.getByTestId('job-counts').textContent())?.replace(/\s/g, '')).toMatch(
      new RegExp(`/${fileCount}$`),
    );
    const committedBefore = (await api<StatusCounts>(served, 'library.status')).documents.total;
    await page.screenshot({ path: artifactPath('ingest-progress.png') });
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => progress.getAttribute('data-state'), { timeout: 60_000 }).toBe('cancelled');

    const status = await waitForIdle(served);
    expect(status.documents.total).toBeGreaterThanOrEqual(committedBefore);
    expect(status.documents.total).toBeLessThan(fileCount);

    const docs = await api<DocumentsPage>(served, 'library.documents', { limit: 1000 });
    expect(docs.total).toBe(status.documents.total);
    for (const doc of docs.items) {
      expect(['ok', 'failed']).toContain(doc.status);
      if (doc.status !== 'ok') expect(doc.reason).toBeTruthy();
    }
    const okCount = docs.items.filter((d) => d.status === 'ok').length;
    expect(okCount).toBe(status.documents.ok);

    // The UI agrees with the core once the refresh after the job landed.
    await eventually(() => page.getByTestId('document-row').count(), { timeout: 20_000 }).toBe(
      status.documents.total,
    );
    expect(await page.getByTestId('documents-total').getAttribute('data-total')).toBe(
      String(status.documents.total),
    );
    const chips = page.getByTestId('status-counts');
    expect(await chips.locator('[data-count-status="total"]').getAttribute('data-count')).toBe(
      String(status.documents.total),
    );
    expect(await chips.locator('[data-count-status="ok"]').getAttribute('data-count')).toBe(
      String(status.documents.ok),
    );
    expect(await page.locator('tr[data-status="ok"]').count()).toBe(status.documents.ok);

    // Every indexed document is searchable and whole: its chunk count is what the table shows.
    const statusAfter = await api<StatusCounts>(served, 'library.status');
    expect(statusAfter.documents.total).toBe(status.documents.total);
    expect(errors).toEqual([]);
  });
});
