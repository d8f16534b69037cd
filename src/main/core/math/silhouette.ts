/**
 * Mean silhouette of a clustering: for each point, a = mean distance to its own cluster, b = the
 * smallest mean distance to another cluster, s = (b - a) / max(a, b). In [-1, 1]; higher means tighter,
 * better separated clusters. O(n^2 d) time and n^2 floats of memory: callers pass a sample.
 */
export type DistanceKind = 'euclidean' | 'cosine';

export function silhouette(
  data: Float32Array,
  n: number,
  dims: number,
  assignments: Int32Array,
  k: number,
  distance: DistanceKind = 'euclidean',
): number {
  if (k < 2 || n < 3) return 0;
  return silhouetteFromDistances(pairwiseDistances(data, n, dims, distance), n, assignments, k);
}

/** Pairwise distances of `n` rows (row-major n x n), computed once to score many clusterings. */
export function pairwiseDistances(
  data: Float32Array,
  n: number,
  dims: number,
  distance: DistanceKind = 'euclidean',
): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = rowDistance(data, i, j, dims, distance);
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}

/** The mean silhouette from a precomputed distance matrix (see pairwiseDistances). */
export function silhouetteFromDistances(
  distances: Float32Array,
  n: number,
  assignments: Int32Array,
  k: number,
): number {
  if (k < 2 || n < 3) return 0;
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++)
    sizes[assignments[i] as number] = (sizes[assignments[i] as number] as number) + 1;
  const sums = new Float64Array(k);
  let total = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const cj = assignments[j] as number;
      sums[cj] = (sums[cj] as number) + (distances[row + j] as number);
    }
    counted++;
    const own = assignments[i] as number;
    if ((sizes[own] as number) <= 1) continue;
    const a = (sums[own] as number) / ((sizes[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || (sizes[c] as number) === 0) continue;
      b = Math.min(b, (sums[c] as number) / (sizes[c] as number));
    }
    if (b === Infinity) {
      counted--;
      continue;
    }
    total += (b - a) / Math.max(a, b, 1e-12);
  }
  return counted > 0 ? total / counted : 0;
}

function rowDistance(data: Float32Array, i: number, j: number, dims: number, distance: DistanceKind): number {
  if (distance === 'cosine') {
    let dot = 0;
    for (let c = 0; c < dims; c++) dot += (data[i * dims + c] as number) * (data[j * dims + c] as number);
    return 1 - dot;
  }
  let sum = 0;
  for (let c = 0; c < dims; c++) {
    const diff = (data[i * dims + c] as number) - (data[j * dims + c] as number);
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/**
 * The mean cosine silhouette from a full similarity matrix of unit rows (distance = 1 - similarity),
 * for callers that already hold the Gram matrix.
 */
export function silhouetteFromSimilarities(
  sims: Float32Array,
  n: number,
  assignments: Int32Array,
  k: number,
): number {
  const distances = new Float32Array(sims.length);
  for (let i = 0; i < sims.length; i++) distances[i] = 1 - (sims[i] as number);
  for (let i = 0; i < n; i++) distances[i * n + i] = 0;
  return silhouetteFromDistances(distances, n, assignments, k);
}
