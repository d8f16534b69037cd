import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium } from '../support/chromium';
import { api, eventually, openApp, waitForIdle } from '../support/e2eLibrary';
import { makePdf } from '../support/makePdf';
import { postApi, startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

const payload =
  'Quarterly zebra census <img src=x onerror="window.__pwned=1"> see javascript:alert(1) for details';

// Document text is hostile input: markup in a PDF or a text file must show as characters, never run.
// The page must not be able to reach another origin, and the API must refuse calls without the token.
describe.runIf(browserTestsEnabled())('security in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  const folder = path.join(tmp.dir, 'hostile');
  let served: ServedLoci;
  let chromium: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  let errors: string[];
  const requests: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, 'hostile.pdf'),
      makePdf([`Cover page\n\nNothing to see here.`, `Findings\n\n${payload}\n\nEnd of findings.`], {
        title: 'Zebra <img src=x onerror="window.__pwned=2"> report',
      }),
    );
    fs.writeFileSync(
      path.join(folder, 'hostile.txt'),
      `Notes\n\n${payload}\n<script>window.__pwned=3</script>\n<a href="javascript:alert(2)">click</a>\n`,
    );
    served = await startServe(libraryDir);
    await api(served, 'library.add', { paths: [folder] });
    await waitForIdle(served);
    chromium = await launchChromium();
    chromium.context.on('request', (req) => requests.push(req.url()));
    ({ page, errors } = await openApp(chromium.context, served));
  });

  afterAll(async () => {
    await chromium?.close();
    await served?.stop();
    tmp.cleanup();
  });

  async function searchFor(q: string) {
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.getByRole('radio', { name: 'Keyword' }).check();
    await page.getByRole('combobox', { name: 'Search your library' }).fill(q);
    await eventually(() => page.getByTestId('result').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  }

  async function assertInert() {
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('#root img').count()).toBe(0);
    expect(await page.locator('#root script').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
  }

  it('renders markup from documents as text in search results', async () => {
    await searchFor('zebra census');
    const results = page.getByTestId('results');
    expect(await results.locator('img').count()).toBe(0);
    const text = await results.textContent();
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('javascript:alert(1)');
    await assertInert();
  });

  it('keeps it inert in the PDF viewer (text layer) and in the reader view', async () => {
    await page.getByTestId('result').filter({ hasText: 'hostile.pdf' }).first().click();
    const viewer = page.getByTestId('pdf-viewer');
    await eventually(() => viewer.getAttribute('data-rendered-page'), { timeout: 30_000 }).toBe('2');
    expect(await viewer.locator('.textLayer').textContent()).toContain('<img src=x onerror=');
    await eventually(() => viewer.locator('.textLayer mark.hit').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('viewer').locator('h2').textContent()).toContain('<img');
    await assertInert();
    await page.screenshot({ path: artifactPath('security-pdf.png') });

    await page.getByTestId('result').filter({ hasText: 'hostile.txt' }).first().click();
    const reader = page.getByTestId('reader-view');
    await eventually(() => reader.textContent()).toContain('<script>window.__pwned=3</script>');
    expect(await reader.textContent()).toContain('<a href="javascript:alert(2)">click</a>');
    await assertInert();
  });

  it('a fetch to a remote origin is blocked by the CSP and no request leaves the page', async () => {
    const before = requests.length;
    const outcome = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      );
      const result = await fetch('https://example.com/').then(
        () => 'fetched',
        (err: Error) => `rejected: ${err.name}`,
      );
      return {
        result,
        directive: await Promise.race([
          violation,
          new Promise<string>((r) => setTimeout(() => r('none'), 2000)),
        ]),
      };
    });
    expect(outcome.result).toMatch(/^rejected/);
    expect(outcome.directive).toBe('connect-src');
    expect(requests.slice(before).filter((u) => !u.startsWith(served.origin))).toEqual([]);
    expect(requests.filter((u) => u.includes('example.com'))).toEqual([]);
  });

  it('the API refuses calls without the session token (401)', async () => {
    for (const method of ['library.status', 'search.query', 'files.list', 'document.bytes']) {
      const res = await postApi(served.origin, method, {});
      expect(res.status, method).toBe(401);
      const wrong = await postApi(served.origin, method, {}, 'not-the-token');
      expect(wrong.status, method).toBe(401);
    }
    const events = await fetch(`${served.origin}/api/events`);
    expect(events.status).toBe(401);
    await events.body?.cancel();
    // From the page too: a script without the token gets nothing.
    const status = await page.evaluate(() =>
      fetch('/api/library.status', { method: 'POST', body: '{}' }).then((r) => r.status),
    );
    expect(status).toBe(401);
  });

  it('had no page errors', () => {
    expect(errors).toEqual([]);
  });
});
