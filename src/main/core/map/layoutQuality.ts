import { sampleIndices, seededRandom } from '../math/seededRandom';
import { lowerBound } from '../math/lowerBound';

/**
 * How faithfully a low-dimensional layout keeps the neighbourhoods of the original vectors
 * (Venna & Kaski). With U_i the layout's k nearest neighbours of i that are not among its k nearest in
 * the original space, and r(i, j) the rank of j among i's original neighbours:
 *
 *   trustworthiness(k) = 1 - 2 / (m k (2n - 3k - 1)) * sum_i sum_{j in U_i} (r(i, j) - k)
 *
 * It punishes points that look close on the map but are not. Continuity swaps the roles (close in the
 * data, torn apart on the map). Both are 1 for a perfect layout; m is the number of sampled points i.
 * Original distances are cosine (vectors are unit length), layout distances Euclidean.
 */
export interface LayoutQuality {
  trustworthiness: number;
  continuity: number;
  k: number;
  /** Points the measure was averaged over. */
  sampled: number;
}

/** The k nearest (self excluded) by a distance row; ties broken by index. */
function nearest(row: Float32Array, k: number, self: number): Int32Array {
  const order = Int32Array.from({ length: row.length }, (_, i) => i).filter((i) => i !== self);
  const kth = Float32Array.from(order, (i) => row[i] as number).sort()[k - 1] as number;
  const out: number[] = [];
  for (const i of order) if ((row[i] as number) < kth) out.push(i);
  for (const i of order) if (out.length < k && row[i] === kth) out.push(i);
  return Int32Array.from(out);
}

/**
 * Trustworthiness and continuity at k, averaged over up to `sample` points (all when fewer), each
 * compared against every other point. O(sample * n * d).
 */
export function layoutQuality(
  vectors: Float32Array,
  dims: number,
  coords: Float32Array,
  layoutDims: number,
  k = 10,
  sample = 1000,
  seed = 3,
): LayoutQuality {
  const n = coords.length / layoutDims;
  if (n < 2 * k + 2) throw new Error(`layoutQuality needs more than ${2 * k + 1} points, got ${n}`);
  const rows = sampleIndices(n, sample, seededRandom(seed));
  const high = new Float32Array(n);
  const low = new Float32Array(n);
  let trustPenalty = 0;
  let continuityPenalty = 0;
  for (const i of rows) {
    const qi = i * dims;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      const qj = j * dims;
      for (let c = 0; c < dims; c++) dot += (vectors[qi + c] as number) * (vectors[qj + c] as number);
      high[j] = 1 - dot;
      let d2 = 0;
      for (let c = 0; c < layoutDims; c++) {
        const diff = (coords[i * layoutDims + c] as number) - (coords[j * layoutDims + c] as number);
        d2 += diff * diff;
      }
      low[j] = d2;
    }
    high[i] = -Infinity;
    low[i] = -Infinity;
    const highSorted = Float32Array.from(high).sort();
    const lowSorted = Float32Array.from(low).sort();
    const highNear = new Set(nearest(high, k, i));
    const lowNear = new Set(nearest(low, k, i));
    // Rank = 1 + points strictly closer (self, at -Infinity, stands in for the "1 +").
    for (const j of lowNear)
      if (!highNear.has(j)) trustPenalty += Math.max(0, lowerBound(highSorted, high[j] as number) - k);
    for (const j of highNear)
      if (!lowNear.has(j)) continuityPenalty += Math.max(0, lowerBound(lowSorted, low[j] as number) - k);
  }
  const scale = 2 / (rows.length * k * (2 * n - 3 * k - 1));
  return {
    trustworthiness: 1 - scale * trustPenalty,
    continuity: 1 - scale * continuityPenalty,
    k,
    sampled: rows.length,
  };
}
