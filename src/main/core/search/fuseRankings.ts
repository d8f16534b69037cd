/**
 * Hybrid fusion of the keyword (BM25) and semantic (cosine) rankings. Two methods, so the evaluation
 * can justify the default on real relevance judgements:
 *
 * - Reciprocal rank fusion (Cormack et al. 2009): score = sum over rankings of 1 / (k + rank). Uses
 *   ranks only, so BM25's unbounded scores and cosine's narrow band never need calibrating; k = 60 is
 *   the paper's constant.
 * - Convex combination of min-max normalised scores: alpha * semantic + (1 - alpha) * keyword, each
 *   scaled to [0, 1] over its own candidate list (a missing branch counts 0). Sensitive to score
 *   shapes, but uses how much better the top hit is, which ranks throw away. The default (below).
 */

export type SearchBranch = 'keyword' | 'semantic';

export type FusionOptions =
  | { method: 'rrf'; k?: number }
  | { method: 'convex'; alpha?: number }
  /** Convex combination of z-scores (each branch's scores standardised over its candidates). */
  | { method: 'zscore'; alpha?: number };

/**
 * The default, chosen on Cranfield with the built-in model (`loci eval cranfield` prints the table):
 * nDCG@10 keyword 0.341, semantic 0.175; without dense feedback RRF k=60 0.293, RRF k=10 0.304,
 * convex alpha 0.1 0.345, 0.2 0.345, 0.3 0.333, 0.5 0.302; with feedback (search.ts) RRF k=60 0.345,
 * convex 0.2 0.356, 0.4 0.354. With a dense model this much weaker than BM25, rank fusion lets its
 * misses displace good keyword hits; a keyword-weighted convex combination keeps BM25's ranking and
 * lets the dense side reorder and fill in (it alone answers queries with no shared words). 0.2 sits on
 * the plateau while giving meaning-only matches a real say.
 *
 * Later (fields x1, fp32 model; Cranfield nDCG@10 / known items success@5, MRR@10): convex 0.2 0.3744 /
 * 0.82, 0.661; convex 0.3 0.3746 / 0.82, 0.661; z-scores 0.2 0.3768 / 0.82, 0.646; 0.3 0.3730 / 0.80,
 * 0.660; 0.4 0.3709 / 0.80, 0.650. No setting wins on both sets, so the default stays.
 *
 * Also tried and lost (offline replica of search() over the same libraries, exact dense search, the
 * default in that replica 0.3746 / 0.82, 0.663): RRF k = 5, 10, 20, 30, 60, 100: 0.357-0.368 /
 * 0.76-0.80; a per-query alpha from how peaked each branch's scores are, from how much the branches'
 * top 20 overlap, or from the best BM25 score: 0.372-0.378 / 0.82, 0.647-0.675; fusing document
 * rankings (keyword damped, semantic max) instead of chunks: 0.359-0.372 / 0.80-0.86. The ceiling is
 * not the formula: choosing the best alpha for each query after the fact gives 0.424, but no signal
 * at hand predicts it.
 */
export const DEFAULT_FUSION: FusionOptions = { method: 'convex', alpha: 0.2 };

export interface RankedList {
  branch: SearchBranch;
  /** Best first. */
  items: ReadonlyArray<{ id: string; score: number }>;
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank in each branch that retrieved the item. */
  ranks: Partial<Record<SearchBranch, number>>;
  /** Raw branch scores (BM25, cosine). */
  scores: Partial<Record<SearchBranch, number>>;
}

export function fuseRankings(
  lists: readonly RankedList[],
  fusion: FusionOptions = DEFAULT_FUSION,
): FusedItem[] {
  const byId = new Map<string, FusedItem>();
  for (const list of lists) {
    list.items.forEach((item, i) => {
      const fused = byId.get(item.id) ?? { id: item.id, score: 0, ranks: {}, scores: {} };
      // A list repeating an id keeps its first (best) occurrence.
      if (fused.ranks[list.branch] === undefined) {
        fused.ranks[list.branch] = i + 1;
        fused.scores[list.branch] = item.score;
      }
      byId.set(item.id, fused);
    });
  }
  const items = [...byId.values()];
  if (fusion.method === 'rrf') {
    const k = fusion.k ?? 60;
    for (const item of items) {
      item.score = Object.values(item.ranks).reduce((sum, rank) => sum + 1 / (k + rank), 0);
    }
  } else if (fusion.method === 'zscore') {
    const alpha = fusion.alpha ?? 0.5;
    const weight: Record<SearchBranch, number> = { semantic: alpha, keyword: 1 - alpha };
    const stats = new Map(lists.map((l) => [l.branch, meanStd(l.items.map((i) => i.score))]));
    for (const item of items) {
      let score = 0;
      for (const list of lists) {
        const { mean, std, min } = stats.get(list.branch) as { mean: number; std: number; min: number };
        // A candidate the branch did not retrieve counts as its weakest retrieved one.
        const raw = item.scores[list.branch] ?? min;
        score += weight[list.branch] * (std > 0 ? (raw - mean) / std : 0);
      }
      item.score = score;
    }
  } else {
    const alpha = fusion.alpha ?? 0.5;
    const weight: Record<SearchBranch, number> = { semantic: alpha, keyword: 1 - alpha };
    const ranges = new Map(lists.map((l) => [l.branch, minMax(l.items.map((i) => i.score))]));
    for (const item of items) {
      let score = 0;
      for (const branch of Object.keys(item.scores) as SearchBranch[]) {
        const range = ranges.get(branch) as [number, number];
        const raw = item.scores[branch] as number;
        score += weight[branch] * (range[1] > range[0] ? (raw - range[0]) / (range[1] - range[0]) : 1);
      }
      item.score = score;
    }
  }
  return items.sort((a, b) => b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : 1));
}

function meanStd(values: number[]): { mean: number; std: number; min: number } {
  if (values.length === 0) return { mean: 0, std: 0, min: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance), min: Math.min(...values) };
}

function minMax(values: number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

function bestRank(item: FusedItem): number {
  return Math.min(...Object.values(item.ranks));
}
