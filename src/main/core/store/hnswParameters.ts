/**
 * USearch HNSW parameters and the exact-search crossover, chosen by measurement.
 *
 * Data: clustered unit vectors, 512-d (tests/unit/store/clusteredVectors.ts: topics > subtopics >
 * points; mean cosine to the 1st / 10th neighbour 0.62 / 0.59, random pairs 0.00), 200 held-out
 * queries, truth from exact search, inner-product metric on f32, single-threaded queries, 2 shared
 * cores, usearch 2.25.3. recall@10 = |HNSW top 10 ∩ exact top 10| / 10.
 *
 *   N     M   ef_add ef_search  build     recall@10  p50      p99
 *   20k   16   64     32         1.5 s     0.999      0.11 ms  0.23 ms
 *   20k   16  128     64         3.3 s     1.000      0.20 ms  0.35 ms
 *   20k    8   64     32         1.2 s     0.927      0.09 ms  0.22 ms
 *   100k  16   64     64        28 s       0.948      0.43 ms  0.97 ms   <- misses 0.95 at scale
 *   100k  16  128     64        55 s       0.9995     0.34 ms  0.75 ms   <- chosen
 *   100k  16  128    128        85 s       1.000      0.53 ms  4.8 ms
 *
 * ef_add (construction beam) is what buys recall at 100k; ef_search 64 is already saturated there,
 * and every latency is 20x under the 10 ms budget, so the extra build time is the only cost worth
 * weighing. Connectivity 16 is USearch's default; 32 built 50% slower for no recall gain.
 * `bench/search.ts` re-measures the chosen setting at 100k.
 */
export interface HnswParameters {
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

export const HNSW_PARAMETERS: HnswParameters = { connectivity: 16, expansionAdd: 128, expansionSearch: 64 };

/**
 * Below this many vectors an index is not built: search is exact (USearch's SIMD brute force over an
 * in-memory matrix) and nothing is written to disk. Measured p50 per query, single thread, 512-d:
 *
 *   N        exact     HNSW
 *   500      0.035 ms  0.050 ms
 *   1,000    0.063 ms  0.061 ms   <- crossover
 *   2,000    0.125 ms  0.099 ms
 *   4,000    0.35 ms   0.25 ms
 *   8,000    0.51 ms   0.26 ms
 *   16,000   1.25 ms   0.38 ms
 *
 * Exact also has perfect recall and no build, so the cut sits at the crossover rather than below it.
 * `bench/search.ts` prints the same comparison.
 */
export const EXACT_SEARCH_BELOW = 1_000;

/**
 * Removals leave tombstones in an HNSW graph (USearch marks, it does not repair), which slowly hurts
 * recall and wastes memory; past this share of the graph, a sync rebuilds it from scratch.
 */
export const REBUILD_AFTER_REMOVED_SHARE = 0.2;

/** Vectors added per native call while building, so the worker still notices close requests. */
export const ADD_SLICE = 1024;
