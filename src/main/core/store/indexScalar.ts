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
 * Measured in bench/search.ts (section "index quantisation"); the default is chosen there.
 */
export type IndexScalar = 'f32' | 'f16' | 'i8' | 'b1';

/**
 * The kind new indexes are built with: the smallest that keeps recall@10 >= 0.99 against exact f32
 * search after rescoring. bench/search.ts ("index quantisation"), 30k vectors (24.5k real use-lite
 * chunk vectors of 420 TeX Live PDFs + 5.5k synthetic around them), 100 held-out real queries,
 * shipped HNSW parameters, 2 cores at load average 30 (latencies are unreliable at that load):
 *
 *   kind  index MB  recall@10  rescored recall@10 (factor)
 *   f32     65.9     0.997      0.997
 *   f16     35.2     0.997      0.997  (x2)
 *   i8      19.8     0.928      0.996  (x3)   <- default: 30% of f32, passes after rescoring
 *   b1       6.4     0.543      0.946  (x10; now x30, see the bench for its current figure)
 *
 * Rescoring reads `k x factor` f32 rows from the rows file (rescoreRows.ts) per query.
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
export const RESCORE_FACTOR: Record<IndexScalar, number> = { f32: 1, f16: 2, i8: 3, b1: 30 };
