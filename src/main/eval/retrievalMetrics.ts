/**
 * Standard ranked-retrieval metrics over graded judgements. `gains` maps a relevant doc id to its
 * graded gain (> 0); binary metrics treat every judged doc with gain >= `minBinaryGain` as relevant.
 */

/** nDCG@k with gain = graded gain and log2 discount (Järvelin & Kekäläinen). */
export function ndcgAt(ranked: readonly number[], gains: ReadonlyMap<number, number>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += (gains.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...gains.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Average precision at cutoff k over the relevant set (denominator: all relevant, as trec_eval). */
export function averagePrecisionAt(
  ranked: readonly number[],
  relevant: ReadonlySet<number>,
  k: number,
): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) {
      hits += 1;
      sum += hits / (i + 1);
    }
  });
  return sum / relevant.size;
}

export function recallAt(ranked: readonly number[], relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length / relevant.size;
}

export interface MetricSummary {
  ndcg10: number;
  map100: number;
  recall100: number;
  queries: number;
}

/** Mean metrics over every query that has at least one relevant document. */
export function summarize(
  runs: ReadonlyMap<number, readonly number[]>,
  qrels: ReadonlyMap<number, ReadonlyMap<number, number>>,
  minBinaryGain = 2,
): MetricSummary {
  let ndcg = 0;
  let map = 0;
  let recall = 0;
  let n = 0;
  for (const [q, gains] of qrels) {
    const relevant = new Set([...gains].filter(([, g]) => g >= minBinaryGain).map(([d]) => d));
    if (relevant.size === 0) continue;
    const ranked = runs.get(q) ?? [];
    ndcg += ndcgAt(ranked, gains, 10);
    map += averagePrecisionAt(ranked, relevant, 100);
    recall += recallAt(ranked, relevant, 100);
    n += 1;
  }
  return n === 0
    ? { ndcg10: 0, map100: 0, recall100: 0, queries: 0 }
    : { ndcg10: ndcg / n, map100: map / n, recall100: recall / n, queries: n };
}
