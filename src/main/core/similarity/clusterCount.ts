import { gramRows } from './gramKernel';
import { sphericalKMeans, type KMeansResult } from './sphericalKMeans';

/**
 * How many topics a set of documents has. Small libraries (where a wrong k is most visible: three
 * topics drawn as two blocks) try every k from 2 to 10 and keep the one with the best silhouette;
 * large ones use about sqrt(n/2), at most 50, where a few clusters more or less change little and a
 * search over k would cost seconds.
 */
export const SEARCH_K_UP_TO = 300;
/** k-means starts per candidate k in that search. */
const RESTARTS = 5;

/** Clusters with an automatically chosen k (see above); deterministic for a given seed. */
export function clusterWithAutoK(data: Float32Array, rows: number, dims: number, seed = 1): KMeansResult {
  if (rows < 3) return sphericalKMeans(data, rows, dims, { k: 1, seed });
  if (rows > SEARCH_K_UP_TO) {
    const k = Math.max(2, Math.min(50, Math.round(Math.sqrt(rows / 2))));
    return sphericalKMeans(data, rows, dims, { k, seed });
  }
  const sims = new Float32Array(rows * rows);
  gramRows({ a: data, b: data, bRows: rows, dims, symmetric: true, rowStart: 0, rowEnd: rows, out: sims });
  let best: { fit: KMeansResult; score: number } | null = null;
  for (let k = 2; k <= Math.min(10, rows - 1); k++) {
    // Best of a few starts: one unlucky k-means++ start splits a topic and merges two others, and
    // then a wrong k wins the silhouette contest.
    let fit = sphericalKMeans(data, rows, dims, { k, seed });
    for (let restart = 1; restart < RESTARTS; restart++) {
      const again = sphericalKMeans(data, rows, dims, { k, seed: seed + 1000 * restart });
      if (again.cohesion > fit.cohesion) fit = again;
    }
    const score = silhouette(sims, rows, fit.assignment, fit.k);
    // A higher k must earn its place: near-ties go to the smaller k.
    if (!best || score > best.score + 1e-3) best = { fit, score };
  }
  return (best as { fit: KMeansResult }).fit;
}

/**
 * Mean silhouette with cosine distance (1 - similarity) from a full similarity matrix: per row,
 * (b - a) / max(a, b) with a = mean distance to its own cluster, b = the smallest mean distance to
 * another cluster. Rows alone in their cluster score 0 (the usual convention), so k = n wins nothing.
 */
export function silhouette(sims: Float32Array, rows: number, assignment: Int32Array, k: number): number {
  if (k < 2) return 0;
  const sizes = new Int32Array(k);
  for (let i = 0; i < rows; i++) sizes[assignment[i] as number]! += 1;
  const sumTo = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const own = assignment[i] as number;
    if ((sizes[own] as number) < 2) continue;
    sumTo.fill(0);
    for (let j = 0; j < rows; j++) {
      if (j !== i) sumTo[assignment[j] as number]! += 1 - (sims[i * rows + j] as number);
    }
    const a = (sumTo[own] as number) / ((sizes[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (sizes[c] as number) > 0) b = Math.min(b, (sumTo[c] as number) / (sizes[c] as number));
    const denom = Math.max(a, b);
    if (Number.isFinite(b) && denom > 0) total += (b - a) / denom;
  }
  return total / rows;
}
