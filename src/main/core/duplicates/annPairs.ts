import { usearch } from '../store/loadUsearch';
import type { PairArrays } from '../similarity/similarityProtocol';

/**
 * Candidate near-duplicate pairs of a large set of unit vectors through a throw-away USearch HNSW
 * graph: each row asks for its `neighbours` nearest rows and keeps those at or above `threshold`.
 * Approximate (a true pair can be missed when a row has more than `neighbours` near-copies, or by the
 * graph's recall), which is why small sets use the exact matrix instead.
 */
export function annPairs(
  data: Float32Array,
  rows: number,
  dims: number,
  neighbours: number,
  threshold: number,
): PairArrays {
  const index = new usearch.Index({
    dimensions: dims,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    connectivity: 16,
    expansion_add: 128,
    expansion_search: 64,
    multi: false,
  });
  const keys = BigUint64Array.from({ length: rows }, (_, i) => BigInt(i));
  // USearch reads the vectors from an offset-0 buffer of its own.
  const vectors = data.byteOffset === 0 && !(data.buffer instanceof SharedArrayBuffer) ? data : data.slice();
  index.add(keys, vectors, 0);
  const k = Math.min(rows, neighbours + 1);
  const found = index.search(vectors, k, 0);
  const a: number[] = [];
  const b: number[] = [];
  const score: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let r = 0; r < k; r++) {
      const key = found.keys[i * k + r];
      if (key === undefined || key >= BigInt(rows)) continue; // padding for missing results
      const j = Number(key);
      const s = 1 - (found.distances[i * k + r] as number);
      if (j <= i || s < threshold) continue; // each pair once, from its lower index
      a.push(i);
      b.push(j);
      score.push(s);
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b), score: Float32Array.from(score) };
}
