/**
 * Dot products between rows of two row-major Float32 matrices (cosine similarity, as the rows are
 * unit length): the one hot loop behind every heatmap. There is no BLAS here, so it is a plain-JS
 * tiled kernel:
 *  - B is walked in blocks of 64 rows (64 x 512 floats = 128 KB, stays in L2 while every A row passes);
 *  - inside a block, a 4 x 4 micro-kernel keeps 16 sums in registers and loads each A and B value once
 *    per 4 products instead of once per product (the naive loop's bottleneck is loads, not math);
 *  - a symmetric product (A times A) computes the upper triangle only and mirrors it.
 * Measured on this machine (bench/heatmap.ts): about 5x the naive nested loop on one thread; the pool
 * splits rows across worker threads for the rest.
 */

export interface GramTask {
  a: Float32Array;
  b: Float32Array;
  /** Rows of B (columns of the output). */
  bRows: number;
  dims: number;
  /** A and B are the same matrix: compute j >= i only, then mirror. */
  symmetric: boolean;
  /** Output rows [rowStart, rowEnd) are filled: out[i * bRows + j] = dot(A_i, B_j). */
  rowStart: number;
  rowEnd: number;
  out: Float32Array;
}

const BLOCK = 64;

/** Fills rows [rowStart, rowEnd) of out = A Bᵀ (and, when symmetric, their mirrored column entries). */
export function gramRows(task: GramTask): void {
  const { a, b, dims, out, rowStart, rowEnd, symmetric } = task;
  const n = task.bRows;
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    const j1 = Math.min(n, j0 + BLOCK);
    let i = rowStart;
    for (; i + 4 <= rowEnd; i += 4) {
      let j = symmetric ? Math.max(j0, i) : j0;
      for (; j + 4 <= j1; j += 4) kernel4x4(a, i, b, j, dims, out, n);
      for (; j < j1; j++) {
        for (let r = 0; r < 4; r++) out[(i + r) * n + j] = dot(a, (i + r) * dims, b, j * dims, dims);
      }
    }
    for (; i < rowEnd; i++) {
      let j = symmetric ? Math.max(j0, i) : j0;
      for (; j + 4 <= j1; j += 4) kernel1x4(a, i, b, j, dims, out, n);
      for (; j < j1; j++) out[i * n + j] = dot(a, i * dims, b, j * dims, dims);
    }
  }
  if (symmetric) {
    // Column i of rows below belongs to this task alone (its rows own those columns' mirror images).
    for (let i = rowStart; i < rowEnd; i++) {
      for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j] as number;
    }
  }
}

/** dot(A_row, B_row) of two rows starting at the given float offsets. */
export function dot(a: Float32Array, aAt: number, b: Float32Array, bAt: number, dims: number): number {
  let s = 0;
  for (let k = 0; k < dims; k++) s += (a[aAt + k] as number) * (b[bAt + k] as number);
  return s;
}

function kernel4x4(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  d: number,
  out: Float32Array,
  n: number,
): void {
  const a0 = i * d;
  const a1 = a0 + d;
  const a2 = a1 + d;
  const a3 = a2 + d;
  const b0 = j * d;
  const b1 = b0 + d;
  const b2 = b1 + d;
  const b3 = b2 + d;
  // Sixteen sums in locals (V8 keeps most in registers); one line per output row.
  // prettier-ignore
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  // prettier-ignore
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0; k < d; k++) {
    const p = b[b0 + k] as number;
    const q = b[b1 + k] as number;
    const r = b[b2 + k] as number;
    const s = b[b3 + k] as number;
    let x = a[a0 + k] as number;
    c00 += x * p;
    c01 += x * q;
    c02 += x * r;
    c03 += x * s;
    x = a[a1 + k] as number;
    c10 += x * p;
    c11 += x * q;
    c12 += x * r;
    c13 += x * s;
    x = a[a2 + k] as number;
    c20 += x * p;
    c21 += x * q;
    c22 += x * r;
    c23 += x * s;
    x = a[a3 + k] as number;
    c30 += x * p;
    c31 += x * q;
    c32 += x * r;
    c33 += x * s;
  }
  let o = i * n + j;
  out[o] = c00;
  out[o + 1] = c01;
  out[o + 2] = c02;
  out[o + 3] = c03;
  o += n;
  out[o] = c10;
  out[o + 1] = c11;
  out[o + 2] = c12;
  out[o + 3] = c13;
  o += n;
  out[o] = c20;
  out[o + 1] = c21;
  out[o + 2] = c22;
  out[o + 3] = c23;
  o += n;
  out[o] = c30;
  out[o + 1] = c31;
  out[o + 2] = c32;
  out[o + 3] = c33;
}

function kernel1x4(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  d: number,
  out: Float32Array,
  n: number,
): void {
  const a0 = i * d;
  const b0 = j * d;
  const b1 = b0 + d;
  const b2 = b1 + d;
  const b3 = b2 + d;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  for (let k = 0; k < d; k++) {
    const x = a[a0 + k] as number;
    c0 += x * (b[b0 + k] as number);
    c1 += x * (b[b1 + k] as number);
    c2 += x * (b[b2 + k] as number);
    c3 += x * (b[b3 + k] as number);
  }
  const o = i * n + j;
  out[o] = c0;
  out[o + 1] = c1;
  out[o + 2] = c2;
  out[o + 3] = c3;
}

/**
 * Row boundaries that give each of `parts` tasks about the same number of products. For a symmetric
 * product row i costs (n - i), so equal row counts would give the first task most of the work.
 * Boundaries are multiples of 4 (whole micro-kernel tiles).
 */
export function splitRows(rows: number, parts: number, symmetric: boolean): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let p = 1; p <= parts && start < rows; p++) {
    let end: number;
    if (p === parts) end = rows;
    else if (!symmetric) end = Math.round((rows * p) / parts);
    else {
      // Work of rows [0, e) in the upper triangle is n*e - e^2/2; solve for the p/parts share.
      const share = (rows * rows * p) / (2 * parts);
      end = Math.round(rows - Math.sqrt(Math.max(0, rows * rows - 2 * share)));
    }
    end = Math.min(rows, Math.max(start, Math.round(end / 4) * 4));
    if (end > start) ranges.push([start, end]);
    start = end;
  }
  if (start < rows) ranges.push([start, rows]);
  return ranges;
}

/** The plain triple loop (every entry, no tiling, no symmetry): the bench's baseline and the tests' oracle. */
export function gramNaive(
  a: Float32Array,
  aRows: number,
  b: Float32Array,
  bRows: number,
  dims: number,
): Float32Array {
  const out = new Float32Array(aRows * bRows);
  for (let i = 0; i < aRows; i++) {
    for (let j = 0; j < bRows; j++) {
      let s = 0;
      for (let k = 0; k < dims; k++) s += (a[i * dims + k] as number) * (b[j * dims + k] as number);
      out[i * bRows + j] = s;
    }
  }
  return out;
}
