/**
 * Heatmap benchmark.
 *
 *   node bin/run-ts.mjs bench/heatmap.ts [--docs 2000] [--dims 512] [--chunks 100000] [--skip-library]
 *
 * 1. 2,000 x 2,000 document similarity (512-d, as use-lite): the tiled kernel split across 2 worker
 *    threads (what `heatmap.get` runs) against the plain nested loop on the main thread, same data,
 *    same run. Prints both times, the ratio and the largest difference between the two matrices.
 *    Goal: <= 1 s on 2 cores.
 * 2. The cluster-level matrix of a library of 100,000 chunks (5,000 documents x 20 chunks, clustered
 *    synthetic vectors and topic words as text) written to a real LanceDB library: `heatmap.get
 *    {kind: 'documents'}` cold (read and average 100k vectors, k-means, key-term labels from the chunk
 *    text, aggregation) and warm (cached per data version), plus one drill-down into a block.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceResourcesDir } from '../src/main/core/config';
import { createCore } from '../src/main/core/createCore';
import { documentIdForPath } from '../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import type { DocumentUpsert, VectorModel } from '../src/main/core/store/storeTypes';
import { gramNaive, gramRows, splitRows } from '../src/main/core/math/gramKernel';
import { normalizeRows } from '../src/main/core/math/vectorRows';
import { modelMatrix } from '../src/main/core/similarity/modelSpace';
import { SimilarityPool } from '../src/main/core/similarity/similarityPool';
import { seededRandom } from '../src/main/core/math/seededRandom';
import type { DocumentHeatmap } from '../src/shared/api/methods/heatmap';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
}
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Unit vectors around `topics` random directions (documents of a library are clumped, not uniform). */
function clusteredRows(rows: number, dims: number, topics: number, seed: number, spread = 0.06) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Float32Array.from({ length: topics * dims }, gauss);
  normalizeRows(centres, dims);
  const topicOf = Int32Array.from({ length: rows }, () => Math.floor(random() * topics));
  const data = new Float32Array(rows * dims);
  for (let i = 0; i < rows; i++)
    for (let d = 0; d < dims; d++) data[i * dims + d] = centres[topicOf[i]! * dims + d]! + spread * gauss();
  return { data: normalizeRows(data, dims), topicOf };
}

async function documentMatrix(): Promise<void> {
  const n = option('docs', 2000);
  const dims = option('dims', 512);
  const model: VectorModel = { id: 'bench', dims, fingerprint: 'bench' };
  const { data } = clusteredRows(n, dims, 40, 1);
  const matrix = modelMatrix(model, data);
  console.log(`\n== ${n} x ${n} document similarity, ${dims}-d, ${os.cpus().length} cores ==`);

  const pool = new SimilarityPool(2);
  let t = performance.now();
  await pool.gram(matrix);
  const cold = performance.now() - t;
  const runs: number[] = [];
  let tiled: Float32Array = new Float32Array(0);
  for (let r = 0; r < 5; r++) {
    t = performance.now();
    tiled = await pool.gram(matrix);
    runs.push(performance.now() - t);
  }
  // Model comparison on the same n documents: per-row overlap@10 and Spearman of two n x n matrices
  // (the second model simulated by perturbed vectors), split across the workers as heatmap.get does.
  const { data: other } = clusteredRows(n, dims, 40, 1, 0.09);
  const sb = await pool.gram(modelMatrix(model, other));
  t = performance.now();
  await Promise.all(
    splitRows(n, pool.size, false).map(([rowStart, rowEnd]) =>
      pool.run({ op: 'drift', sa: tiled, sb, n, rowStart, rowEnd, k: 10 }),
    ),
  );
  const driftMs = performance.now() - t;
  await pool.close();

  const single = new Float32Array(n * n);
  t = performance.now();
  gramRows({ a: data, b: data, bRows: n, dims, symmetric: true, rowStart: 0, rowEnd: n, out: single });
  const singleMs = performance.now() - t;

  t = performance.now();
  const naive = gramNaive(data, n, data, n, dims);
  const naiveMs = performance.now() - t;

  let maxDiff = 0;
  for (let i = 0; i < naive.length; i++) maxDiff = Math.max(maxDiff, Math.abs(naive[i]! - tiled[i]!));
  const best = median(runs);
  console.log(`baseline: nested loop, main thread      ${fmt(naiveMs)}`);
  console.log(
    `tiled kernel, 1 thread (inline)         ${fmt(singleMs)}  (${(naiveMs / singleMs).toFixed(1)}x)`,
  );
  console.log(
    `tiled kernel, 2 worker threads (median of 5) ${fmt(best)}  runs: ${runs.map((r) => r.toFixed(0)).join(' ')}`,
  );
  console.log(`  first call incl. starting the workers ${fmt(cold)}`);
  console.log(
    `ratio baseline / 2 workers: ${(naiveMs / best).toFixed(1)}x   max |difference|: ${maxDiff.toExponential(1)}`,
  );
  console.log(`goal <= 1000 ms: ${best <= 1000 ? 'met' : 'NOT met'}`);
  console.log(`model comparison statistics (overlap@10 + Spearman, ${n} rows, 2 workers): ${fmt(driftMs)}`);
}

/** Writes a synthetic library of docs x chunksPerDoc chunks with vectors of one model. */
export async function writeLibrary(
  dir: string,
  docs: number,
  chunksPerDoc: number,
  dims: number,
): Promise<void> {
  const model: VectorModel = { id: 'bench-512', dims, fingerprint: 'bench-512-fp' };
  const topics = 60;
  const { data, topicOf } = clusteredRows(docs * chunksPerDoc, dims, topics, 2, 0.08);
  const random = seededRandom(3);
  const store = await LibraryStore.open(dir, { command: 'bench' });
  try {
    const batch = 250;
    for (let start = 0; start < docs; start += batch) {
      const entries: DocumentUpsert[] = [];
      for (let d = start; d < Math.min(docs, start + batch); d++) {
        const file = `/bench/doc-${d}.txt`;
        // A document's chunks share the topic of its first chunk (so documents are topical too).
        const topic = topicOf[d * chunksPerDoc]!;
        const chunks = Array.from({ length: chunksPerDoc }, (_, c) => {
          const words = Array.from({ length: 40 }, () =>
            random() < 0.5
              ? `topic${topic}word${Math.floor(random() * 8)}`
              : `common${Math.floor(random() * 50)}`,
          );
          return {
            ordinal: c,
            page: 1,
            charStart: c * 400,
            charEnd: c * 400 + 300,
            headingPath: [],
            text: words.join(' '),
          };
        });
        const vectors = chunks.map((_, c) => {
          const row = d * chunksPerDoc + c;
          // Re-point the chunk at the document's topic: copy the first chunk's row plus its own noise.
          const v = data.slice(row * dims, (row + 1) * dims);
          const base = data.subarray(d * chunksPerDoc * dims, (d * chunksPerDoc + 1) * dims);
          for (let k = 0; k < dims; k++) v[k] = base[k]! + 0.5 * v[k]!;
          return v;
        });
        entries.push({
          doc: {
            id: documentIdForPath(file),
            source: '/bench',
            path: file,
            title: `doc ${d} on topic ${topic}`,
            kind: 'text',
            size: 12_000,
            mtime: Date.UTC(2020, d % 48, 1),
            sha256: `sha-${d}`,
            pages: 1,
            status: 'ok',
            reason: null,
          },
          chunks,
          vectors: [{ model, vectors }],
        });
      }
      await store.upsertDocuments(entries);
    }
    await store.maintain({ force: true });
  } finally {
    await store.close();
  }
}

async function clusterLevel(): Promise<void> {
  const chunks = option('chunks', 100_000);
  const chunksPerDoc = 20;
  const docs = Math.round(chunks / chunksPerDoc);
  const dims = option('dims', 512);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-heatmap-'));
  try {
    console.log(
      `\n== cluster-level matrix, ${docs} documents x ${chunksPerDoc} chunks = ${chunks} chunks, ${dims}-d ==`,
    );
    let t = performance.now();
    await writeLibrary(path.join(root, 'library'), docs, chunksPerDoc, dims);
    console.log(`(writing the library: ${fmt(performance.now() - t)}, not part of the measure)`);
    const core = await createCore({
      appVersion: 'bench',
      dataDir: path.join(root, 'data'),
      libraryDir: path.join(root, 'library'),
      resourcesDir: sourceResourcesDir(),
      threads: 2,
    });
    try {
      const get = (input: Parameters<(typeof core.handlers)['heatmap.get']>[0]) =>
        core.handlers['heatmap.get'](input) as Promise<DocumentHeatmap>;
      t = performance.now();
      const cold = await get({ kind: 'documents', maxDocuments: 2000 });
      const coldMs = performance.now() - t;
      t = performance.now();
      await get({ kind: 'documents', maxDocuments: 2000 });
      const warmMs = performance.now() - t;
      const sizes = cold.rows.map((r) => r.count ?? 0);
      const big = sizes.indexOf(Math.max(...sizes));
      t = performance.now();
      const block = await get({ kind: 'documents', maxDocuments: 2000, block: { row: big, col: big } });
      const blockMs = performance.now() - t;
      console.log(`level: ${cold.level}, ${cold.rows.length} clusters of ${cold.totalDocuments} documents`);
      console.log(`  e.g. "${cold.rows[0]?.label}" (${cold.rows[0]?.count} documents)`);
      console.log(`cold (read 100k vectors, k-means, key terms, aggregate): ${fmt(coldMs)}`);
      console.log(`warm (cached for this data version):                     ${fmt(warmMs)}`);
      console.log(
        `drill-down into the largest block (${block.rows.length} x ${block.cols.length}):          ${fmt(blockMs)}`,
      );
    } finally {
      await core.close();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

// Run as a script only (the profiling helpers below import writeLibrary).
if (process.argv[1]?.endsWith('heatmap.ts')) {
  await documentMatrix();
  if (!process.argv.includes('--skip-library')) await clusterLevel();
}
