import { usearch } from './loadUsearch';

/**
 * How a USearch index stores its vectors. The LanceDB vectors table always keeps the exact f32
 * vectors; the index is a cache and may hold them smaller:
 *
 * - `f32`: 4 bytes a dimension, exact;
 * - `f16`: half precision (2 bytes), inner product on the half floats;
 * - `i8`: one byte a dimension; USearch scales a unit vector by 127, so it needs the cosine metric
 *   (with inner product its distances come out as raw integer products, not cosines);
 * - `b1`: one bit a dimension (the sign), Hamming distance: a coarse candidate generator whose
 *   order and scores must come from rescoring with the f32 vectors.
 *
 * Measured in bench/search.ts (section "index quantisation"); the figures are below.
 */
export type IndexScalar = 'f32' | 'f16' | 'i8' | 'b1';

/**
 * The kind new indexes are built with: the smallest that keeps recall@10 >= 0.99 against exact f32
 * search after rescoring. bench/search.ts ("index quantisation"), 100k vectors (24.4k real
 * use-lite chunk vectors of 420 TeX Live PDFs + 75.6k synthetic around them, see the bench), 200
 * held-out real queries, shipped HNSW parameters, 2 shared cores (load 10-32: builds and tails vary):
 *
 *   kind  index MB  build s  p50 ms  recall@10 | rescored (factor)  p50 ms  recall@10
 *   f32    219.7    1060     1.99    0.9910    |                            -
 *   f16    117.3     272     1.09    0.9885    | x2                 1.12    0.9895
 *   i8      66.1     146     0.75    0.9110    | x3                 0.89    0.9895
 *   i8      66.1     123     1.28    0.9120    | x5                 1.33    0.9905   <- default
 *   b1      21.3      62     0.27    0.4590    | x30                1.40    0.9490
 *
 * i8 holds 30% of f32's bytes and, re-ranking 5 x k candidates by their f32 vectors, matches f32's
 * own recall; b1 misses 0.99 even at 30 x k. Rescoring reads the f32 rows (rescoreRows.ts).
 *
 * At 1M vectors (24.4k real + 975.6k synthetic; neighbours much closer: mean cosine to the 1st / 10th
 * 0.884 / 0.862), graphs built with expansion_add 32 (a build with the shipped 128 did not finish on
 * the shared machine), shipped ef_search 192 unless said, recall@10 against exact f32 brute force:
 *
 *   kind  index MB  build s  p50 ms  recall@10 | rescored (factor)  recall@10  x8      x10     x20
 *   f16   1172.5     744     1.00    0.8730    | x2                 0.8735       -     0.8735    -
 *   i8     660.5    1037     0.67    0.7920    | x5                 0.8610     0.8610  0.8610    -
 *   i8 ef_search 384                 0.8365    | x5                 0.9180       -     0.9180  0.9180
 *   i8 ef_search 768                 0.8485    | x5                 0.9405       -     0.9405  0.9405
 *   b1     212.5     169     0.49    0.3360    | x30                0.8430   (x10: 0.7250)
 *
 * Deeper rescoring changes nothing and f16's near-exact vectors do little better than i8: at that
 * size the graph, not the quantisation, loses the neighbours (a search already walks
 * max(ef_search, k x factor) candidates), so neither the factor nor another kind would restore 0.99;
 * the graph's build and search depth would. With the shipped expansion_add 128 (built in 19 min at nice 19
 * beside a test run; 660.5 MB), i8 rescored x5: 0.9710 at ef_search 192 (p50 1.52 ms), 0.9915 at 384
 * (3.27 ms), 0.9945 at 768 (5.83 ms); x8/x10/x20 change nothing.
 *
 * So the search deepens with the graph's size (searchExpansion.ts: 192 up to ~3k vectors, 320 at
 * 100k, 448 at 1M), applied to loaded indexes too, with no rebuild. The default (i8, x5) with it,
 * same vectors and queries, i8 only, 2 shared cores at load 8-11 (latencies are loaded-machine
 * figures; recall does not depend on load), each graph searched at every depth:
 *
 *   N     ef_search          p50 ms  p99 ms  recall@10 | rescored p50 ms  p99 ms  recall@10
 *   100k  320 (the rule)     1.54     9.65   0.9125    |          2.04    21.31   0.9925
 *   100k  192 (before)       1.28    13.40   0.9080    |          1.35    13.20   0.9875
 *   100k  256                1.57    15.11   0.9110    |          1.71    14.11   0.9910
 *   1M    448 (the rule)     6.01    49.76   0.8885    |          5.40    79.32   0.9925
 *   1M    192 (before)       2.18    22.63   0.8760    |          2.65    18.68   0.9710
 *   1M    384                3.56    62.01   0.8875    |          5.42   128.51   0.9915
 *
 * (this 100k graph, a fresh build, gave 0.9875 at 192 where the one above gave 0.9905: builds
 * differ by a few thousandths, hence the margin). The default keeps recall@10 >= 0.99 at both sizes.
 */
export const DEFAULT_INDEX_SCALAR: IndexScalar = 'i8';

export const INDEX_SCALARS: readonly IndexScalar[] = ['f32', 'f16', 'i8', 'b1'];

/** The USearch metric that gives cosine-based distances (or Hamming, for bits) for a scalar kind. */
export function metricFor(kind: IndexScalar): (typeof usearch.MetricKind)[keyof typeof usearch.MetricKind] {
  switch (kind) {
    case 'f32':
    case 'f16':
      return usearch.MetricKind.IP;
    case 'i8':
      return usearch.MetricKind.Cos;
    case 'b1':
      return usearch.MetricKind.Hamming;
  }
}

/** USearch's name of a scalar kind. */
export function usearchScalar(
  kind: IndexScalar,
): (typeof usearch.ScalarKind)[keyof typeof usearch.ScalarKind] {
  switch (kind) {
    case 'f32':
      return usearch.ScalarKind.F32;
    case 'f16':
      return usearch.ScalarKind.F16;
    case 'i8':
      return usearch.ScalarKind.I8;
    case 'b1':
      return usearch.ScalarKind.B1;
  }
}

/**
 * Candidates fetched per wanted hit when rescoring with the f32 vectors: the coarser the kind, the
 * deeper the list that must be re-ranked to hold the exact top k.
 */
export const RESCORE_FACTOR: Record<IndexScalar, number> = { f32: 1, f16: 2, i8: 5, b1: 30 };
