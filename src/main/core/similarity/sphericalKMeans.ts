import { gramRows } from './gramKernel';
import { normalizeRows } from './modelSpace';
import { seededRandom } from '../map/seededRandom';

/**
 * Spherical k-means (cosine k-means) for grouping document vectors into topics: centroids are
 * re-normalised means, points go to the centroid with the highest dot product. The assignment step is
 * a points x centroids product, so it runs on the tiled kernel. Seeded k-means++ start, so the same
 * library gives the same clusters every time (a heatmap that reshuffles on reload is useless).
 */

export interface KMeansOptions {
  k: number;
  seed?: number;
  maxIterations?: number;
  /** Fit on at most this many evenly spaced rows, then assign every row once (default 4,000). */
  sampleSize?: number;
}

export interface KMeansResult {
  /** Cluster of each row, 0..k-1 (every cluster has at least one row). */
  assignment: Int32Array;
  /** k unit-length centroids, row-major. */
  centroids: Float32Array;
  k: number;
  iterations: number;
  /** Sum over the fitted rows of the cosine to their centroid (higher is a tighter fit). */
  cohesion: number;
}

/** Clusters `rows` unit vectors of `dims` floats into at most `k` groups. */
export function sphericalKMeans(
  data: Float32Array,
  rows: number,
  dims: number,
  options: KMeansOptions,
): KMeansResult {
  const k = Math.max(1, Math.min(options.k, rows));
  const random = seededRandom(options.seed ?? 1);
  const maxIterations = options.maxIterations ?? 25;
  const sampleSize = Math.min(rows, options.sampleSize ?? 4000);
  const sample = sampleRows(data, rows, dims, sampleSize);
  const centroids = plusPlusStart(sample, sampleSize, dims, k, random);
  const sims = new Float32Array(sampleSize * k);
  const assignment = new Int32Array(sampleSize).fill(-1);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    similaritiesToCentroids(sample, sampleSize, centroids, k, dims, sims);
    let moved = 0;
    for (let i = 0; i < sampleSize; i++) {
      const best = argmaxRow(sims, i, k);
      if (best !== assignment[i]) moved++;
      assignment[i] = best;
    }
    recomputeCentroids(sample, sampleSize, dims, assignment, centroids, k, sims);
    if (moved === 0) break;
  }
  let cohesion = 0;
  similaritiesToCentroids(sample, sampleSize, centroids, k, dims, sims);
  for (let i = 0; i < sampleSize; i++) cohesion += sims[i * k + (assignment[i] as number)] as number;
  if (sampleSize === rows) return { assignment, centroids, k, iterations, cohesion };
  // Assign every row to the centroids fitted on the sample.
  const all = new Int32Array(rows);
  const block = 1024;
  const blockSims = new Float32Array(block * k);
  for (let start = 0; start < rows; start += block) {
    const end = Math.min(rows, start + block);
    const part = data.subarray(start * dims, end * dims);
    similaritiesToCentroids(part, end - start, centroids, k, dims, blockSims);
    for (let i = start; i < end; i++) all[i] = argmaxRow(blockSims, i - start, k);
  }
  return { assignment: all, centroids, k, iterations, cohesion };
}

/** out[i * k + c] = dot(row i of `a`, centroid c) for the first `rows` rows of `a`. */
function similaritiesToCentroids(
  a: Float32Array,
  rows: number,
  centroids: Float32Array,
  k: number,
  dims: number,
  out: Float32Array,
): void {
  gramRows({ a, b: centroids, bRows: k, dims, symmetric: false, rowStart: 0, rowEnd: rows, out });
}

function argmaxRow(sims: Float32Array, row: number, k: number): number {
  let best = 0;
  let bestSim = -Infinity;
  for (let c = 0; c < k; c++) {
    const s = sims[row * k + c] as number;
    if (s > bestSim) {
      bestSim = s;
      best = c;
    }
  }
  return best;
}

/** Evenly spaced rows (every row when the sample is the whole set). */
function sampleRows(data: Float32Array, rows: number, dims: number, size: number): Float32Array {
  if (size === rows) return data;
  const out = new Float32Array(size * dims);
  for (let s = 0; s < size; s++) {
    const r = Math.floor((s * rows) / size);
    out.set(data.subarray(r * dims, (r + 1) * dims), s * dims);
  }
  return out;
}

/** k-means++: each next centroid is drawn with probability proportional to its distance (1 - cos). */
function plusPlusStart(
  data: Float32Array,
  rows: number,
  dims: number,
  k: number,
  random: () => number,
): Float32Array {
  const centroids = new Float32Array(k * dims);
  const nearest = new Float64Array(rows).fill(Infinity);
  let pick = Math.floor(random() * rows);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * dims, (pick + 1) * dims), c * dims);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let d = 0; d < dims; d++)
        s += (data[i * dims + d] as number) * (centroids[c * dims + d] as number);
      const dist = Math.max(0, 1 - s);
      if (dist < (nearest[i] as number)) nearest[i] = dist;
      total += nearest[i] as number;
    }
    if (total <= 0) {
      pick = Math.floor(random() * rows); // all points coincide with a centroid: any pick will do
      continue;
    }
    let target = random() * total;
    pick = rows - 1;
    for (let i = 0; i < rows; i++) {
      target -= nearest[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

/**
 * Centroid = normalised mean of its rows. An empty cluster takes over the row that fits its own
 * centroid worst, so k clusters stay k clusters.
 */
function recomputeCentroids(
  data: Float32Array,
  rows: number,
  dims: number,
  assignment: Int32Array,
  centroids: Float32Array,
  k: number,
  sims: Float32Array,
): void {
  centroids.fill(0);
  const counts = new Int32Array(k);
  for (let i = 0; i < rows; i++) {
    const c = assignment[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let d = 0; d < dims; d++)
      centroids[c * dims + d] = (centroids[c * dims + d] as number) + (data[i * dims + d] as number);
  }
  for (let c = 0; c < k; c++) {
    if ((counts[c] as number) > 0) continue;
    let worst = -1;
    let worstSim = Infinity;
    for (let i = 0; i < rows; i++) {
      const own = assignment[i] as number;
      const s = sims[i * k + own] as number;
      if ((counts[own] as number) > 1 && s < worstSim) {
        worstSim = s;
        worst = i;
      }
    }
    if (worst < 0) continue;
    const from = assignment[worst] as number;
    counts[from] = (counts[from] as number) - 1;
    for (let d = 0; d < dims; d++)
      centroids[from * dims + d] =
        (centroids[from * dims + d] as number) - (data[worst * dims + d] as number);
    centroids.set(data.subarray(worst * dims, (worst + 1) * dims), c * dims);
    counts[c] = 1;
    assignment[worst] = c;
    sims[worst * k + c] = 1;
  }
  normalizeRows(centroids, dims);
}
