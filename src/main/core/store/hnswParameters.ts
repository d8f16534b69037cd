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
 *   100k  16  128     64        55 s       0.9995     0.34 ms  0.75 ms
 *   100k  16  128    128        85 s       1.000      0.53 ms  4.8 ms
 *   100k  16  128    192       290 s *    0.9996     0.73 ms  13.4 ms * <- shipped (bench/search.ts)
 *   (* machine at load average 11-12 on its 2 cores: build times and tails vary 2-5x with load)
 *
 * Clustered synthetic data is kind to HNSW. A harder, real-text case: the 1,400 Cranfield abstracts
 * as hashed bags of words (tests/unit/search/hashingTestEmbedder.ts, 384-d), whose vectors share a
 * large common component (random pairs at cosine 0.31, nearest neighbour 0.52), 225 Cranfield queries:
 *
 *   M   ef_add ef_search  recall@10  top-1 agreement
 *   16  128     64        0.928      0.956
 *   16  128    128        0.957-0.965  0.956-0.973   (3 builds: multi-threaded inserts vary)
 *   16  128    192        0.976-0.980  0.982         <- chosen
 *   16  128    256        0.973      0.973
 *   32  256    128        0.987      0.996
 *
 * Real embedding models are anisotropic too (e5 puts unrelated passages near cosine 0.7), so ef_search
 * is 192: recall clears 0.95 with a margin on the hard case for well under a millisecond more per
 * query, far inside the 10 ms budget.
 * ef_add 128 is what buys recall at 100k (64 missed 0.95); connectivity 16 is USearch's default, and
 * 32 builds ~2x slower. `bench/search.ts` re-measures the chosen setting at 100k.
 *
 * expansionSearch is the depth a graph is built with and saved under (its sidecar's parameters) and
 * the floor of every search: bigger graphs are searched deeper, by their size (searchExpansion.ts:
 * 320 at 100k vectors, 448 at 1M), without changing these saved parameters.
 */
export interface HnswParameters {
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
}

export const HNSW_PARAMETERS: HnswParameters = { connectivity: 16, expansionAdd: 128, expansionSearch: 192 };

/**
 * Below this many vectors an index is not built: search is exact (USearch's SIMD brute force over an
 * in-memory matrix) and nothing is written to disk. Measured p50 per query, single thread, 512-d
 * clustered data, with the HNSW parameters above (bench/search.ts prints this table):
 *
 *   N        exact     HNSW      HNSW build
 *   500      0.037 ms  0.083 ms    23 ms
 *   1,000    0.085 ms  0.101 ms    48 ms
 *   2,000    0.123 ms  0.118 ms   115 ms   <- crossover
 *   4,000    0.241 ms  0.221 ms   292 ms
 *   8,000    0.759 ms  0.587 ms   855 ms
 *   16,000   1.312 ms  0.691 ms  5094 ms
 *
 * Exact also has perfect recall and needs no build or file, so the cut sits at the crossover.
 */
export const EXACT_SEARCH_BELOW = 2_000;

/**
 * Removals leave tombstones in an HNSW graph (USearch marks, it does not repair), which slowly hurts
 * recall and wastes memory; past this share of the graph, a sync rebuilds it from scratch.
 */
export const REBUILD_AFTER_REMOVED_SHARE = 0.2;

/** Vectors added per native call while building, so the worker still notices close requests. */
export const ADD_SLICE = 1024;
