import { HNSW_PARAMETERS } from './hnswParameters';
import type { UsearchIndex } from './loadUsearch';

/**
 * How deep an HNSW search looks (USearch's expansion_search, "ef_search"), by the number of vectors
 * in the graph. A bigger graph needs a deeper search for the same recall. With the shipped build
 * (M 16, expansion_add 128) and i8 vectors rescored by f32 (5 x k), recall@10 against exact f32 on
 * real chunk vectors plus synthetic ones around them, 200 held-out real queries (bench:search,
 * "index quantisation"; the same graph searched at each depth):
 *
 *   ef_search   192     256     320     384     448     512     768
 *   100k        0.9875  0.9910  0.9925  0.9935
 *   1M          0.9710  0.9850  0.9905  0.9915  0.9925  0.9930  0.9945
 *
 * (an earlier 100k build gave 0.9905 at 192: builds differ by a few thousandths). So the depth that
 * keeps recall@10 >= 0.99 with a margin grows ~1.4x per tenfold size: 320 at 100k, 448 at 1M. The
 * rule is that line, log-scaled (ef = ef_at x perDecade ^ log10(count / at)), rounded to a multiple
 * of `step`, never below the graph's own expansion_search (192, from hnswParameters.ts: it reaches
 * 192 near 3,000 vectors, where exact search hands over to the graph).
 */
export interface ExpansionRule {
  /** Never shallower: the graph's constructed expansion_search. */
  min: number;
  /** A graph of `at` vectors is searched at depth `ef`. */
  at: number;
  ef: number;
  /** Factor per tenfold size. */
  perDecade: number;
  /** The depth is rounded to a multiple of this (it stays put while a library grows a little). */
  step: number;
}

export const EXPANSION_RULE: ExpansionRule = {
  min: HNSW_PARAMETERS.expansionSearch,
  at: 100_000,
  ef: 320,
  perDecade: 1.4,
  step: 32,
};

/** The ef_search a graph of `count` vectors is searched with. */
export function expansionSearchFor(count: number, rule: ExpansionRule = EXPANSION_RULE): number {
  const ef = rule.ef * rule.perDecade ** Math.log10(Math.max(1, count) / rule.at);
  return Math.max(rule.min, Math.round(ef / rule.step) * rule.step);
}

/**
 * The `wanted` nearest candidates, found by a search of depth `expansion`. USearch's node bindings
 * cannot change a graph's expansion_search after construction, but its search walks
 * max(expansion_search, wanted) candidates (index_gt::search in usearch/index.hpp) and returns them
 * best first: asking for `expansion` results and keeping the first `wanted` is exactly a search at
 * that depth, on the graph as loaded, with no rebuild and no change to its saved parameters.
 */
export function searchAtExpansion(
  index: UsearchIndex,
  query: Float32Array,
  wanted: number,
  expansion: number,
): { keys: BigUint64Array; distances: Float32Array } {
  const m = index.search(query, Math.max(wanted, expansion), 1);
  if (m.keys.length <= wanted) return { keys: m.keys as BigUint64Array, distances: m.distances };
  return {
    keys: (m.keys as BigUint64Array).slice(0, wanted),
    distances: m.distances.slice(0, wanted),
  };
}
