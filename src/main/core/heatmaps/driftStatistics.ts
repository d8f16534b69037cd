/**
 * How much two models disagree about one document, measured on each model's own similarity matrix
 * (never across models): the documents' rows i of S_A and S_B are compared as rankings of the other
 * documents.
 *  - overlap@k: the share of the k nearest neighbours the two models have in common (1 = same set);
 *  - Spearman's rho: rank correlation of the whole row (1 = same order, -1 = reversed), ties averaged.
 */

/** Indices of the k largest values of row (length n), excluding `self`; ties go to the lower index. */
export function topK(row: ArrayLike<number>, n: number, self: number, k: number): Int32Array {
  const size = Math.min(k, n - (self >= 0 && self < n ? 1 : 0));
  const best = new Int32Array(Math.max(0, size)).fill(-1);
  const bestVal = new Float64Array(Math.max(0, size)).fill(-Infinity);
  if (size <= 0) return best;
  for (let j = 0; j < n; j++) {
    if (j === self) continue;
    const v = row[j] as number;
    if (Number.isNaN(v) || v <= (bestVal[size - 1] as number)) continue;
    // Insertion into a small sorted list (k is ~10): cheaper than a heap at this size.
    let p = size - 1;
    while (p > 0 && v > (bestVal[p - 1] as number)) {
      bestVal[p] = bestVal[p - 1] as number;
      best[p] = best[p - 1] as number;
      p--;
    }
    bestVal[p] = v;
    best[p] = j;
  }
  return best;
}

/** |top_k(A) ∩ top_k(B)| / k, with k capped at n - 1 (the neighbours that exist). */
export function overlapAtK(
  rowA: ArrayLike<number>,
  rowB: ArrayLike<number>,
  n: number,
  self: number,
  k: number,
): number {
  const a = topK(rowA, n, self, k);
  const b = new Set(topK(rowB, n, self, k));
  if (a.length === 0) return NaN;
  let common = 0;
  for (const j of a) if (b.has(j)) common++;
  return common / a.length;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32's bits as an unsigned integer that sorts like the number itself. */
function orderedBits(value: number): number {
  f32[0] = value;
  const bits = u32[0] as number;
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

/**
 * Positions below 2^21: (32-bit sortable value, index) packs into one exact float64 key. Rows are
 * at most a few thousand (heatmap.get caps model comparisons at 2,000 documents).
 */
const INDEX_BITS = 2 ** 21;

/** 1-based ranks of values (ascending), ties get their average rank; index `skip` is left out. */
export function averageRanks(values: ArrayLike<number>, n: number, skip = -1): Float64Array {
  const kept = n - (skip >= 0 && skip < n ? 1 : 0);
  const ranks = new Float64Array(kept);
  if (n >= INDEX_BITS)
    throw new Error(`rows of ${n} values are longer than the ${INDEX_BITS} ranks can pack`);
  // One native numeric sort of packed (value, index) keys instead of a comparator sort: the model
  // comparison ranks two rows per document. Ranks are stored by position among the kept indices
  // (ascending j), so the ranks of two rows line up.
  const keys = new Float64Array(kept);
  let at = 0;
  for (let j = 0; j < n; j++) if (j !== skip) keys[at++] = orderedBits(values[j] as number) * INDEX_BITS + j;
  keys.sort();
  for (let start = 0; start < kept;) {
    const bits = Math.floor((keys[start] as number) / INDEX_BITS);
    let end = start + 1;
    while (end < kept && Math.floor((keys[end] as number) / INDEX_BITS) === bits) end++;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 .. end
    for (let p = start; p < end; p++) {
      const j = (keys[p] as number) % INDEX_BITS;
      ranks[skip >= 0 && j > skip ? j - 1 : j] = rank;
    }
    start = end;
  }
  return ranks;
}

/** Pearson correlation of two equal-length series; NaN when either is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman's rho of two rows over every index except `skip`. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>, n: number, skip = -1): number {
  return pearson(averageRanks(x, n, skip), averageRanks(y, n, skip));
}

export interface DriftRows {
  /** overlap@k per row of [rowStart, rowEnd). */
  overlap: Float32Array;
  spearman: Float32Array;
}

/** overlap@k and Spearman for rows [rowStart, rowEnd) of two n x n similarity matrices. */
export function driftRows(
  sa: Float32Array,
  sb: Float32Array,
  n: number,
  rowStart: number,
  rowEnd: number,
  k: number,
): DriftRows {
  const overlap = new Float32Array(rowEnd - rowStart);
  const rho = new Float32Array(rowEnd - rowStart);
  for (let i = rowStart; i < rowEnd; i++) {
    const a = sa.subarray(i * n, (i + 1) * n);
    const b = sb.subarray(i * n, (i + 1) * n);
    overlap[i - rowStart] = overlapAtK(a, b, n, i, k);
    rho[i - rowStart] = spearman(a, b, n, i);
  }
  return { overlap, spearman: rho };
}
