import { gramRows } from './gramKernel';
import { seededRandom } from './seededRandom';
import { normalizeRows, pickRows } from './vectorRows';

/**
 * The one k-means of the code base: Lloyd's iterations from a greedy k-means++ start, on row-major
 * float vectors, with two metrics:
 *  - 'euclidean' (squared Euclidean distance, centroids are means): for PCA reductions, where Euclidean
 *    distance is what the reduction preserves;
 *  - 'cosine' (spherical k-means: distance 1 - dot, centroids are re-normalised means): for unit
 *    document vectors; the assignment step is a points x centroids product on the tiled kernel.
 * Seeded, so the same vectors give the same clusters every time (a heatmap or map that reshuffles on
 * reload is useless).
 */
export type KMeansMetric = 'euclidean' | 'cosine';

export interface KMeansResult {
  k: number;
  /** k x dims, row-major (unit rows for 'cosine'). */
  centroids: Float32Array;
  /** Cluster of each row, 0..k-1. */
  assignments: Int32Array;
  /** Sum over the fitted rows of the distance to their centroid (lower is a tighter fit). */
  inertia: number;
  iterations: number;
}

export interface KMeansOptions {
  seed?: number;
  maxIterations?: number;
  /** Start from these centroids instead of k-means++ (e.g. centroids fitted on a sample). */
  initial?: Float32Array;
  /** Default 'euclidean'. 'cosine' expects unit rows. */
  metric?: KMeansMetric;
  /** Fit on at most this many evenly spaced rows, then assign every row once (default: all rows). */
  sampleSize?: number;
}

export function squaredDistance(
  a: Float32Array,
  ai: number,
  b: Float32Array,
  bi: number,
  dims: number,
): number {
  let sum = 0;
  for (let c = 0; c < dims; c++) {
    const diff = (a[ai + c] as number) - (b[bi + c] as number);
    sum += diff * diff;
  }
  return sum;
}

function cosineDistance(a: Float32Array, ai: number, b: Float32Array, bi: number, dims: number): number {
  let dot = 0;
  for (let c = 0; c < dims; c++) dot += (a[ai + c] as number) * (b[bi + c] as number);
  return Math.max(0, 1 - dot);
}

type Distance = typeof squaredDistance;

/** Index of the centroid nearest to row `row` of `data` (squared Euclidean distance). */
export function nearestCentroid(
  data: Float32Array,
  row: number,
  centroids: Float32Array,
  k: number,
  dims: number,
): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < k; c++) {
    const d = squaredDistance(data, row * dims, centroids, c * dims, dims);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/**
 * Greedy k-means++ (scikit-learn's default): each next seed is the best of 2 + ln(k) candidates drawn
 * with probability proportional to their distance to the nearest seed, "best" meaning the one that
 * lowers the total distance most. Far less likely than plain k-means++ to start two seeds in one group
 * and none in another, which would make that k look worse than it is.
 */
function seedCentroids(
  data: Float32Array,
  n: number,
  dims: number,
  k: number,
  random: () => number,
  distance: Distance,
): Float32Array {
  const centroids = new Float32Array(k * dims);
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * dims, (first + 1) * dims), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = distance(data, i * dims, centroids, 0, dims);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDistances = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += closest[i] as number;
    let bestPick = Math.floor(random() * n); // every point sits on a seed: any pick will do
    let bestPotential = Infinity;
    let bestDistances: Float64Array | null = null;
    for (let t = 0; t < trials && total > 0; t++) {
      let target = random() * total;
      let pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= closest[i] as number;
        if (target <= 0) {
          pick = i;
          break;
        }
      }
      let potential = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.min(closest[i] as number, distance(data, i * dims, data, pick * dims, dims));
        candidateDistances[i] = d;
        potential += d;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestPick = pick;
        bestDistances = Float64Array.from(candidateDistances);
      }
    }
    centroids.set(data.subarray(bestPick * dims, (bestPick + 1) * dims), c * dims);
    if (bestDistances) closest.set(bestDistances);
  }
  return centroids;
}

/**
 * Nearest centroid and its distance for every row. Cosine goes through the tiled kernel in blocks of
 * rows (the products are the whole cost); Euclidean loops, as its inputs are small PCA reductions.
 */
function assign(
  data: Float32Array,
  n: number,
  dims: number,
  centroids: Float32Array,
  k: number,
  metric: KMeansMetric,
  assignments: Int32Array,
  distances: Float64Array,
): void {
  if (metric === 'euclidean') {
    for (let i = 0; i < n; i++) {
      const c = nearestCentroid(data, i, centroids, k, dims);
      assignments[i] = c;
      distances[i] = squaredDistance(data, i * dims, centroids, c * dims, dims);
    }
    return;
  }
  const block = 1024;
  const sims = new Float32Array(Math.min(block, n) * k);
  for (let start = 0; start < n; start += block) {
    const end = Math.min(n, start + block);
    const part = data.subarray(start * dims, end * dims);
    gramRows({
      a: part,
      b: centroids,
      bRows: k,
      dims,
      symmetric: false,
      rowStart: 0,
      rowEnd: end - start,
      out: sims,
    });
    for (let i = start; i < end; i++) {
      const row = (i - start) * k;
      let best = 0;
      let bestSim = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = sims[row + c] as number;
        if (s > bestSim) {
          bestSim = s;
          best = c;
        }
      }
      assignments[i] = best;
      distances[i] = Math.max(0, 1 - bestSim);
    }
  }
}

/** Clusters `n` rows of `dims` floats into k groups (k is capped at n; every cluster keeps a row). */
export function kmeans(
  data: Float32Array,
  n: number,
  dims: number,
  kWanted: number,
  options: KMeansOptions = {},
): KMeansResult {
  if (kWanted < 1 || n < 1) throw new Error(`k-means: k = ${kWanted} with ${n} points`);
  const k = Math.min(kWanted, n);
  const metric = options.metric ?? 'euclidean';
  const distance = metric === 'cosine' ? cosineDistance : squaredDistance;
  const random = seededRandom(options.seed ?? 11);
  const sampleSize = Math.min(n, options.sampleSize ?? n);
  const sample =
    sampleSize === n
      ? data
      : pickRows(
          data,
          dims,
          Int32Array.from({ length: sampleSize }, (_, s) => Math.floor((s * n) / sampleSize)),
        );
  const centroids = options.initial
    ? Float32Array.from(options.initial)
    : seedCentroids(sample, sampleSize, dims, k, random, distance);
  const assignments = new Int32Array(sampleSize).fill(-1);
  const next = new Int32Array(sampleSize);
  const distances = new Float64Array(sampleSize);
  const sums = new Float64Array(k * dims);
  const counts = new Int32Array(k);
  let inertia = 0;
  let iterations = 0;
  const maxIterations = options.maxIterations ?? 50;
  for (; iterations < maxIterations; iterations++) {
    assign(sample, sampleSize, dims, centroids, k, metric, next, distances);
    let changed = 0;
    inertia = 0;
    for (let i = 0; i < sampleSize; i++) {
      inertia += distances[i] as number;
      if (assignments[i] !== next[i]) changed++;
      assignments[i] = next[i] as number;
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < sampleSize; i++) {
      const c = assignments[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let d = 0; d < dims; d++)
        sums[c * dims + d] = (sums[c * dims + d] as number) + (sample[i * dims + d] as number);
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes the point worst served by its centroid, so k clusters stay k.
        let far = 0;
        for (let i = 1; i < sampleSize; i++)
          if ((distances[i] as number) > (distances[far] as number)) far = i;
        distances[far] = 0;
        centroids.set(sample.subarray(far * dims, (far + 1) * dims), c * dims);
        continue;
      }
      for (let d = 0; d < dims; d++)
        centroids[c * dims + d] = (sums[c * dims + d] as number) / (counts[c] as number);
    }
    if (metric === 'cosine') normalizeRows(centroids, dims);
  }
  if (sampleSize === n) return { k, centroids, assignments, inertia, iterations };
  // Assign every row to the centroids fitted on the sample.
  const all = new Int32Array(n);
  assign(data, n, dims, centroids, k, metric, all, new Float64Array(n));
  return { k, centroids, assignments: all, inertia, iterations };
}
