import { describe, expect, it } from 'vitest';
import { UMAP } from 'umap-js';
import { layoutQuality } from '../../../src/main/core/map/layoutQuality';
import { computeKnn, exactKnn, hnswKnn } from '../../../src/main/core/map/nearestNeighbours';
import { fitPca, projectPca } from '../../../src/main/core/math/pca';
import { seededRandom } from '../../../src/main/core/math/seededRandom';
import { fuzzySimplicialSet, type Knn } from '../../../src/main/core/map/umapGraph';
import { optimizeUmapLayout, scaleToBox } from '../../../src/main/core/map/umapLayout';
import { unitBlobs } from './blobs';

/** umap-js's kNN convention: each row starts with the point itself at distance 0. */
function withSelf(knn: Knn): { indices: number[][]; distances: number[][] } {
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < knn.n; i++) {
    indices.push([i, ...Array.from(knn.indices.subarray(i * knn.k, (i + 1) * knn.k))]);
    distances.push([0, ...Array.from(knn.distances.subarray(i * knn.k, (i + 1) * knn.k))]);
  }
  return { indices, distances };
}

describe('UMAP neighbour graph and layout', () => {
  // Forty groups: more than three linear axes can separate, which is where UMAP earns its cost.
  const blobs = unitBlobs(1500, 40, 64, 0.5);
  const knn = exactKnn(blobs.vectors, blobs.n, blobs.dims, 14);

  it('neighbours come from USearch: exact and HNSW agree, self excluded, nearest first', () => {
    const approx = hnswKnn(blobs.vectors, blobs.n, blobs.dims, 14);
    let overlap = 0;
    for (let i = 0; i < blobs.n; i++) {
      const exact = new Set(knn.indices.subarray(i * 14, (i + 1) * 14));
      expect(exact.has(i)).toBe(false);
      for (let j = 1; j < 14; j++)
        expect(knn.distances[i * 14 + j]).toBeGreaterThanOrEqual(knn.distances[i * 14 + j - 1] as number);
      for (const j of approx.indices.subarray(i * 14, (i + 1) * 14)) if (exact.has(j)) overlap++;
    }
    expect(overlap / (blobs.n * 14)).toBeGreaterThan(0.95);
    expect(computeKnn(blobs.vectors, 1, blobs.dims, 14).indices.every((v) => v === -1)).toBe(true);
  });

  it('builds the same fuzzy simplicial set as umap-js, symmetric, weights in (0, 1]', () => {
    const graph = fuzzySimplicialSet(knn);
    const mine = new Map<string, number>();
    for (let e = 0; e < graph.heads.length; e++)
      mine.set(`${graph.heads[e]}:${graph.tails[e]}`, graph.weights[e] as number);
    for (const [key, w] of mine) {
      const [i, j] = key.split(':');
      expect(mine.get(`${j}:${i}`)).toBeCloseTo(w, 6);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThanOrEqual(1);
    }
    const reference = new UMAP({ nNeighbors: 15, nComponents: 2 });
    const { indices, distances } = withSelf(knn);
    reference.setPrecomputedKNN(indices, distances);
    const rows = Array.from({ length: blobs.n }, () => [0]);
    const theirs = (
      reference as unknown as {
        fuzzySimplicialSet(
          x: number[][],
          k: number,
        ): { getAll(): Array<{ row: number; col: number; value: number }> };
      }
    )
      .fuzzySimplicialSet(rows, 15)
      .getAll()
      .filter((e) => e.value > 0);
    expect(theirs.length).toBe(mine.size);
    let worst = 0;
    for (const e of theirs)
      worst = Math.max(worst, Math.abs((mine.get(`${e.row}:${e.col}`) ?? -1) - e.value));
    expect(worst).toBeLessThan(1e-3);
  });

  it('lays the blobs out so neighbours stay neighbours, better than PCA and at least as well as umap-js', () => {
    const graph = fuzzySimplicialSet(knn);
    const pca = projectPca(fitPca(blobs.vectors, blobs.n, blobs.dims, 3), blobs.vectors, blobs.n);
    const layout = optimizeUmapLayout(graph, scaleToBox(pca, blobs.n, 3), { dims: 3, epochs: 200 });
    const ours = layoutQuality(blobs.vectors, blobs.dims, layout, 3, 10, 400);
    const linear = layoutQuality(blobs.vectors, blobs.dims, pca, 3, 10, 400);

    const reference = new UMAP({ nNeighbors: 15, nComponents: 3, nEpochs: 200, random: seededRandom(3) });
    const { indices, distances } = withSelf(knn);
    reference.setPrecomputedKNN(indices, distances);
    const theirs = reference.fit(
      Array.from({ length: blobs.n }, (_, i) => Array.from(blobs.vectors.subarray(i * 64, i * 64 + 64))),
    );
    const theirQuality = layoutQuality(
      blobs.vectors,
      blobs.dims,
      Float32Array.from(theirs.flat()),
      3,
      10,
      400,
    );

    expect(ours.trustworthiness).toBeGreaterThan(linear.trustworthiness + 0.05);
    expect(ours.trustworthiness).toBeGreaterThan(theirQuality.trustworthiness - 0.01);
    expect(ours.continuity).toBeGreaterThan(theirQuality.continuity - 0.01);
    expect(ours.trustworthiness).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed, and stops when the epoch callback says so (cancel)', () => {
    const graph = fuzzySimplicialSet(knn);
    const init = scaleToBox(
      projectPca(fitPca(blobs.vectors, blobs.n, blobs.dims, 2), blobs.vectors, blobs.n),
      blobs.n,
      2,
    );
    const a = optimizeUmapLayout(graph, init, { dims: 2, epochs: 50, seed: 9 });
    const b = optimizeUmapLayout(graph, init, { dims: 2, epochs: 50, seed: 9 });
    expect(Array.from(a)).toEqual(Array.from(b));
    let seen = 0;
    optimizeUmapLayout(graph, init, { dims: 2, epochs: 50, onEpoch: (epoch) => (seen = epoch) < 7 });
    expect(seen).toBe(7);
  });
});
