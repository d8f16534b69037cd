import { gramRows } from '../math/gramKernel';
import { kmeans, type KMeansResult } from '../math/kmeans';
import { silhouetteFromSimilarities } from '../math/silhouette';

/**
 * How many topics a set of documents has. Small libraries (where a wrong k is most visible: three
 * topics drawn as two blocks) try every k from 2 to 10 and keep the one with the best silhouette;
 * large ones use about sqrt(n/2), at most 50, where a few clusters more or less change little and a
 * search over k would cost seconds. Spherical k-means (cosine) on unit document vectors.
 */
export const SEARCH_K_UP_TO = 300;
/** k-means starts per candidate k in that search. */
const RESTARTS = 5;
/** Larger sets fit k-means on this many evenly spaced rows, then assign every row. */
const SAMPLE = 4000;

function fitCosine(data: Float32Array, rows: number, dims: number, k: number, seed: number): KMeansResult {
  return kmeans(data, rows, dims, k, { seed, metric: 'cosine', maxIterations: 25, sampleSize: SAMPLE });
}

/** Clusters with an automatically chosen k (see above); deterministic for a given seed. */
export function clusterWithAutoK(data: Float32Array, rows: number, dims: number, seed = 1): KMeansResult {
  if (rows < 3) return fitCosine(data, rows, dims, 1, seed);
  if (rows > SEARCH_K_UP_TO) {
    const k = Math.max(2, Math.min(50, Math.round(Math.sqrt(rows / 2))));
    return fitCosine(data, rows, dims, k, seed);
  }
  const sims = new Float32Array(rows * rows);
  gramRows({ a: data, b: data, bRows: rows, dims, symmetric: true, rowStart: 0, rowEnd: rows, out: sims });
  let best: { fit: KMeansResult; score: number } | null = null;
  for (let k = 2; k <= Math.min(10, rows - 1); k++) {
    // Best of a few starts: one unlucky k-means++ start splits a topic and merges two others, and
    // then a wrong k wins the silhouette contest.
    let fit = fitCosine(data, rows, dims, k, seed);
    for (let restart = 1; restart < RESTARTS; restart++) {
      const again = fitCosine(data, rows, dims, k, seed + 1000 * restart);
      if (again.inertia < fit.inertia) fit = again;
    }
    const score = silhouetteFromSimilarities(sims, rows, fit.assignments, fit.k);
    // A higher k must earn its place: near-ties go to the smaller k.
    if (!best || score > best.score + 1e-3) best = { fit, score };
  }
  return (best as { fit: KMeansResult }).fit;
}
