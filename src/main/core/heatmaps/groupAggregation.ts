/**
 * Mean similarity between groups of vectors (clusters, time windows) without the n x n matrix.
 *
 * For unit rows x_i, the mean cosine over all pairs (a in A, b in B) is
 *   (sum_A . sum_B) / (|A| |B|)                                  for A != B,
 *   (|sum_A|^2 - sum_{a in A} |x_a|^2) / (|A| (|A| - 1))          for A == B (pairs of distinct rows),
 * so a cluster-level heatmap of a 100k-chunk library costs one pass over the rows plus g x g dots
 * instead of an n x n matrix. A group with one row has no pairs: its diagonal is NaN (drawn as a gap).
 */

export interface GroupSums {
  groups: number;
  dims: number;
  /** Row-major g x dims sums of the rows in each group. */
  sums: Float64Array;
  /** Rows in each group. */
  counts: Int32Array;
  /** Sum of |x|^2 over each group's rows (1 per unit row, 0 per zero row). */
  selfDots: Float64Array;
}

/** Sums the rows of each group; rows whose group is negative are left out. */
export function groupSums(
  data: Float32Array,
  rows: number,
  dims: number,
  groupOf: Int32Array,
  groups: number,
): GroupSums {
  const sums = new Float64Array(groups * dims);
  const counts = new Int32Array(groups);
  const selfDots = new Float64Array(groups);
  for (let i = 0; i < rows; i++) {
    const g = groupOf[i] as number;
    if (g < 0) continue;
    counts[g] = (counts[g] as number) + 1;
    let self = 0;
    for (let d = 0; d < dims; d++) {
      const x = data[i * dims + d] as number;
      sums[g * dims + d] = (sums[g * dims + d] as number) + x;
      self += x * x;
    }
    selfDots[g] = (selfDots[g] as number) + self;
  }
  return { groups, dims, sums, counts, selfDots };
}

/** g x g mean pairwise similarity (row-major Float32Array). */
export function groupMeanSimilarity(s: GroupSums): Float32Array {
  const { groups: g, dims, sums, counts, selfDots } = s;
  const out = new Float32Array(g * g);
  for (let a = 0; a < g; a++) {
    for (let b = a; b < g; b++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += (sums[a * dims + d] as number) * (sums[b * dims + d] as number);
      const na = counts[a] as number;
      const nb = counts[b] as number;
      let mean: number;
      if (a === b) mean = na > 1 ? (dot - (selfDots[a] as number)) / (na * (na - 1)) : NaN;
      else mean = na > 0 && nb > 0 ? dot / (na * nb) : NaN;
      out[a * g + b] = mean;
      out[b * g + a] = mean;
    }
  }
  return out;
}

/** Cosine between the groups' mean directions (centroids), g x g. */
export function centroidSimilarity(s: GroupSums): Float32Array {
  const { groups: g, dims, sums } = s;
  const norms = new Float64Array(g);
  for (let a = 0; a < g; a++) {
    let n = 0;
    for (let d = 0; d < dims; d++) n += (sums[a * dims + d] as number) ** 2;
    norms[a] = Math.sqrt(n);
  }
  const out = new Float32Array(g * g);
  for (let a = 0; a < g; a++) {
    for (let b = a; b < g; b++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += (sums[a * dims + d] as number) * (sums[b * dims + d] as number);
      const denom = (norms[a] as number) * (norms[b] as number);
      const cos = denom > 0 ? dot / denom : NaN;
      out[a * g + b] = cos;
      out[b * g + a] = cos;
    }
  }
  return out;
}
