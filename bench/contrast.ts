/**
 * Contrast of the similarity views: the spread of off-diagonal document similarities in the raw
 * model space against the library-fitted (mean-centred) space, per library, plus the number of
 * clusters k-means picks (by silhouette) in each.
 *
 *   node bin/run-ts.mjs bench/contrast.ts LIBRARY_DIR [LIBRARY_DIR...] [--model ID]
 *
 * Reads each library read-only (the fitted space is written to a temp dir, not into the library).
 * A readable heatmap needs spread: in the raw space every pair of documents of one library sits near
 * 0.8 (FINDINGS.md), so the whole matrix is one colour.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  fitDocumentSpace,
  loadDocumentSpace,
  type DocumentSpace,
} from '../src/main/core/similarity/documentVectors';
import { SimilarityPool } from '../src/main/core/similarity/similarityPool';
import { LibraryStore } from '../src/main/core/store/libraryStore';

const modelArg = process.argv.indexOf('--model');
const requested = modelArg >= 0 ? process.argv[modelArg + 1] : undefined;
const libraries = process.argv.slice(2).filter((a, i, all) => a !== '--model' && all[i - 1] !== '--model');

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))] as number;
}

async function summary(pool: SimilarityPool, space: DocumentSpace) {
  const n = space.matrix.rows;
  const gram = await pool.gram(space.matrix);
  const off = new Float64Array((n * (n - 1)) / 2);
  let at = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off[at++] = gram[i * n + j] as number;
  off.sort();
  const { data, rows, model } = space.matrix;
  const clusters = await pool.run({ op: 'cluster', data, rows, dims: model.dims, seed: 1 });
  return {
    p5: quantile(off, 0.05),
    median: quantile(off, 0.5),
    p95: quantile(off, 0.95),
    above08: off.filter((v) => v > 0.8).length / off.length,
    k: clusters.k,
  };
}

const pool = new SimilarityPool(2);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-contrast-'));
try {
  console.log('\n== contrast of document x document similarity: raw model space vs library-fitted space ==');
  console.log(
    'library'.padEnd(28),
    'docs'.padStart(5),
    'space '.padStart(8),
    '  p5     median  p95    >0.8   k',
  );
  for (const dir of libraries) {
    const store = await LibraryStore.open(dir, { readonly: true });
    try {
      const models = await store.listModels();
      const modelId = requested ?? models[0]?.id;
      if (!modelId) throw new Error(`${dir}: no model`);
      const raw = await loadDocumentSpace(store, modelId, pool);
      const fitted = fitDocumentSpace(scratch, raw);
      for (const [label, space] of [
        ['raw', raw],
        ['fitted', fitted],
      ] as const) {
        const s = await summary(pool, space);
        console.log(
          path.basename(dir).padEnd(28),
          String(raw.docs.length).padStart(5),
          label.padStart(8),
          ` ${s.p5.toFixed(3)}  ${s.median.toFixed(3)}  ${s.p95.toFixed(3)}  ${(s.above08 * 100).toFixed(1).padStart(4)}%  ${s.k}`,
        );
      }
    } finally {
      await store.close();
    }
  }
} finally {
  await pool.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
