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

/** 1-based ranks of values (ascending), ties get their average rank; index `skip` is left out. */
export function averageRanks(values: ArrayLike<number>, n: number, skip = -1): Float64Array {
  const idx: number[] = [];
  for (let j = 0; j < n; j++) if (j !== skip) idx.push(j);
  idx.sort((x, y) => (values[x] as number) - (values[y] as number));
  const ranks = new Float64Array(idx.length);
  // ranks are stored in the order of kept indices (ascending j), so two rows line up position by position
  const slotOf = new Int32Array(n).fill(-1);
  let slot = 0;
  for (let j = 0; j < n; j++) if (j !== skip) slotOf[j] = slot++;
  for (let start = 0; start < idx.length;) {
    let end = start + 1;
    while (end < idx.length && values[idx[end] as number] === values[idx[start] as number]) end++;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 .. end
    for (let p = start; p < end; p++) ranks[slotOf[idx[p] as number] as number] = rank;
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
