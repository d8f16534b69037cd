/**
 * Topic clustering, measured: which clustering the one topic model uses (topics/topicClustering.ts).
 * For each collection, three clusterings with k chosen by the silhouette, each scored by the mean
 * cosine silhouette both in the raw model space and in the library-fitted space:
 *  - k-means (cosine) on the raw model space;
 *  - k-means (cosine) on the library-fitted space (what the topic model uses);
 *  - the map's former clustering (k-means on a PCA-32 reduction of the raw vectors, topics/clusterPoints.ts).
 *
 *   LOCI_SHARED_DATA=/work/shared/data node bin/run-ts.mjs bench/topics.ts [--library DIR]
 *
 * Cranfield's 1,400 abstracts are embedded with use-lite here; --library reads an ingested library's
 * document vectors read-only (its fitted space goes to a temp dir).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceResourcesDir } from '../src/main/core/config';
import { createModelRegistry } from '../src/main/core/embed/registry';
import { readCranfield } from '../src/main/eval/cranfield';
import { gramRows } from '../src/main/core/math/gramKernel';
import { kmeans } from '../src/main/core/math/kmeans';
import { sampleIndices, seededRandom } from '../src/main/core/math/seededRandom';
import { silhouetteFromSimilarities } from '../src/main/core/math/silhouette';
import { normalizeRows, pickRows } from '../src/main/core/math/vectorRows';
import { fitDocumentSpace, loadDocumentSpace } from '../src/main/core/similarity/documentVectors';
import { SimilarityPool } from '../src/main/core/similarity/similarityPool';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import { clusterPoints } from '../src/main/core/topics/clusterPoints';
import { fitTopics } from '../src/main/core/topics/topicClustering';
import { applyVectorSpace, fitVectorSpace } from '../src/main/core/vectorSpace/vectorSpace';
import { sharedDataDir } from '../tests/support/repoPaths';

const DIMS = 512;
const SAMPLE = 1500;

function option(name: string): string | null {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Cosine silhouette of `labels` in the space of `data` (unit rows), on a fixed sample. */
function scorer(data: Float32Array, n: number): (labels: Int32Array, k: number) => number {
  const rows = n <= SAMPLE ? null : sampleIndices(n, SAMPLE, seededRandom(3));
  const s = rows ? rows.length : n;
  const sample = rows ? pickRows(data, DIMS, rows) : data;
  const sims = new Float32Array(s * s);
  gramRows({
    a: sample,
    b: sample,
    bRows: s,
    dims: DIMS,
    symmetric: true,
    rowStart: 0,
    rowEnd: s,
    out: sims,
  });
  return (labels, k) =>
    silhouetteFromSimilarities(sims, s, rows ? Int32Array.from(rows, (r) => labels[r] as number) : labels, k);
}

function measure(name: string, raw: Float32Array, fitted: Float32Array, n: number): void {
  const inRaw = scorer(raw, n);
  const inFitted = scorer(fitted, n);
  console.log(`\n== ${name}: ${n} documents ==`);
  console.log('clustering'.padEnd(44), '  k   sil(raw)  sil(fitted)  time');
  const rows: Array<[string, Int32Array, number, number, string]> = [];
  let t = performance.now();
  const onRaw = fitTopics(raw, n, DIMS);
  rows.push(['k-means cosine, raw space', onRaw.topic, onRaw.k, performance.now() - t, best(onRaw.scores)]);
  t = performance.now();
  const onFitted = fitTopics(fitted, n, DIMS);
  rows.push([
    'k-means cosine, fitted space (topic model)',
    onFitted.topic,
    onFitted.k,
    performance.now() - t,
    best(onFitted.scores),
  ]);
  t = performance.now();
  const sameK = kmeans(raw, n, DIMS, onFitted.k, { metric: 'cosine', seed: 1 });
  rows.push(['k-means cosine, raw space, same k', sameK.assignments, sameK.k, performance.now() - t, '']);
  t = performance.now();
  const map = clusterPoints(raw, n, DIMS);
  rows.push([
    'k-means on PCA-32 of raw (former map)',
    map.assignments,
    map.model.k,
    performance.now() - t,
    '',
  ]);
  for (const [label, labels, k, ms, note] of rows) {
    console.log(
      label.padEnd(44),
      String(k).padStart(3),
      inRaw(labels, k).toFixed(3).padStart(9),
      inFitted(labels, k).toFixed(3).padStart(12),
      `${(ms / 1000).toFixed(1)} s`.padStart(7),
      note,
    );
  }
  console.log(
    'silhouette (fitted) per k, topic model:',
    onFitted.scores.map((s) => `${s.k}:${s.silhouette.toFixed(3)}`).join(' '),
  );
  const sizes = new Array<number>(onFitted.k).fill(0);
  onFitted.topic.forEach((c) => (sizes[c] = (sizes[c] as number) + 1));
  console.log(
    `topic model: ${onFitted.k} topics (sizes ${sizes.join(', ')}), ${onFitted.subtopicParent.length} sub-topics`,
  );
}

function best(scores: Array<{ k: number; silhouette: number }>): string {
  const top = scores.reduce(
    (a, b) => (b.silhouette > a.silhouette ? b : a),
    scores[0] ?? { k: 0, silhouette: 0 },
  );
  return `(best by silhouette alone: k=${top.k}, ${top.silhouette.toFixed(3)})`;
}

function fitted(raw: Float32Array): Float32Array {
  const space = fitVectorSpace(
    { modelId: 'use-lite', fingerprint: '-', dims: DIMS, level: 'document', version: '-' },
    raw,
  );
  return applyVectorSpace(space, raw);
}

async function cranfield(): Promise<void> {
  const cran = await readCranfield(path.join(sharedDataDir, 'cranfield'));
  const registry = createModelRegistry({
    dataDir: os.tmpdir(),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const embedder = await registry.getEmbedder('use-lite');
  const texts = cran.docs.map((d) => `${d.title}. ${d.text}`);
  const raw = new Float32Array(texts.length * DIMS);
  for (let s = 0; s < texts.length; s += 64) {
    const { vectors } = await embedder.embed(texts.slice(s, s + 64), { purpose: 'passage' });
    vectors.forEach((v, i) => raw.set(v, (s + i) * DIMS));
  }
  await registry.closeAll();
  normalizeRows(raw, DIMS);
  measure('Cranfield abstracts (use-lite)', raw, fitted(raw), texts.length);
}

async function library(dir: string): Promise<void> {
  const pool = new SimilarityPool(1);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-topics-bench-'));
  const store = await LibraryStore.open(dir, { readonly: true });
  try {
    const modelId = (await store.listModels())[0]?.id as string;
    const raw = await loadDocumentSpace(store, modelId, pool);
    const space = fitDocumentSpace(scratch, raw);
    measure(
      `${path.basename(dir)} (${modelId}, document vectors)`,
      raw.matrix.data,
      space.matrix.data,
      raw.matrix.rows,
    );
  } finally {
    await store.close();
    await pool.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (!process.argv.includes('--no-cranfield')) await cranfield();
const dir = option('library');
if (dir) await library(path.resolve(dir));
