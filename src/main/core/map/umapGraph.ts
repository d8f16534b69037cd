/**
 * UMAP's fuzzy simplicial set, built from a precomputed k-nearest-neighbour table (the neighbours come
 * from USearch, see nearestNeighbours.ts) in flat typed arrays.
 *
 * The maths is umap-learn's (and umap-js's): per point, rho = distance to the nearest neighbour and a
 * bandwidth sigma such that sum_j exp(-(d_j - rho) / sigma) = log2(k + 1); membership
 * w_ij = exp(-(d_ij - rho_i) / sigma_i); then the fuzzy union W = A + A^T - A o A^T. umap-js holds these
 * matrices in Maps keyed by "row:col" strings, which took 17 s and ~400 MB at 20k points here and grows
 * past the 100k budget; CSR arrays do the same in well under a second.
 */

/** k nearest neighbours of each of n points, nearest first, self excluded; -1 marks a missing one. */
export interface Knn {
  n: number;
  k: number;
  /** n x k neighbour indices. */
  indices: Int32Array;
  /** n x k distances (cosine distance 1 - similarity for unit vectors). */
  distances: Float32Array;
}

/** A symmetric weighted graph as a list of directed edges (each undirected edge appears both ways). */
export interface FuzzyGraph {
  n: number;
  heads: Int32Array;
  tails: Int32Array;
  weights: Float32Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/** Per-point rho and sigma (umap-learn's smooth_knn_dist with local_connectivity = 1). */
export function smoothKnnDistances(knn: Knn): { sigmas: Float32Array; rhos: Float32Array } {
  const { n, k, indices, distances } = knn;
  const target = Math.log2(k + 1);
  const sigmas = new Float32Array(n);
  const rhos = new Float32Array(n);
  let globalSum = 0;
  let globalCount = 0;
  for (let i = 0; i < n * k; i++) {
    if ((indices[i] as number) >= 0) {
      globalSum += distances[i] as number;
      globalCount++;
    }
  }
  const globalMean = globalCount > 0 ? globalSum / globalCount : 0;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let rho = 0;
    let rowSum = 0;
    let rowCount = 0;
    for (let j = 0; j < k; j++) {
      if ((indices[base + j] as number) < 0) continue;
      const d = distances[base + j] as number;
      rowSum += d;
      rowCount++;
      if (rho === 0 && d > 0) rho = d;
    }
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let iter = 0; iter < 64; iter++) {
      let psum = 0;
      for (let j = 0; j < k; j++) {
        if ((indices[base + j] as number) < 0) continue;
        const d = (distances[base + j] as number) - rho;
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho > 0 && rowCount > 0 ? rowSum / rowCount : globalMean);
    sigmas[i] = Math.max(mid, floor);
    rhos[i] = rho;
  }
  return { sigmas, rhos };
}

/** The fuzzy union of the directed membership graph and its transpose. */
export function fuzzySimplicialSet(knn: Knn): FuzzyGraph {
  const { n, k, indices, distances } = knn;
  const { sigmas, rhos } = smoothKnnDistances(knn);
  // Directed memberships A (row i: its k neighbours).
  const a = new Float32Array(n * k);
  const inDegree = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const at = i * k + j;
      const col = indices[at] as number;
      if (col < 0 || col === i) continue;
      const d = (distances[at] as number) - (rhos[i] as number);
      a[at] = d <= 0 ? 1 : Math.exp(-d / (sigmas[i] as number));
      inDegree[col + 1] = (inDegree[col + 1] as number) + 1;
    }
  }
  // A^T in CSR form: for each column j, the rows i that list j, with A_ij (a counting sort).
  for (let i = 0; i < n; i++) inDegree[i + 1] = (inDegree[i + 1] as number) + (inDegree[i] as number);
  const revStart = inDegree;
  const revRows = new Int32Array(revStart[n] as number);
  const revVals = new Float32Array(revStart[n] as number);
  const fill = revStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const at = i * k + j;
      const col = indices[at] as number;
      if (col < 0 || col === i) continue;
      const slot = fill[col] as number;
      fill[col] = slot + 1;
      revRows[slot] = i;
      revVals[slot] = a[at] as number;
    }
  }
  // Row i of W: its own neighbours merged with the points that list it (w = x + y - x * y).
  const heads: number[] = [];
  const tails: number[] = [];
  const weights: number[] = [];
  const slotOf = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const start = heads.length;
    for (let j = 0; j < k; j++) {
      const at = i * k + j;
      const col = indices[at] as number;
      if (col < 0 || col === i || (slotOf[col] as number) >= 0) continue;
      slotOf[col] = heads.length;
      heads.push(i);
      tails.push(col);
      weights.push(a[at] as number);
    }
    for (let r = revStart[i] as number; r < (revStart[i + 1] as number); r++) {
      const other = revRows[r] as number;
      const y = revVals[r] as number;
      const slot = slotOf[other] as number;
      if (slot >= 0) {
        const x = weights[slot] as number;
        weights[slot] = x + y - x * y;
      } else {
        slotOf[other] = heads.length;
        heads.push(i);
        tails.push(other);
        weights.push(y);
      }
    }
    for (let e = start; e < heads.length; e++) slotOf[tails[e] as number] = -1;
  }
  return {
    n,
    heads: Int32Array.from(heads),
    tails: Int32Array.from(tails),
    weights: Float32Array.from(weights),
  };
}
