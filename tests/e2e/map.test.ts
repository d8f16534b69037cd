import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium, publishScreenshot } from '../support/chromium';
import { api, eventually, waitForIdle } from '../support/e2eLibrary';
import { writePdfCorpus } from '../support/pdfCorpus';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

/** RGBA pixels of an 8-bit RGBA or RGB PNG (what Chromium's screenshots are). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (line[x - channels] as number) : 0;
      const b = prev[x] as number;
      const c = x >= channels ? (prev[x - channels] as number) : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      line[x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      for (let ch = 0; ch < 3; ch++) out[(y * width + x) * 4 + ch] = line[x * channels + ch] as number;
      out[(y * width + x) * 4 + 3] = channels === 4 ? (line[x * channels + 3] as number) : 255;
    }
    prev.set(line);
  }
  return { width, height, rgba: out };
}

/** Saturated pixels: the map's background, frame and text are greys, its points and marker are not. */
function colourfulPixels(image: { rgba: Uint8Array }): number {
  let count = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    const r = image.rgba[i] as number;
    const g = image.rgba[i + 1] as number;
    const b = image.rgba[i + 2] as number;
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) count++;
  }
  return count;
}

/** Pixels within a small distance of a CSS hex colour. */
function pixelsNear(image: { rgba: Uint8Array }, hex: string): number {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    const d =
      Math.abs((image.rgba[i] as number) - r) +
      Math.abs((image.rgba[i + 1] as number) - g) +
      Math.abs((image.rgba[i + 2] as number) - b);
    if (d < 40) count++;
  }
  return count;
}

interface PlotTrace {
  name?: string;
  x?: ArrayLike<number>;
}

/** The names and point counts of the traces Plotly currently draws. */
function traces(page: Page): Promise<Array<{ name: string; points: number }>> {
  return page.evaluate(() => {
    const gd = document.querySelector('[data-testid="map-plot"] .js-plotly-plot') as unknown as {
      data?: PlotTrace[];
    } | null;
    return (gd?.data ?? []).map((t) => ({ name: String(t.name), points: t.x ? t.x.length : 0 }));
  });
}

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// The map in real Chromium (WebGL by SwiftShader) against a real `loci serve` with 18 ingested PDFs:
// it renders the points, a click opens the viewer, a search draws its marker. No CSP relaxation.
describe.runIf(browserTestsEnabled())('semantic map in Chromium', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let page: Page;
  const errors: string[] = [];
  const cspViolations: string[] = [];
  const external: string[] = [];
  let layout3d: string | null = null;

  beforeAll(async () => {
    writePdfCorpus(path.join(tmp.dir, 'reports'), 18, 2);
    served = await startServe(libraryDir);
    await api(served, 'library.add', { paths: [path.join(tmp.dir, 'reports')] });
    await waitForIdle(served);
    browser = await launchChromium({ webgl: true, viewport: { width: 1400, height: 900 } });
    browser.context.on('request', (req) => {
      if (
        !req.url().startsWith(served.origin) &&
        !req.url().startsWith('data:') &&
        !req.url().startsWith('blob:')
      )
        external.push(req.url());
    });
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.goto(served.url);
    await page.getByRole('tab', { name: 'Map', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    tmp.cleanup();
  });

  it('draws every document in 3D with WebGL, coloured by cluster, labels and legend beside it', async () => {
    const status = page.getByTestId('map-status');
    await eventually(() => status.textContent(), { timeout: 120_000 }).toContain('18 documents');
    // The UMAP layout replaces the PCA preview when its job is done.
    await eventually(() => status.textContent(), { timeout: 120_000 }).toMatch(/UMAP · use-lite$/);
    await eventually(() => traces(page), { timeout: 60_000 }).toContainEqual({ name: 'points', points: 18 });
    expect((await traces(page)).some((t) => t.name === 'labels')).toBe(true);
    layout3d = await page.getByTestId('map-plot').getAttribute('data-layout-id');
    const legend = page.getByTestId('map-legend').locator('.legend-entry');
    expect(await legend.count()).toBeGreaterThanOrEqual(2);
    // Labels are words from the texts (topics of the corpus), not boilerplate.
    const labels = squash((await legend.allTextContents()).join(' ')).toLowerCase();
    expect(labels).toMatch(/aerodynamics|astronomy|botany|cooking|law|music/);
    expect(labels).not.toMatch(/\breport\b|continues|discussion/);

    // WebGL really drew: the plot holds coloured pixels (18 points of ~4 px).
    await page.waitForTimeout(500);
    const shot = decodePng(await page.getByTestId('map-plot').screenshot());
    expect(colourfulPixels(shot)).toBeGreaterThan(100);
  });

  it('opens the viewer when a point is clicked', async () => {
    await page.getByRole('radio', { name: '2D' }).click();
    await eventually(() => page.getByTestId('map-status').textContent(), { timeout: 120_000 }).toMatch(
      /UMAP · use-lite$/,
    );
    await eventually(() => traces(page), { timeout: 60_000 }).toContainEqual({ name: 'points', points: 18 });
    await page.waitForTimeout(300);
    // Where Plotly drew point 0: its data coordinates through the axes' own mapping.
    const target = await page.evaluate(() => {
      const gd = document.querySelector('[data-testid="map-plot"] .js-plotly-plot') as unknown as {
        data: Array<{ name: string; x: ArrayLike<number>; y: ArrayLike<number>; hovertext: string[] }>;
        _fullLayout: {
          xaxis: { _offset: number; l2p: (v: number) => number };
          yaxis: { _offset: number; l2p: (v: number) => number };
        };
        getBoundingClientRect(): DOMRect;
      };
      const points = gd.data.find((t) => t.name === 'points')!;
      const box = gd.getBoundingClientRect();
      const { xaxis, yaxis } = gd._fullLayout;
      return {
        x: box.left + xaxis._offset + xaxis.l2p(points.x[0] as number),
        y: box.top + yaxis._offset + yaxis.l2p(points.y[0] as number),
        hover: points.hovertext[0] as string,
      };
    });
    await page.mouse.move(target.x, target.y);
    await page.mouse.click(target.x, target.y);
    const viewer = page.getByTestId('viewer');
    await eventually(() => viewer.count(), { timeout: 20_000 }).toBe(1);
    // The map reflowed beside the viewer: no hover label is left naming a point that moved away.
    await eventually(() => page.locator('[data-testid="map-plot"] .hoverlayer .hovertext').count()).toBe(0);
    const title = /<b>(.*?)<\/b>/.exec(target.hover)?.[1] ?? '';
    expect(title).toMatch(/^Report \d+: /);
    expect(squash(await viewer.locator('h2').textContent())).toBe(title);
    await page.getByRole('button', { name: 'Close viewer' }).click();
    await page.getByRole('radio', { name: '3D' }).click();
    // Back on the 3D layout (a selection made before it arrives would be reset by it).
    await eventually(() => page.getByTestId('map-plot').getAttribute('data-layout-id'), {
      timeout: 60_000,
    }).toBe(layout3d);
  });

  it('lists the documents of a cluster picked in the legend', async () => {
    await page.getByTestId('map-legend').locator('.legend-entry').first().click();
    const selection = page.getByTestId('map-selection');
    await eventually(() => selection.locator('li').count()).toBeGreaterThan(0);
    expect(await traces(page)).toContainEqual(expect.objectContaining({ name: 'focus' }));
    await selection.getByRole('button', { name: 'Clear' }).click();
  });

  it('draws a search as its own marker joined to its closest documents', async () => {
    await page
      .getByTestId('map-query-box')
      .fill('the circle of fifths orders the twelve keys by sharps and flats');
    await page.getByTestId('map-query-box').press('Enter');
    const hits = page.getByTestId('map-query-hits').locator('li');
    await eventually(() => hits.count(), { timeout: 30_000 }).toBe(10);
    expect(squash(await hits.first().textContent())).toMatch(/Report \d+: music/);
    const drawn = await traces(page);
    expect(drawn).toContainEqual({ name: 'query', points: 1 });
    expect(drawn).toContainEqual({ name: 'focus', points: 10 });
    expect(drawn.some((t) => t.name === 'links')).toBe(true);
    await page.waitForTimeout(500);
    const shot = decodePng(await page.getByTestId('map-plot').screenshot());
    expect(pixelsNear(shot, '#ff2d55')).toBeGreaterThan(20);

    await page.screenshot({ path: artifactPath('map.png') });
    publishScreenshot('map.png', 'loci-map.png');
  });

  it('needed no CSP relaxation, threw nothing and fetched nothing from elsewhere', () => {
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
