import type { PoolingMode } from './hf/readHfFolder';

/**
 * Pools one batch of token vectors (`hidden`, row-major [batch, seq, dims]) into one vector per text.
 * Batches are right-padded, so text `b` owns positions `0 .. lengths[b]-1` and everything after is padding
 * that must not influence its vector.
 */
export function poolTokens(
  hidden: Float32Array,
  lengths: readonly number[],
  seq: number,
  dims: number,
  mode: PoolingMode,
): Float32Array[] {
  return lengths.map((len, b) => {
    const base = b * seq * dims;
    const out = new Float32Array(dims);
    switch (mode) {
      case 'cls':
        out.set(hidden.subarray(base, base + dims));
        break;
      case 'lasttoken': {
        const start = base + (len - 1) * dims;
        out.set(hidden.subarray(start, start + dims));
        break;
      }
      case 'max':
        out.set(hidden.subarray(base, base + dims));
        for (let t = 1; t < len; t++) {
          const row = base + t * dims;
          for (let d = 0; d < dims; d++) out[d] = Math.max(out[d]!, hidden[row + d]!);
        }
        break;
      case 'mean': {
        // Accumulate in float64: long texts sum hundreds of values, and float32 sums drift.
        const acc = new Float64Array(dims);
        for (let t = 0; t < len; t++) {
          const row = base + t * dims;
          for (let d = 0; d < dims; d++) acc[d]! += hidden[row + d]!;
        }
        for (let d = 0; d < dims; d++) out[d] = acc[d]! / len;
        break;
      }
    }
    return out;
  });
}

/** Scales `v` to unit L2 norm in place (a zero vector stays zero) and returns it. */
export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}

/** L2 norm of a vector (for display and checks). */
export function l2Norm(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}
