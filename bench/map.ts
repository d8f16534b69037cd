/**
 * Map benchmark: projection times, bytes sent to the renderer and frame time while orbiting, plus (with
 * --quality) layout and cluster quality on real collections.
 *
 *   node bin/run-ts.mjs bench/map.ts [--sizes 10000,50000,100000] [--no-frames] [--switch-points 10000]
 *   node bin/run-ts.mjs bench/map.ts --only-switch   (the cached switch vs cold build part alone)
 *   node bin/run-ts.mjs bench/map.ts --spaces [--library DIR] [--chunk-sample 5000]
 *     (raw vs library-fitted space as the map's input: trustworthiness, continuity, silhouette; mapSpaces.ts)
 *   node bin/run-ts.mjs bench/map.ts --quality [--library DIR]   (DIR: an ingested library, e.g. texlive PDFs)
 *
 * First, the map's switch time against its cold build on a real 10k-passage library (mapSwitch.ts).
 * Timing data: synthetic clustered 512-d unit vectors (tests/support/clusteredVectors.ts), as the
 * goals are about scale, not content. Per size: PCA (fit on a 4096-row sample + projecting every row;
 * goal <= 3 s at 100k), UMAP's neighbours (the in-app chunk map reuses the library's HNSW index; here
 * a transient one is built), graph and layout (goal <= 180 s at 100k, with progress). Baseline in the
 * same run: umap-js (graph + optimisation, same precomputed neighbours) at the smallest size.
 * Bytes: the map.get answer for 100k points in the binary wire envelope vs JSON. Frames: Chromium with
 * SwiftShader (software WebGL: a GPU does far better) drawing the app's own figure (mapTraces.ts).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { UMAP } from 'umap-js';
import { encodeWire } from '../src/shared/api/wire';
import { clusterPoints } from '../src/main/core/topics/clusterPoints';
import { computeLayout, clusterSilhouette } from '../src/main/core/map/computeLayout';
import { layoutQuality } from '../src/main/core/map/layoutQuality';
import { toMapLayout } from '../src/main/core/map/layoutResponse';
import { computeKnn } from '../src/main/core/map/nearestNeighbours';
import { fitPca, projectPca } from '../src/main/core/math/pca';
import { firstWords, loadPointSet, type PointSet } from '../src/main/core/map/pointSet';
import type { LayoutParams } from '../src/main/core/map/storedLayout';
import { fuzzySimplicialSet, type Knn } from '../src/main/core/map/umapGraph';
import { optimizeUmapLayout, scaleToBox } from '../src/main/core/map/umapLayout';
import { sourceResourcesDir } from '../src/main/core/config';
import { createModelRegistry } from '../src/main/core/embed/registry';
import { readCranfield } from '../src/main/eval/cranfield';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import { colorPoints } from '../src/renderer/src/map/mapColors';
import { buildFigureLayout, buildTraces, hoverTexts } from '../src/renderer/src/map/mapTraces';
import { findChromium, launchChromium } from '../tests/support/chromium';
import { sharedDataDir } from '../tests/support/repoPaths';
import { clusteredVectors } from '../tests/support/clusteredVectors';
import { compareSpaces } from './mapSpaces';
import { switchBench } from './mapSwitch';

const DIMS = 512;
const arg = (name: string) => process.argv.includes(`--${name}`);
function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const value = fn();
  return [value, performance.now() - t];
};

/** A documents-level point set over given vectors (synthetic titles and texts where none are given). */
function syntheticPoints(vectors: Float32Array, n: number, texts?: string[], titles?: string[]): PointSet {
  const docs = Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    source: `/library/folder${i % 7}`,
    path: `/library/folder${i % 7}/document-${i}.pdf`,
    title: titles?.[i] ?? `Document ${i}`,
    kind: 'pdf',
    size: 1000,
    mtime: 1.7e12 + i * 1e6,
    sha256: '',
    pages: 10,
    status: 'ok' as const,
    reason: null,
    indexedAt: 0,
    chunkCount: 1,
    generation: 'g',
  }));
  const body =
    texts ??
    Array.from(
      { length: n },
      (_, i) => `Synthetic passage number ${i} about topic ${i % 40} with several words.`,
    );
  return {
    spec: { level: 'documents', modelId: 'bench', filters: {}, maxPoints: 100_000 },
    model: { id: 'bench', dims: DIMS, fingerprint: 'f', table: 't' },
    dataVersion: 'v1',
    total: n,
    n,
    dims: vectors.length / n,
    ids: docs.map((d) => `${d.id}@g`),
    keys: [],
    vectors,
    docs,
    doc: Int32Array.from({ length: n }, (_, i) => i),
    page: new Int32Array(n),
    ordinal: new Int32Array(n).fill(-1),
    charStart: new Int32Array(n).fill(-1),
    charEnd: new Int32Array(n).fill(-1),
    texts: body,
    snippets: body.map(firstWords),
  };
}

function umapJsMs(vectors: Float32Array, n: number, knn: Knn): number {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    indices.push([i, ...Array.from(knn.indices.subarray(i * knn.k, (i + 1) * knn.k))]);
    distances.push([0, ...Array.from(knn.distances.subarray(i * knn.k, (i + 1) * knn.k))]);
  }
  const umap = new UMAP({ nComponents: 3, nNeighbors: knn.k + 1 });
  umap.setPrecomputedKNN(indices, distances);
  const rows = Array.from({ length: n }, (_, i) => Array.from(vectors.subarray(i * DIMS, i * DIMS + 4)));
  const t = performance.now();
  const epochs = umap.initializeFit(rows);
  for (let e = 0; e < epochs; e++) umap.step();
  return performance.now() - t;
}

async function timing(sizes: number[]): Promise<Float32Array | null> {
  console.log(
    `\n== Projection times (synthetic clustered ${DIMS}-d unit vectors; load ${os.loadavg()[0]?.toFixed(1)}) ==`,
  );
  console.log('points    PCA       kNN(HNSW)  graph    UMAP layout  UMAP total  clusters');
  let largest: Float32Array | null = null;
  let baselineOurs = 0;
  let baselineKnn: Knn | null = null;
  let baselineVectors: Float32Array | null = null;
  for (const n of sizes) {
    const vectors = clusteredVectors(n, { dims: DIMS, seed: 11 });
    const [pcaCoords, pcaMs] = time(() => projectPca(fitPca(vectors, n, DIMS, 3), vectors, n));
    const [knn, knnMs] = time(() => computeKnn(vectors, n, DIMS, 14));
    const [graph, graphMs] = time(() => fuzzySimplicialSet(knn));
    let lastReport = performance.now();
    const [coords, layoutMs] = time(() =>
      optimizeUmapLayout(graph, scaleToBox(pcaCoords, n, 3), {
        dims: 3,
        onEpoch: (epoch, total) => {
          if (performance.now() - lastReport > 15_000) {
            lastReport = performance.now();
            process.stderr.write(`  ${n}: epoch ${epoch}/${total}\n`);
          }
        },
      }),
    );
    const [, clusterMs] = time(() => clusterPoints(vectors, n, DIMS));
    console.log(
      `${String(n).padEnd(9)} ${seconds(pcaMs).padEnd(9)} ${seconds(knnMs).padEnd(10)} ${seconds(graphMs).padEnd(8)} ${seconds(layoutMs).padEnd(12)} ${seconds(knnMs + graphMs + layoutMs).padEnd(11)} ${seconds(clusterMs)}`,
    );
    if (n === sizes[0]) {
      baselineOurs = graphMs + layoutMs;
      baselineKnn = knn;
      baselineVectors = vectors;
    }
    if (n === Math.max(...sizes)) largest = coords;
  }
  if (baselineKnn && baselineVectors) {
    const theirs = umapJsMs(baselineVectors, sizes[0] as number, baselineKnn);
    console.log(
      `baseline umap-js at ${sizes[0]} (same neighbours, graph + layout): ${seconds(theirs)}; ours ${seconds(baselineOurs)}; ratio ours/umap-js = ${(baselineOurs / theirs).toFixed(3)}`,
    );
  }
  return largest;
}

function bytesSent(n: number, coords: Float32Array | null): PointSet & { layoutBytes?: number } {
  const vectors = clusteredVectors(n, { dims: DIMS, seed: 11 });
  const points = syntheticPoints(vectors, n);
  const params: LayoutParams = {
    level: 'documents',
    method: 'pca',
    dims: 3,
    modelId: 'bench',
    filters: {},
    maxPoints: 100_000,
  };
  const stored = computeLayout(points, params, 'bench', { indexDir: os.tmpdir(), vectorsVersion: null });
  if (coords) stored.coords = coords;
  const layout = toMapLayout(stored, points, params);
  const wire = encodeWire({ status: 'ready', layout }).byteLength;
  const json = Buffer.byteLength(
    JSON.stringify({ status: 'ready', layout }, (_k, v: unknown) =>
      ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v,
    ),
  );
  console.log(`\n== Bytes sent for ${n.toLocaleString()} points (map.get answer) ==`);
  console.log(
    `wire envelope ${(wire / 1e6).toFixed(2)} MB vs JSON numbers ${(json / 1e6).toFixed(2)} MB (ratio ${(wire / json).toFixed(3)}); raw vectors would be ${((n * DIMS * 4) / 1e6).toFixed(0)} MB`,
  );
  return points;
}

async function frames(points: PointSet, coords: Float32Array | null): Promise<void> {
  if (!findChromium()) return void console.log('\n(frames skipped: no Chromium)');
  const n = points.n;
  const params: LayoutParams = {
    level: 'documents',
    method: 'umap',
    dims: 3,
    modelId: 'bench',
    filters: {},
    maxPoints: 100_000,
  };
  const stored = computeLayout(points, { ...params, method: 'pca' }, 'bench', {
    indexDir: os.tmpdir(),
    vectorsVersion: null,
  });
  if (coords) stored.coords = coords;
  const layout = toMapLayout(stored, points, params);
  const view = {
    dims: 3 as const,
    pointSize: 3,
    opacity: 0.85,
    showLabels: true,
    focus: null,
    query: null,
    textColor: '#1d1d1f',
  };
  const data = buildTraces(layout, colorPoints(layout, 'cluster'), hoverTexts(layout), view);
  const figure = buildFigureLayout(layout, view);
  const plotly = fs.readFileSync(
    path.resolve(import.meta.dirname, '../node_modules/plotly.js-strict-dist-min/plotly-strict.min.js'),
  );
  const server = http.createServer((req, res) => {
    if (req.url === '/plotly.js') return res.end(plotly);
    res.setHeader('Content-Type', 'text/html');
    res.end(
      '<!doctype html><body style="margin:0"><div id="plot" style="width:1200px;height:800px"></div><script src="/plotly.js"></script>',
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const browser = await launchChromium({ webgl: true, viewport: { width: 1200, height: 800 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const json = JSON.parse(
      JSON.stringify(data, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v)),
    );
    // Code runs in the page as strings: tsx would wrap named functions in a helper the page lacks.
    await page.evaluate(`window.__figure = ${JSON.stringify({ data: json, layout: figure })};`);
    const drawMs = (await page.evaluate(`(async () => {
      const t = performance.now();
      await Plotly.newPlot('plot', window.__figure.data, window.__figure.layout, { displayModeBar: false });
      await new Promise((r) => requestAnimationFrame(r));
      window.__frames = [];
      const tick = (now) => { window.__frames.push(now); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      return performance.now() - t;
    })()`)) as number;
    await page.mouse.move(600, 400);
    await page.mouse.down();
    for (let s = 0; s < 60; s++) await page.mouse.move(600 + s * 6, 400 + Math.sin(s / 6) * 60);
    await page.mouse.up();
    const stamps = (await page.evaluate('window.__frames')) as number[];
    const gaps = stamps
      .slice(1)
      .map((t, i) => t - (stamps[i] as number))
      .sort((a, b) => a - b);
    const p = (q: number) => gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN;
    console.log(
      `\n== Frame time while orbiting, ${n.toLocaleString()} points, Chromium + SwiftShader (software GL) ==`,
    );
    console.log(
      `first draw ${seconds(drawMs)}; frame interval median ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms over ${gaps.length} frames`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

/** Trustworthiness / continuity of PCA and UMAP 3D layouts, cluster silhouette, sample labels. */
function measure(name: string, points: PointSet, sample = 600): void {
  const { n, dims: d, vectors } = points;
  const base: LayoutParams = {
    level: points.spec.level,
    method: 'pca',
    dims: 3,
    modelId: 'm',
    filters: {},
    maxPoints: 100_000,
  };
  const [pca, pcaMs] = time(() =>
    computeLayout(points, base, 'q', { indexDir: os.tmpdir(), vectorsVersion: null }),
  );
  const [umap, umapMs] = time(() =>
    computeLayout(points, { ...base, method: 'umap' }, 'q', { indexDir: os.tmpdir(), vectorsVersion: null }),
  );
  const qp = layoutQuality(vectors, d, pca.coords, 3, 10, sample);
  const qu = layoutQuality(vectors, d, umap.coords, 3, 10, sample);
  console.log(`\n== ${name}: ${n.toLocaleString()} points ==`);
  console.log(
    `PCA 3D : trustworthiness@10 ${qp.trustworthiness.toFixed(3)}  continuity@10 ${qp.continuity.toFixed(3)}  (${seconds(pcaMs)} incl. clusters)`,
  );
  console.log(
    `UMAP 3D: trustworthiness@10 ${qu.trustworthiness.toFixed(3)}  continuity@10 ${qu.continuity.toFixed(3)}  (${seconds(umapMs)} incl. clusters)`,
  );
  const full = time(() => clusterPoints(vectors, n, d, { reduceTo: 0 }));
  const reduced = time(() => clusterPoints(vectors, n, d));
  for (const [label, [result, ms]] of [
    ['k-means on PCA-32', reduced],
    ['k-means on full vectors', full],
  ] as const) {
    const s = clusterSilhouette(vectors, n, d, result.assignments, result.model.k);
    console.log(
      `${label.padEnd(24)}: k = ${result.model.k}, silhouette (cosine, full vectors) ${s?.toFixed(3)}, ${seconds(ms)}`,
    );
  }
  console.log(
    `silhouette by k (PCA-32, sample): ${reduced[0].scores.map((x) => `${x.k}:${x.silhouette.toFixed(3)}`).join(' ')}`,
  );
  console.log(
    `map clusters: k = ${umap.clusterModel.k}, silhouette (cosine, full vectors) ${umap.silhouette?.toFixed(3)}`,
  );
  console.log('Labels (10 largest clusters, three titles each):');
  const sizes = umap.labels.map((_, c) => ({ c, size: umap.cluster.filter((x) => x === c).length }));
  for (const { c, size } of sizes.sort((a, b) => b.size - a.size).slice(0, 10)) {
    const titles = new Set<string>();
    for (let i = 0; i < n && titles.size < 3; i++)
      if (umap.cluster[i] === c) titles.add(points.docs[points.doc[i] as number]?.title ?? '');
    console.log(`  [${size}] ${umap.labels[c]?.label} — ${[...titles].join(' | ')}`);
  }
}

async function cranfieldPoints(): Promise<PointSet> {
  const cran = await readCranfield(path.join(sharedDataDir, 'cranfield'));
  const registry = createModelRegistry({
    dataDir: os.tmpdir(),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const embedder = await registry.getEmbedder('use-lite');
  const texts = cran.docs.map((d) => `${d.title}. ${d.text}`);
  const vectors = new Float32Array(texts.length * embedder.info.dims);
  for (let s = 0; s < texts.length; s += 64) {
    const { vectors: out } = await embedder.embed(texts.slice(s, s + 64), { purpose: 'passage' });
    out.forEach((v, i) => vectors.set(v, (s + i) * embedder.info.dims));
  }
  await registry.closeAll();
  const points = syntheticPoints(
    vectors,
    texts.length,
    texts,
    cran.docs.map((d) => d.title || `Cranfield ${d.id}`),
  );
  return points;
}

async function quality(libraryDir: string | null): Promise<void> {
  measure('Cranfield 1400 abstracts (use-lite, documents)', await cranfieldPoints());
  if (!libraryDir) return void console.log('\n(no --library given: the real-PDF measures are skipped)');
  const store = await LibraryStore.open(libraryDir, { readonly: true });
  try {
    const modelId = (await store.listModels())[0]?.id as string;
    for (const level of ['documents', 'chunks'] as const) {
      const [points, loadMs] = await (async () => {
        const t = performance.now();
        const p = await loadPointSet(store, {
          level,
          modelId,
          filters: {},
          maxPoints: 100_000,
        });
        return [p, performance.now() - t] as const;
      })();
      console.log(
        `\n(${level}: loaded ${points.n.toLocaleString()} points from the library in ${seconds(loadMs)})`,
      );
      measure(`${path.basename(libraryDir)} ${level}`, points, level === 'chunks' ? 300 : 600);
    }
  } finally {
    await store.close();
  }
}

/** Raw vs library-fitted space for the map, on Cranfield and (with --library) a real library. */
async function spaces(libraryDir: string | null): Promise<void> {
  compareSpaces('Cranfield 1400 abstracts (use-lite, documents)', await cranfieldPoints());
  if (!libraryDir) return void console.log('\n(no --library given: the real-PDF comparison is skipped)');
  const store = await LibraryStore.open(libraryDir, { readonly: true });
  try {
    const modelId = (await store.listModels())[0]?.id as string;
    for (const [level, maxPoints] of [
      ['documents', 100_000],
      ['chunks', Number(option('chunk-sample', '5000'))],
    ] as const) {
      const points = await loadPointSet(store, { level, modelId, filters: {}, maxPoints });
      compareSpaces(
        `${path.basename(libraryDir)} ${level}${points.total > points.n ? ` (a sample of ${points.total.toLocaleString()})` : ''}`,
        points,
        level === 'chunks' ? 300 : 600,
      );
    }
  } finally {
    await store.close();
  }
}

if (arg('spaces')) {
  await spaces(process.argv.includes('--library') ? path.resolve(option('library', '')) : null);
} else if (arg('only-switch')) {
  await switchBench(Number(option('switch-points', '10000')));
} else if (arg('quality')) {
  await quality(process.argv.includes('--library') ? path.resolve(option('library', '')) : null);
} else {
  await switchBench(Number(option('switch-points', '10000')));
  const sizes = option('sizes', '10000,50000,100000').split(',').map(Number);
  const largest = await timing(sizes);
  const n = Math.max(...sizes);
  const points = bytesSent(n, largest);
  if (!arg('no-frames')) await frames(points, largest);
}
