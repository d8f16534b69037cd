import { kmeans, nearestCentroid } from '../math/kmeans';
import { fitPca, projectPca, type PcaTransform } from '../math/pca';
import { sampleIndices, seededRandom } from '../math/seededRandom';
import { pairwiseDistances, silhouetteFromDistances } from '../math/silhouette';
import { pickRows } from '../math/vectorRows';

/**
 * Topic clusters for the map: k-means on a PCA reduction of the embeddings, k chosen automatically by
 * the silhouette over a range of k, on a sample. The model (reduction + centroids) is stored with the
 * layout, so documents added later join the cluster whose centroid is nearest.
 *
 * Why the reduction: measured with bench/map.ts --quality (silhouette on the full vectors, cosine,
 * k as chosen by the silhouette alone), k-means on PCA-32 vs on the full 512-d use-lite vectors:
 * Cranfield 1,400 abstracts 0.174 vs 0.174 (1.6 s vs 11.7 s), 322 texlive PDFs 0.371 vs 0.370 (0.6 s vs
 * 1.2 s), their 94k passages 0.214 vs 0.217 (4.1 s vs 18.4 s): the same clusters, 2-7x faster. Why
 * k-means and not HDBSCAN: every point gets a cluster and a coloured, labelled place on the map, new
 * points join by nearest centroid, and there is no density threshold to tune per collection; HDBSCAN
 * was not built (no maintained JS implementation to build on, and its noise label leaves many
 * text-embedding points uncoloured).
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

/** Mean silhouette below which clusters are not "substantial structure" (Kaufman & Rousseeuw). */
const WEAK_STRUCTURE = 0.25;

/** k-means runs per candidate k while choosing k (scikit-learn's n_init). */
const RESTARTS = 2;

const CANDIDATE_K = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40];

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
  const candidates: Array<{ k: number; silhouette: number; centroids: Float32Array }> = [];
  let best: (typeof candidates)[number] | null = null;
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
    candidates.push({ k, silhouette: score, centroids: fit.centroids });
    if (!best || score > best.silhouette)
      best = candidates[candidates.length - 1] as (typeof candidates)[number];
  }
  // Below 0.25 the silhouette says the data has no substantial cluster structure (Kaufman &
  // Rousseeuw), and on text embeddings it then peaks at k = 2 or 3 (Cranfield, texlive: see
  // bench/map.ts --quality), a map with two labels that says nothing. In that case take the best k
  // among readable numbers of clusters: at least sqrt(n / 10), up to 12.
  if (best && best.silhouette < WEAK_STRUCTURE) {
    const floor = Math.min(12, Math.max(2, Math.round(Math.sqrt(n / 10))));
    const readable = candidates.filter((c) => c.k >= floor);
    if (readable.length > 0) best = readable.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
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
