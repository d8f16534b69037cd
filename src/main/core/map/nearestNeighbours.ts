import path from 'node:path';
import { readSidecar, verifyIndexFiles } from '../store/indexFiles';
import { usearch, type UsearchIndex } from '../store/loadUsearch';
import type { Knn } from './umapGraph';

/**
 * k-nearest-neighbour tables for UMAP and for placing new points, from USearch:
 *  - the library's own HNSW index of a model's chunks (store/indexEngine.ts), when it is current, so a
 *    chunk map reuses the graph search already paid for instead of building one;
 *  - otherwise a throw-away index over the points at hand: exact (SIMD brute force) when small, HNSW
 *    above EXACT_BELOW (document vectors are not in the library index at all: it holds chunks).
 * Vectors are unit length, so the inner-product metric gives cosine distance 1 - cos.
 */

/** Below this many points the neighbours are exact; brute force at 8k x 8k x 512 takes ~2 s on 2 cores. */
export const EXACT_BELOW = 8_000;

/** HNSW for a transient index: recall@15 0.99 on clustered 512-d data at 100k (bench/map.ts). */
const TRANSIENT_HNSW = { connectivity: 16, expansion_add: 64, expansion_search: 64 };

/** Points indexed per native call, so progress can be reported between calls. */
const ADD_SLICE = 4096;

export type KnnProgress = (done: number, total: number) => void;

/** USearch misreads typed arrays with a byteOffset: hand it offset-0 copies. */
function atZero(vectors: Float32Array): Float32Array {
  return vectors.byteOffset === 0 && vectors.buffer.byteLength === vectors.byteLength
    ? vectors
    : vectors.slice();
}

/**
 * Turns raw matches (row-major, `fetched` per query) into a Knn table: self and unknown or duplicate
 * keys dropped, the first k kept. `toIndex` maps a USearch key to a point index (or -1 to skip it).
 * With `dropSelf` false the queries are not base points and nothing is dropped as self.
 */
export function tableFromMatches(
  n: number,
  k: number,
  fetched: number,
  keys: BigUint64Array,
  distances: Float32Array,
  counts: BigUint64Array | null,
  toIndex: (key: bigint) => number,
  /** Drop point i from row i (true when the queries are the base's own points). */
  dropSelf = true,
): Knn {
  const indices = new Int32Array(n * k).fill(-1);
  const dist = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const found = counts ? Number(counts[i]) : fetched;
    let out = 0;
    for (let j = 0; j < found && out < k; j++) {
      const key = keys[i * fetched + j] as bigint;
      const point = toIndex(key);
      if (point < 0 || (dropSelf && point === i)) continue;
      let duplicate = false;
      for (let p = 0; p < out; p++) if (indices[i * k + p] === point) duplicate = true;
      if (duplicate) continue;
      indices[i * k + out] = point;
      dist[i * k + out] = Math.max(0, distances[i * fetched + j] as number);
      out++;
    }
  }
  return { n, k, indices, distances: dist };
}

/** Exact neighbours of every row among all rows. */
export function exactKnn(vectors: Float32Array, n: number, dims: number, k: number): Knn {
  const fetched = Math.min(n, k + 1);
  const data = atZero(vectors);
  const m = usearch.exactSearch(data, data, dims, fetched, usearch.MetricKind.IP, 0);
  const counts = 'counts' in m ? (m.counts as BigUint64Array) : null;
  return tableFromMatches(n, k, fetched, m.keys, m.distances, counts, (key) => Number(key));
}

/** Builds an HNSW index over the rows (progress per slice), then queries every row against it. */
export function hnswKnn(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  progress?: KnnProgress,
): Knn {
  const index = new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    multi: false,
    ...TRANSIENT_HNSW,
  });
  for (let s = 0; s < n; s += ADD_SLICE) {
    const end = Math.min(n, s + ADD_SLICE);
    const keys = new BigUint64Array(end - s);
    for (let i = s; i < end; i++) keys[i - s] = BigInt(i);
    index.add(keys, vectors.slice(s * dims, end * dims), 0);
    progress?.(end, 2 * n);
  }
  return searchAll(
    index,
    vectors,
    n,
    dims,
    k,
    k + 1,
    (key) => Number(key),
    (done) => progress?.(n + done, 2 * n),
  );
}

/** Queries all rows in slices; `fetched` per row (over-fetch when some keys will be dropped). */
function searchAll(
  index: UsearchIndex,
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  fetched: number,
  toIndex: (key: bigint) => number,
  progress?: (done: number) => void,
): Knn {
  const keys = new BigUint64Array(n * fetched);
  const distances = new Float32Array(n * fetched).fill(Infinity);
  const counts = new BigUint64Array(n);
  for (let s = 0; s < n; s += ADD_SLICE) {
    const end = Math.min(n, s + ADD_SLICE);
    const m = index.search(vectors.slice(s * dims, end * dims), fetched, 0);
    const batch = m as unknown as { keys: BigUint64Array; distances: Float32Array; counts?: BigUint64Array };
    keys.set(batch.keys, s * fetched);
    distances.set(batch.distances, s * fetched);
    if (batch.counts) counts.set(batch.counts, s);
    else counts.fill(BigInt(fetched), s, end);
    progress?.(end);
  }
  return tableFromMatches(n, k, fetched, keys, distances, counts, toIndex);
}

/** Neighbours by the size rule: exact below EXACT_BELOW points, HNSW above. */
export function computeKnn(
  vectors: Float32Array,
  n: number,
  dims: number,
  k: number,
  progress?: KnnProgress,
): Knn {
  if (n <= 1) return { n, k, indices: new Int32Array(n * k).fill(-1), distances: new Float32Array(n * k) };
  return n < EXACT_BELOW ? exactKnn(vectors, n, dims, k) : hnswKnn(vectors, n, dims, k, progress);
}

/**
 * Neighbours from the library's saved chunk index, if it reflects `tableVersion` and is intact: the
 * file is memory-mapped (view), every point queried with over-fetch (points outside this map, e.g.
 * filtered out, are skipped). Null when the index cannot be used; the caller computes its own.
 */
export function knnFromLibraryIndex(
  indexDir: string,
  table: string,
  expect: { modelId: string; fingerprint: string; dims: number; tableVersion: number },
  points: { vectors: Float32Array; keys: readonly bigint[] },
  k: number,
  progress?: KnnProgress,
): Knn | null {
  const sidecar = readSidecar(indexDir, table);
  if (
    !sidecar ||
    sidecar.modelId !== expect.modelId ||
    sidecar.fingerprint !== expect.fingerprint ||
    sidecar.dims !== expect.dims ||
    sidecar.tableVersion !== expect.tableVersion ||
    verifyIndexFiles(indexDir, sidecar) !== null
  )
    return null;
  const n = points.keys.length;
  // Over-fetch in proportion to how much of the index is not on this map (filters, sampling).
  const share = n / Math.max(1, sidecar.count);
  if (share < 0.25) return null;
  const fetched = Math.min(sidecar.count, Math.ceil((k + 1) / share) + 4);
  const index = new usearch.Index({
    dimensions: sidecar.dims,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    connectivity: sidecar.params.connectivity,
    expansion_add: sidecar.params.expansionAdd,
    expansion_search: Math.max(sidecar.params.expansionSearch, fetched),
    multi: false,
  });
  index.view(path.join(indexDir, sidecar.index.file));
  const position = new Map<bigint, number>();
  points.keys.forEach((key, i) => position.set(key, i));
  const knn = searchAll(
    index,
    points.vectors,
    n,
    expect.dims,
    k,
    fetched,
    (key) => position.get(key) ?? -1,
    (done) => progress?.(done, n),
  );
  return knn;
}

/** Above this many query x base pairs, placement builds an HNSW index over the base instead of brute force. */
const EXACT_PAIRS = 100_000_000;

/**
 * Neighbours of each query row among the base rows (not among themselves): for placing new points and
 * queries on an existing layout.
 */
export function knnAgainst(
  base: Float32Array,
  nBase: number,
  queries: Float32Array,
  nQueries: number,
  dims: number,
  k: number,
): Knn {
  const kk = Math.min(k, nBase);
  if (nQueries === 0 || kk === 0)
    return { n: nQueries, k: kk, indices: new Int32Array(0), distances: new Float32Array(0) };
  if (nBase * nQueries <= EXACT_PAIRS) {
    const m = usearch.exactSearch(atZero(base), atZero(queries), dims, kk, usearch.MetricKind.IP, 0);
    const counts = 'counts' in m ? (m.counts as BigUint64Array) : null;
    // Queries are not in the base: nothing to drop as "self".
    return tableFromMatches(nQueries, kk, kk, m.keys, m.distances, counts, (key) => Number(key), false);
  }
  const index = new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    multi: false,
    ...TRANSIENT_HNSW,
  });
  const keys = new BigUint64Array(nBase);
  for (let i = 0; i < nBase; i++) keys[i] = BigInt(i);
  index.add(keys, atZero(base), 0);
  const m = index.search(atZero(queries), kk, 0) as unknown as {
    keys: BigUint64Array;
    distances: Float32Array;
    counts?: BigUint64Array;
  };
  return tableFromMatches(
    nQueries,
    kk,
    kk,
    m.keys,
    m.distances,
    m.counts ?? null,
    (key) => Number(key),
    false,
  );
}
