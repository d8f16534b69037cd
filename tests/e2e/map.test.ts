import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { artifactPath, browserTestsEnabled, launchChromium, publishScreenshot } from '../support/chromium';
import { api, eventually, waitForIdle } from '../support/e2eLibrary';
import { writePdfCorpus } from '../support/pdfCorpus';
import { startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';
import type { MapGetResult, MapLayout } from '../../src/shared/api/methods/map';
import {
  cameraZoom,
  placeLabelLevels3d,
  projectToScreen,
  type SceneCamera,
  type SceneFrame,
} from '../../src/renderer/src/map/placeLabels3d';
import { FINE_LABEL_ZOOM } from '../../src/renderer/src/map/placeLabels';

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

interface ShownLabel {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Pairs of shown labels whose text boxes overlap (by more than half a pixel). */
function overlapping(labels: ShownLabel[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
        out.push([a.text, b.text]);
    }
  return out;
}

/** One reading of the 3D map: its labels on screen and the scene they are drawn in. */
interface LabelSnapshot {
  shown: ShownLabel[];
  /** Where placeLabels3d's projection puts each annotation with the camera drawn now (page pixels). */
  projected: Array<{ text: string; x: number; y: number }>;
  /** The camera gl3d draws now and the one the figure's layout holds (the one its labels are for). */
  drawn: SceneCamera;
  stored: SceneCamera;
  frame: SceneFrame;
}

/**
 * The labels on screen, the layout's annotations and cameras, read in one task so that all describe
 * the same frame (separate reads can straddle a redraw).
 */
async function labelSnapshot(page: Page): Promise<LabelSnapshot> {
  const read = await page.evaluate(() => {
    type Range = [number, number];
    const gd = document.querySelector('[data-testid="map-plot"] .js-plotly-plot') as unknown as {
      getBoundingClientRect(): DOMRect;
      layout: {
        scene: {
          camera: SceneCamera;
          annotations?: Array<{ x: number; y: number; z: number; text: string }>;
        };
      };
      _fullLayout: {
        _size: { l: number; t: number; w: number; h: number };
        scene: {
          _scene: { getCamera(): SceneCamera };
          xaxis: { range: Range };
          yaxis: { range: Range };
          zaxis: { range: Range };
        };
      };
    };
    const shown = Array.from(document.querySelectorAll('[data-testid="map-plot"] text.annotation-text'))
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
      })
      .filter((b) => b.x1 > b.x0 && b.text.trim() !== '');
    const full = gd._fullLayout;
    const box = gd.getBoundingClientRect();
    return {
      shown,
      // The camera drawn now (the layout's lags while a wheel zoom eases).
      drawn: full.scene._scene.getCamera(),
      stored: gd.layout.scene.camera,
      width: full._size.w,
      height: full._size.h,
      left: box.left + full._size.l,
      top: box.top + full._size.t,
      ranges: [full.scene.xaxis.range, full.scene.yaxis.range, full.scene.zaxis.range],
      annotations: gd.layout.scene.annotations ?? [],
    };
  });
  const frame = { camera: read.drawn, width: read.width, height: read.height, ranges: read.ranges };
  return {
    shown: read.shown,
    // An anchor behind the camera has no place on screen (the layout's camera may lag the one drawn).
    projected: read.annotations.flatMap((a) => {
      const at = projectToScreen([a.x, a.y, a.z], frame);
      return at ? [{ text: a.text, x: read.left + at.x, y: read.top + at.y }] : [];
    }),
    drawn: read.drawn,
    stored: read.stored,
    frame,
  };
}

/**
 * Why a snapshot does not (yet) show the labels placed for the camera drawn now, or null when it does:
 * the move is stored in the layout (a wheel zoom ~300 ms after it settles), the labels on screen are
 * the ones placeLabels3d places for that camera, at least one, and each is drawn where it projects.
 */
function notPlacedForCamera(snap: LabelSnapshot, layout: MapLayout): string | null {
  const { shown, projected, drawn, stored } = snap;
  // (gl3d reports `up` made orthogonal to the view; eye and centre say where the camera is.)
  const coords = (c: SceneCamera) => [c.eye, c.center].flatMap((v) => [v.x, v.y, v.z]);
  const stale = coords(drawn).some((v, i) => Math.abs(v - (coords(stored)[i] ?? NaN)) > 1e-3);
  if (stale) return 'the camera drawn is not yet stored in the layout';
  const placed = placeLabelLevels3d(layout.clusters, layout.subclusters, snap.frame);
  const expected = [...placed.topics, ...placed.subtopics].map((c) => c.label).sort();
  if (expected.length === 0) return `no label has room on screen at zoom ${cameraZoom(drawn).toFixed(2)}`;
  const texts = shown.map((l) => l.text).sort();
  if (JSON.stringify(texts) !== JSON.stringify(expected))
    return `shown ${JSON.stringify(texts)}, placed ${JSON.stringify(expected)}`;
  for (const label of shown) {
    const at = projected.find((p) => p.text === label.text);
    if (!at) return `${label.text} is not an annotation on screen`;
    const dx = Math.abs((label.x0 + label.x1) / 2 - at.x);
    const dy = Math.abs((label.y0 + label.y1) / 2 - at.y);
    if (dx >= 4 || dy >= 6)
      return `${label.text} drawn ${dx.toFixed(1)}, ${dy.toFixed(1)} px from its anchor`;
  }
  return null;
}

/**
 * Whether any label has room on screen for the camera drawn, once that camera is stored in the layout
 * (true on time-out, so the caller's own check reports what is wrong).
 */
async function labelsHaveRoom(page: Page, layout: MapLayout): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const problem = notPlacedForCamera(await labelSnapshot(page), layout);
    if (problem === null || Date.now() > deadline) return true;
    if (problem.startsWith('no label has room')) return false;
    await page.waitForTimeout(100);
  }
}

/**
 * Zooms the 3D scene in by `factor` with one wheel event where the pointer is, as a wheel turn would.
 * gl3d (gl-plot3d's camera) zooms a wheel step by exp(zoomSpeed x deltaY / innerHeight x the ms since
 * its last frame / 20), so one step of 600 zooms 3x at 30 frames a second but goes into the cloud,
 * where no label has room on screen, when a busy machine takes 100 ms a frame. Reading that time and
 * sending the step in one task sizes it for the zoom asked, on any machine.
 */
async function wheelZoom(page: Page, x: number, y: number, factor: number): Promise<void> {
  await page.evaluate(
    ({ x, y, factor }) => {
      const gd = document.querySelector('[data-testid="map-plot"] .js-plotly-plot') as unknown as {
        _fullLayout: {
          scene: {
            _scene: {
              glplot: { camera: { view: { lastT(): number }; zoomSpeed: number; flipY: boolean } };
            };
          };
        };
      };
      const camera = gd._fullLayout.scene._scene.glplot.camera;
      const since = performance.now() - camera.view.lastT();
      const flip = camera.flipY ? 1 : -1;
      const deltaY = (Math.log(factor) * window.innerHeight * 20) / (camera.zoomSpeed * flip * since);
      const target = document.elementFromPoint(x, y)!;
      const init = { deltaY, clientX: x, clientY: y, bubbles: true, cancelable: true };
      target.dispatchEvent(new WheelEvent('wheel', init));
    },
    { x, y, factor },
  );
}

/** The states of the "building" panel recorded since the page loaded (or the last reset). */
function mapStates(
  page: Page,
  reset = false,
): Promise<Array<{ state: string; text: string; plot: boolean }>> {
  return page.evaluate((clear) => {
    const w = window as unknown as { __mapStates: Array<{ state: string; text: string; plot: boolean }> };
    const states = w.__mapStates;
    if (clear) w.__mapStates = [];
    return states;
  }, reset);
}

/** Waits until no map layout job is queued or running (every view of the library is built). */
async function layoutsBuilt(served: ServedLoci): Promise<void> {
  await eventually(
    async () =>
      (await api<Array<{ kind: string; state: string }>>(served, 'jobs.list', {})).filter(
        (j) => j.kind === 'map.layout' && j.state === 'running',
      ).length,
    { timeout: 120_000 },
  ).toBe(0);
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
    writePdfCorpus(path.join(tmp.dir, 'reports'), 18, 3);
    // Maps of more than 20 points open in 2D (the 18 documents stay 3D, their passages do not).
    served = await startServe(libraryDir, [], { LOCI_MAP_3D_MAX_POINTS: '20' });
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
      // Every state the "building the map" panel shows, and whether a plot was on screen meanwhile.
      const w = window as unknown as { __mapStates: Array<{ state: string; text: string; plot: boolean }> };
      w.__mapStates = [];
      new MutationObserver(() => {
        const panel = document.querySelector('[data-testid="map-building"]');
        if (!panel) return;
        const seen = {
          state: panel.getAttribute('data-state') ?? '',
          text: panel.textContent ?? '',
          plot: document.querySelector('[data-testid="map-plot"]') !== null,
        };
        const last = w.__mapStates.at(-1);
        if (!last || last.text !== seen.text || last.plot !== seen.plot) w.__mapStates.push(seen);
      }).observe(document, { subtree: true, childList: true, characterData: true });
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

  it('shows that the map is being built, then draws every document in 3D with WebGL, labels and legend', async () => {
    const status = page.getByTestId('map-status');
    await eventually(() => status.textContent(), { timeout: 120_000 }).toContain('18 documents');
    await eventually(() => status.textContent(), { timeout: 120_000 }).toMatch(/UMAP · use-lite-int8$/);
    // Until its first layout existed the screen said so, with progress, and showed no map in its place.
    const states = await mapStates(page);
    expect(states.length).toBeGreaterThan(0);
    expect(states[0]).toMatchObject({ state: 'building', plot: false });
    expect(states[0]?.text).toMatch(/^Building the documents map/);
    expect(states.every((s) => !s.plot)).toBe(true);
    await eventually(() => traces(page), { timeout: 60_000 }).toContainEqual({ name: 'points', points: 18 });
    // Labels are SVG annotations Plotly moves with the camera; which are shown is placed for it.
    await eventually(async () => (await labelSnapshot(page)).shown.length).toBeGreaterThan(0);
    layout3d = await page.getByTestId('map-plot').getAttribute('data-layout-id');
    const legend = page.getByTestId('map-legend').locator('.legend-entry');
    expect(await legend.count()).toBeGreaterThanOrEqual(2);
    // Labels are words from the texts (topics of the corpus), not boilerplate.
    const labels = squash((await legend.allTextContents()).join(' ')).toLowerCase();
    expect(labels).toMatch(/aerodynamics|astronomy|botany|cooking|law|music/);
    expect(labels).not.toMatch(/\breport\b|continues|discussion/);

    // WebGL really drew: the plot holds coloured pixels (18 points of ~4 px), once its frame is out.
    await eventually(async () =>
      colourfulPixels(decodePng(await page.getByTestId('map-plot').screenshot())),
    ).toBeGreaterThan(100);
  });

  it('3D labels never overlap on screen: placed again after each turn and zoom of the camera', async () => {
    // The layout on screen, with every topic and sub-topic a label could be placed for.
    const got = await api<MapGetResult>(served, 'map.get', { level: 'documents', method: 'umap', dims: 3 });
    if (got.status !== 'ready') throw new Error(`the 3D layout is ${got.status}`);
    expect(got.layout.layoutId).toBe(layout3d);
    const plot = page.getByTestId('map-plot');
    const box = (await plot.locator('.js-plotly-plot').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const seen = new Set<string>();
    // (Each step is drawn by software WebGL on a busy machine: a few camera moves, not a tour.)
    for (const move of ['as opened', 'turned', 'zoomed in'] as const) {
      if (move === 'turned') {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + 220, cy + 60, { steps: 3 });
        await page.mouse.up();
      } else if (move === 'zoomed in') {
        await page.mouse.move(cx, cy);
        await wheelZoom(page, cx, cy, 2.5);
        // Zoomed in far enough for sub-topics (placeLabels3d), not into the cloud. (gl3d sizes the step
        // from the distance of its last frame, which trails the eased camera a little.)
        await eventually(async () => cameraZoom((await labelSnapshot(page)).drawn)).toBeGreaterThan(2.2);
        expect(cameraZoom((await labelSnapshot(page)).drawn)).toBeLessThan(3.2);
        // Some turned views (the turn's size depends on frame timing) put the eye inside the cloud at
        // this zoom, where every anchor is off screen and rightly no label is drawn: then back off in
        // small steps, staying zoomed in far enough for sub-topics.
        for (let step = 0; step < 3 && !(await labelsHaveRoom(page, got.layout)); step++) {
          if (cameraZoom((await labelSnapshot(page)).drawn) * 0.85 < FINE_LABEL_ZOOM) break;
          await wheelZoom(page, cx, cy, 0.85);
        }
      }
      // The map stores a move's camera (a wheel zoom's ~300 ms after it settles: MapPlot), places the
      // labels for it and Plotly draws them: wait for that, then check the labels on screen.
      let snap = await labelSnapshot(page);
      await eventually(
        async () => {
          const problem = notPlacedForCamera((snap = await labelSnapshot(page)), got.layout);
          return problem && `${move}: ${problem}`;
        },
        { timeout: 30_000 },
      ).toBeNull();
      expect(snap.shown.length, move).toBeGreaterThan(0);
      expect(overlapping(snap.shown), move).toEqual([]);
      for (const l of snap.shown) seen.add(l.text);
    }
    expect(seen.size).toBeGreaterThan(1);
    await page.getByRole('button', { name: /Reset view/ }).click();
  });

  it('opens the viewer when a point is clicked', async () => {
    await page.getByRole('radio', { name: '2D' }).click();
    await eventually(() => page.getByTestId('map-status').textContent(), { timeout: 120_000 }).toMatch(
      /UMAP · use-lite-int8$/,
    );
    await eventually(() => traces(page), { timeout: 60_000 }).toContainEqual({ name: 'points', points: 18 });
    // Where Plotly drew point 0: its data coordinates through the axes' own mapping, read again on
    // each try (the plot may still be settling its size), with the pointer moved there until Plotly's
    // hover label names the point: then the click lands on a point Plotly knows is under it.
    const pointZero = () =>
      page.evaluate(() => {
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
    let target = await pointZero();
    const hoverLabel = page.locator('[data-testid="map-plot"] .hoverlayer .hovertext');
    await eventually(
      async () => {
        target = await pointZero();
        await page.mouse.move(target.x + 1, target.y);
        await page.mouse.move(target.x, target.y);
        return squash(
          await hoverLabel
            .first()
            .textContent({ timeout: 500 })
            .catch(() => null),
        );
      },
      { timeout: 20_000, interval: 200 },
    ).toContain(squash(/<b>(.*?)<\/b>/.exec(target.hover)?.[1] ?? '').slice(0, 20));
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
    await eventually(async () =>
      pixelsNear(decodePng(await page.getByTestId('map-plot').screenshot()), '#ff2d55'),
    ).toBeGreaterThan(20);

    await page.screenshot({ path: artifactPath('map.png') });
    publishScreenshot('map.png', 'loci-map.png');
  });

  it('switches between documents and passages from the built layouts at once', async () => {
    // The query placed by the test before (if any) is cleared: this is about the map alone.
    const clearQuery = page.getByRole('search').getByRole('button', { name: 'Clear', exact: true });
    if ((await clearQuery.count()) > 0) await clearQuery.click();
    await layoutsBuilt(served);
    await mapStates(page, true);
    const jobsBefore = (await api<unknown[]>(served, 'jobs.list', {})).length;
    const plot = page.getByTestId('map-plot');
    for (const [level, unit] of [
      ['Passages', 'passages'],
      ['Documents', 'documents'],
    ] as const) {
      const before = await plot.getAttribute('data-layout-id');
      const started = Date.now();
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/map.get')),
        page.getByRole('radio', { name: level }).click(),
      ]);
      // Answered from the kept layout, not by computing one (that took ~30 s here). Timed from the
      // request to the first byte of the answer: the page itself may still be busy drawing the last view.
      const timing = answer.request().timing();
      const answeredMs = Math.round(timing.responseStart - timing.requestStart);
      expect(answer.status()).toBe(200);
      await eventually(() => plot.getAttribute('data-layout-id'), { timeout: 10_000, interval: 20 }).not.toBe(
        before,
      );
      await eventually(() => page.getByTestId('map-status').textContent(), { interval: 20 }).toContain(unit);
      // Drawing is mostly SwiftShader (software WebGL) setting up a 3D scene on 2 busy shared cores;
      // bench:map times the switch itself at 10k points.
      // Logged, not asserted: a timed test fails on a busy machine; no job and no building state below
      // prove the answer came from the kept layout.
      console.log(`${level}: answered in ${answeredMs} ms, drawn after ${Date.now() - started} ms`);
    }
    // No layout job and no "building" state on the way: both views were built in the background.
    expect((await api<unknown[]>(served, 'jobs.list', {})).length).toBe(jobsBefore);
    // No "building" state on the way: both views were built in the background beforehand.
    expect(await mapStates(page)).toEqual([]);
  });

  it('opens a map of more points than the 3D limit in 2D, with density contours, framed on its bulk', async () => {
    await page.evaluate(() => {
      window.location.hash = '#/map?level=chunks';
    });
    const status = page.getByTestId('map-status');
    await eventually(() => status.textContent(), { timeout: 60_000 }).toMatch(/^\d+ passages/);
    const passages = Number(/^(\d+) passages/.exec((await status.textContent()) ?? '')?.[1]);
    expect(passages).toBeGreaterThan(20);
    expect(await page.getByRole('radio', { name: '2D' }).getAttribute('aria-checked')).toBe('true');
    await eventually(() => traces(page)).toContainEqual({ name: 'points', points: passages });
    expect(await traces(page)).toContainEqual({ name: 'density', points: passages });
    // 2D points are drawn larger than 3D ones by default.
    expect(await page.getByRole('slider', { name: 'Point size' }).inputValue()).toBe('7');
    // The axes were set from the points' quantiles (not Plotly's autorange over every outlier).
    const ranges = await page.evaluate(() => {
      const gd = document.querySelector('[data-testid="map-plot"] .js-plotly-plot') as unknown as {
        layout: { xaxis: { range?: number[]; autorange?: boolean } };
      };
      return gd.layout.xaxis;
    });
    expect(ranges.autorange).toBe(false);
    expect(ranges.range).toHaveLength(2);
  });

  it('lists a lassoed region in a table: open, export as CSV, search within these', async () => {
    const box = (await page.getByTestId('map-plot').locator('.js-plotly-plot').boundingBox())!;
    // A lasso around the left half of the plot.
    const left = box.x + 4;
    const mid = box.x + box.width / 2;
    const top = box.y + 4;
    const bottom = box.y + box.height - 4;
    await page.mouse.move(left, top);
    await page.mouse.down();
    for (const [x, y] of [
      [mid, top],
      [mid, bottom],
      [left, bottom],
      [left, top + 2],
    ] as const)
      await page.mouse.move(x, y, { steps: 8 });
    await page.mouse.up();
    const table = page.getByTestId('map-selection-table');
    await eventually(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
      );
    const titles = rows.map((r) => r[0] ?? '');
    expect(titles.every((t) => /^Report \d+: /.test(t))).toBe(true);
    expect(rows.every((r) => (r[2] ?? '').startsWith(tmp.dir))).toBe(true);
    expect(rows.some((r) => (r[1] ?? '').length > 0)).toBe(true);
    expect(titles.length).toBeLessThan(18); // half the map, not all of it

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe('title,topic,path,passages');
    expect(lines).toHaveLength(titles.length + 1);
    expect(lines[1]?.startsWith(titles[0] as string)).toBe(true);

    await table.getByRole('button', { name: `Open ${titles[0]}` }).click();
    await eventually(() => page.getByTestId('viewer').locator('h2').textContent()).toBe(titles[0]);
    await page.getByRole('button', { name: 'Close viewer' }).click();

    await table.getByRole('button', { name: 'Search within these' }).click();
    const scope = page.getByTestId('search-scope');
    await eventually(() => scope.textContent()).toContain(`${titles.length} document`);
    await page.locator('#search-box').fill('document about');
    await page.locator('#search-box').press('Enter');
    const found = page.getByTestId('result').locator('.result-title');
    await eventually(() => found.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const resultTitles = (await found.allTextContents()).map(squash);
    for (const title of resultTitles) expect(titles).toContain(title);
    await scope.getByRole('button').click();
    await eventually(() => found.count(), { timeout: 30_000 }).toBeGreaterThan(titles.length);
  });

  it('needed no CSP relaxation, threw nothing and fetched nothing from elsewhere', () => {
    expect(cspViolations).toEqual([]);
    expect(errors).toEqual([]);
    expect(external).toEqual([]);
  });
});
