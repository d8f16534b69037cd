import { seededRandom } from './seededRandom';

/**
 * Lloyd's k-means with k-means++ seeding on row-major float vectors (squared Euclidean distance). Used
 * on a PCA reduction of the embeddings (clusterPoints.ts), where Euclidean distance is what the
 * reduction preserves.
 */
export interface KMeansResult {
  k: number;
  /** k x dims, row-major. */
  centroids: Float32Array;
  assignments: Int32Array;
  /** Sum of squared distances to the assigned centroid. */
  inertia: number;
  iterations: number;
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

/** Index of the centroid nearest to row `row` of `data`. */
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
 * with probability proportional to their squared distance to the nearest seed, "best" meaning the one
 * that lowers the total squared distance most. Far less likely than plain k-means++ to start two seeds
 * in one group and none in another, which would make that k look worse than it is.
 */
function seedCentroids(
  data: Float32Array,
  n: number,
  dims: number,
  k: number,
  random: () => number,
): Float32Array {
  const centroids = new Float32Array(k * dims);
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * dims, (first + 1) * dims), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(data, i * dims, centroids, 0, dims);
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDistances = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += closest[i] as number;
    let bestPick = -1;
    let bestPotential = Infinity;
    let bestDistances: Float64Array | null = null;
    for (let t = 0; t < trials; t++) {
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
        const d = Math.min(closest[i] as number, squaredDistance(data, i * dims, data, pick * dims, dims));
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

export interface KMeansOptions {
  seed?: number;
  maxIterations?: number;
  /** Start from these centroids instead of k-means++ (e.g. centroids fitted on a sample). */
  initial?: Float32Array;
}

export function kmeans(
  data: Float32Array,
  n: number,
  dims: number,
  k: number,
  options: KMeansOptions = {},
): KMeansResult {
  if (k < 1 || k > n) throw new Error(`k-means: k = ${k} with ${n} points`);
  const random = seededRandom(options.seed ?? 11);
  const centroids = options.initial
    ? Float32Array.from(options.initial)
    : seedCentroids(data, n, dims, k, random);
  const assignments = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * dims);
  const counts = new Int32Array(k);
  let inertia = 0;
  let iterations = 0;
  const maxIterations = options.maxIterations ?? 50;
  for (; iterations < maxIterations; iterations++) {
    let changed = 0;
    inertia = 0;
    const distances = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = nearestCentroid(data, i, centroids, k, dims);
      distances[i] = squaredDistance(data, i * dims, centroids, c * dims, dims);
      inertia += distances[i] as number;
      if (assignments[i] !== c) changed++;
      assignments[i] = c;
    }
    if (changed === 0) break;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignments[i] as number;
      counts[c] = (counts[c] as number) + 1;
      for (let d = 0; d < dims; d++)
        sums[c * dims + d] = (sums[c * dims + d] as number) + (data[i * dims + d] as number);
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) {
        // An empty cluster takes the point worst served by its centroid.
        let far = 0;
        for (let i = 1; i < n; i++) if ((distances[i] as number) > (distances[far] as number)) far = i;
        distances[far] = 0;
        centroids.set(data.subarray(far * dims, (far + 1) * dims), c * dims);
        continue;
      }
      for (let d = 0; d < dims; d++)
        centroids[c * dims + d] = (sums[c * dims + d] as number) / (counts[c] as number);
    }
  }
  return { k, centroids, assignments, inertia, iterations };
}
