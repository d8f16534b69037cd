import type { MapQueryHit } from '../../../shared/api/methods/map';
import { pickRows } from '../math/vectorRows';
import { assignToClusters } from '../topics/clusterPoints';
import { knnAgainst } from './nearestNeighbours';
import { projectPca } from '../math/pca';
import type { PointSet } from './pointSet';
import { layoutIdFor, type StoredLayout } from './storedLayout';
import { smoothKnnDistances, type Knn } from './umapGraph';

/**
 * Keeping a layout current without moving it: points that are still in the library keep their
 * coordinates; new points (and documents whose content changed, which are new identities) are placed
 * with the layout's own transform: PCA projects them with the stored axes; UMAP puts each at the
 * weighted mean of its nearest existing points' coordinates, weighted by UMAP's own membership
 * strengths (exp(-(d - rho) / sigma)), which is how umap-learn initialises `transform`. They join the
 * cluster with the nearest centroid. "Recompute layout" (map.recompute) is the explicit way to re-fit.
 */

/** Below this share of points already on the layout, placement would be guesswork: recompute instead. */
export const MIN_KEPT_SHARE = 0.5;
/** Existing neighbours a new point is placed among. */
export const PLACEMENT_NEIGHBOURS = 10;

/** Weighted mean of neighbour coordinates for each query row of `knn`. */
function weightedPositions(
  knn: Knn,
  coords: Float32Array,
  dims: number,
  baseRow: (i: number) => number,
): Float32Array {
  const { sigmas, rhos } = smoothKnnDistances(knn);
  const out = new Float32Array(knn.n * dims);
  for (let q = 0; q < knn.n; q++) {
    let total = 0;
    for (let j = 0; j < knn.k; j++) {
      const idx = knn.indices[q * knn.k + j] as number;
      if (idx < 0) continue;
      const excess = Math.max(0, (knn.distances[q * knn.k + j] as number) - (rhos[q] as number));
      const w = Math.exp(-excess / Math.max(1e-12, sigmas[q] as number));
      const row = baseRow(idx);
      for (let c = 0; c < dims; c++)
        out[q * dims + c] = (out[q * dims + c] as number) + w * (coords[row * dims + c] as number);
      total += w;
    }
    if (total > 0) for (let c = 0; c < dims; c++) out[q * dims + c] = (out[q * dims + c] as number) / total;
  }
  return out;
}

/**
 * The stored layout brought to `points` (same order as points.ids), or null when too few of the
 * points are on it (then the layout must be recomputed).
 */
export function placeIntoLayout(stored: StoredLayout, points: PointSet): StoredLayout | null {
  const dims = stored.dims;
  const storedRow = new Map(stored.ids.map((id, i) => [id, i]));
  const keptPoint: number[] = [];
  const freshPoint: number[] = [];
  points.ids.forEach((id, i) => (storedRow.has(id) ? keptPoint : freshPoint).push(i));
  if (points.n > 0 && keptPoint.length < MIN_KEPT_SHARE * points.n) return null;
  if (freshPoint.length === 0 && keptPoint.length === stored.ids.length) {
    return stored.dataVersion === points.dataVersion
      ? stored
      : { ...stored, dataVersion: points.dataVersion };
  }
  const coords = new Float32Array(points.n * dims);
  const cluster = new Int32Array(points.n);
  for (const i of keptPoint) {
    const row = storedRow.get(points.ids[i] as string) as number;
    coords.set(stored.coords.subarray(row * dims, (row + 1) * dims), i * dims);
    cluster[i] = stored.cluster[row] as number;
  }
  if (freshPoint.length > 0) {
    const d = points.dims;
    const fresh = pickRows(points.vectors, d, freshPoint);
    let placed: Float32Array;
    if (stored.pca) {
      placed = projectPca(stored.pca, fresh, freshPoint.length);
    } else {
      const base = pickRows(points.vectors, d, keptPoint);
      const knn = knnAgainst(base, keptPoint.length, fresh, freshPoint.length, d, PLACEMENT_NEIGHBOURS);
      placed = weightedPositions(knn, coords, dims, (j) => keptPoint[j] as number);
    }
    const clusters = assignToClusters(stored.clusterModel, fresh, freshPoint.length);
    freshPoint.forEach((i, f) => {
      coords.set(placed.subarray(f * dims, (f + 1) * dims), i * dims);
      cluster[i] = clusters[f] as number;
    });
  }
  const placedCount = stored.placed + freshPoint.length;
  return {
    ...stored,
    layoutId: layoutIdFor(stored.baseId, points.dataVersion, placedCount),
    dataVersion: points.dataVersion,
    ids: points.ids,
    coords,
    cluster,
    placed: placedCount,
  };
}

/** Where a query vector lands on a layout, and its closest points (cosine over the full vectors). */
export function projectQuery(
  stored: StoredLayout,
  points: PointSet,
  query: Float32Array,
  k: number,
): { coords: Float32Array; hits: MapQueryHit[] } {
  const { n, dims: d, vectors } = points;
  const scores = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let c = 0; c < d; c++) dot += (vectors[i * d + c] as number) * (query[c] as number);
    scores[i] = dot;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const hits = order.slice(0, k).map((point) => ({ point, score: scores[point] as number }));
  if (stored.pca) return { coords: projectPca(stored.pca, query, 1), hits };
  const near = order.slice(0, Math.min(PLACEMENT_NEIGHBOURS, n));
  const knn: Knn = {
    n: 1,
    k: near.length,
    indices: Int32Array.from(near),
    distances: Float32Array.from(near, (i) => Math.max(0, 1 - (scores[i] as number))),
  };
  return { coords: weightedPositions(knn, stored.coords, stored.dims, (j) => j), hits };
}
