/** Small helpers on row-major Float32 matrices, shared by the clustering, the heatmaps and explore. */

/** Scales every row to unit length in place (zero rows stay zero). Returns the same array. */
export function normalizeRows(data: Float32Array, dims: number): Float32Array {
  for (let at = 0; at < data.length; at += dims) {
    let sum = 0;
    for (let k = 0; k < dims; k++) sum += (data[at + k] as number) ** 2;
    if (sum === 0 || !Number.isFinite(sum)) {
      data.fill(0, at, at + dims);
      continue;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < dims; k++) data[at + k] = (data[at + k] as number) * scale;
  }
  return data;
}

/** Rows of a row-major matrix picked by index, as a new matrix. */
export function pickRows(data: Float32Array, dims: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * dims);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    out.set(data.subarray(r * dims, (r + 1) * dims), i * dims);
  }
  return out;
}
