import { kmeans, nearestCentroid } from './kmeans';
import { fitPca, projectPca, type PcaTransform } from './pca';
import { sampleIndices, seededRandom } from './seededRandom';
import { pairwiseDistances, silhouetteFromDistances } from './silhouette';

/**
 * Topic clusters for the map: k-means on a PCA reduction of the embeddings, k chosen automatically by
 * the silhouette over a range of k, on a sample. The model (reduction + centroids) is stored with the
 * layout, so documents added later join the cluster whose centroid is nearest.
 *
 * Why this and not HDBSCAN or k-means on the full vectors: see the measurements in
 * tests/unit/analyze/README.md (silhouette on the full vectors, Cranfield and texlive). In short, the
 * 32-d reduction keeps the clusters' quality while making every k-means step 16x cheaper, and k-means
 * labels every point (HDBSCAN leaves a large share of text-embedding points as noise, which a map then
 * has to draw unlabelled).
 */
export interface ClusterModel {
  reduction: PcaTransform;
  /** k x reduction.components. */
  centroids: Float32Array;
  k: number;
}

export interface ClusterResult {
  model: ClusterModel;
  assignments: Int32Array;
  /** Silhouette (in the reduced space, on the sample) for every k tried. */
  scores: Array<{ k: number; silhouette: number }>;
}

export interface ClusterOptions {
  /** Dimensions of the PCA reduction (default 32; 0 clusters the full vectors). */
  reduceTo?: number;
  /** Points k-means and the silhouette are evaluated on while choosing k. */
  sample?: number;
  /** Largest k tried (default 30, and never more than n / 3: clusters of three points on average). */
  maxK?: number;
  seed?: number;
}

/** k-means runs per candidate k while choosing k (scikit-learn's n_init). */
const RESTARTS = 2;

const CANDIDATE_K = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40];

/** Rows of a row-major matrix picked by index, as a new matrix. */
export function pickRows(data: Float32Array, dims: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dims);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(data.subarray(r * dims, (r + 1) * dims), i * dims);
  }
  return out;
}

/** The identity "reduction" (clustering on the full vectors), in the same shape as a PCA transform. */
function identityReduction(d: number): PcaTransform {
  const basis = new Float32Array(d * d);
  for (let i = 0; i < d; i++) basis[i * d + i] = 1;
  return { inputDims: d, components: d, mean: new Float32Array(d), basis, explained: [] };
}

export function clusterPoints(
  vectors: Float32Array,
  n: number,
  d: number,
  options: ClusterOptions = {},
): ClusterResult {
  const seed = options.seed ?? 5;
  const reduceTo = options.reduceTo ?? 32;
  const reduction =
    reduceTo > 0 && reduceTo < d
      ? fitPca(vectors, n, d, Math.min(reduceTo, n), { seed })
      : identityReduction(d);
  const reduced = reduction.components === d && reduceTo === 0 ? vectors : projectPca(reduction, vectors, n);
  const r = reduction.components;
  const maxK = Math.min(options.maxK ?? 30, Math.floor(n / 3));
  if (maxK < 2) {
    const centroid = new Float32Array(r);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < r; c++) centroid[c] = (centroid[c] as number) + (reduced[i * r + c] as number) / n;
    return { model: { reduction, centroids: centroid, k: 1 }, assignments: new Int32Array(n), scores: [] };
  }
  const sampleRows = sampleIndices(n, options.sample ?? 2000, seededRandom(seed));
  const sample = pickRows(reduced, r, sampleRows);
  const s = sampleRows.length;
  // One distance matrix scores every candidate k (the sample's distances do not depend on k).
  const distances = pairwiseDistances(sample, s, r);
  const scores: ClusterResult['scores'] = [];
  let best: { k: number; silhouette: number; centroids: Float32Array } | null = null;
  for (const k of CANDIDATE_K) {
    if (k > maxK || k >= s) break;
    // Best of a few seedings: one unlucky k-means++ start merges two groups and misjudges that k.
    let fit = kmeans(sample, s, r, k, { seed: seed + k });
    for (let restart = 1; restart < RESTARTS; restart++) {
      const again = kmeans(sample, s, r, k, { seed: seed + k + 1000 * restart });
      if (again.inertia < fit.inertia) fit = again;
    }
    const score = silhouetteFromDistances(distances, s, fit.assignments, k);
    scores.push({ k, silhouette: score });
    if (!best || score > best.silhouette) best = { k, silhouette: score, centroids: fit.centroids };
  }
  const chosen = best as NonNullable<typeof best>;
  // Refine the sample's centroids on every point (a few Lloyd steps from a good start).
  const full = kmeans(reduced, n, r, chosen.k, { initial: chosen.centroids, maxIterations: 10 });
  return {
    model: { reduction, centroids: full.centroids, k: chosen.k },
    assignments: full.assignments,
    scores,
  };
}

/** Cluster of each new row under a stored model (nearest centroid in the reduced space). */
export function assignToClusters(model: ClusterModel, vectors: Float32Array, n: number): Int32Array {
  const r = model.reduction.components;
  const reduced = projectPca(model.reduction, vectors, n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = nearestCentroid(reduced, i, model.centroids, model.k, r);
  return out;
}
