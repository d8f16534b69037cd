import { sampleIndices, seededRandom } from './seededRandom';
import { topEigen } from './symmetricEigen';

/**
 * Principal component analysis of row-major float vectors, and the projection it defines. The fitted
 * transform is stored with a layout, so documents added later are projected with the same axes and the
 * points already on the map never move.
 */
export interface PcaTransform {
  /** Input dimensionality. */
  inputDims: number;
  /** Number of components (output dimensionality). */
  components: number;
  mean: Float32Array;
  /** components x inputDims, row-major, unit rows. */
  basis: Float32Array;
  /** Share of the total variance each component explains. */
  explained: number[];
}

export interface PcaOptions {
  /**
   * Rows the covariance is estimated from (a seeded random sample; default 4096). The leading
   * components of a 512-d covariance are stable long before that (their angle to the full-data
   * components is < 1 degree on Cranfield and texlive, see tests/unit/math/pca.test.ts), and it keeps
   * the O(sample * d^2) covariance near half a second at d = 512.
   */
  sample?: number;
  seed?: number;
  /** Cap on subspace iterations (see topEigen); a reduction for clustering needs only a few dozen. */
  maxIterations?: number;
}

/** Fits PCA on `n` rows of `d` floats. The mean is over all rows, the covariance over a sample. */
export function fitPca(
  data: Float32Array,
  n: number,
  d: number,
  components: number,
  options: PcaOptions = {},
): PcaTransform {
  if (n === 0) throw new Error('PCA needs at least one row');
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (data[base + k] as number);
  }
  for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) / n;

  const rows = sampleIndices(n, options.sample ?? 4096, seededRandom(options.seed ?? 7));
  const cov = centredGram(data, d, rows, mean);
  const denominator = Math.max(1, rows.length - 1);
  let trace = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b] as number) / denominator;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
    trace += cov[a * d + a] as number;
  }
  const count = Math.min(components, d);
  const eig = topEigen(cov, d, count, 1, options.maxIterations);
  const basis = new Float32Array(components * d);
  basis.set(eig.vectors.subarray(0, count * d));
  // Deterministic signs: the largest-magnitude entry of each axis is positive, so a refit on the same
  // data never mirrors the map.
  for (let c = 0; c < count; c++) {
    let at = 0;
    for (let k = 1; k < d; k++)
      if (Math.abs(basis[c * d + k] as number) > Math.abs(basis[c * d + at] as number)) at = k;
    if ((basis[c * d + at] as number) < 0)
      for (let k = 0; k < d; k++) basis[c * d + k] = -(basis[c * d + k] as number);
  }
  const explained = Array.from({ length: components }, (_, c) =>
    c < count && trace > 0 ? Math.max(0, eig.values[c] as number) / trace : 0,
  );
  return { inputDims: d, components, mean: Float32Array.from(mean), basis, explained };
}

/** Projects `n` rows onto the transform's components: n x components, row-major. */
export function projectPca(transform: PcaTransform, data: Float32Array, n: number): Float32Array {
  const { inputDims: d, components: m, mean, basis } = transform;
  const out = new Float32Array(n * m);
  const x = new Float32Array(d);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let k = 0; k < d; k++) x[k] = (data[base + k] as number) - (mean[k] as number);
    for (let c = 0; c < m; c++) {
      let dot = 0;
      const b = c * d;
      for (let k = 0; k < d; k++) dot += (x[k] as number) * (basis[b + k] as number);
      out[i * m + c] = dot;
    }
  }
  return out;
}

/** Rows accumulated per pass over the covariance (see centredGram). */
const GRAM_BLOCK = 8;

/**
 * Upper triangle of sum over `rows` of (x - mean)(x - mean)^T, mirrored. Eight rows are folded into each
 * pass over the d x d accumulator: the same arithmetic as one row at a time, but an eighth of the memory
 * traffic, which is what bounds this loop (3x faster at d = 512, measured).
 */
function centredGram(data: Float32Array, d: number, rows: Int32Array, mean: Float64Array): Float64Array {
  const cov = new Float64Array(d * d);
  const xs = new Float64Array(GRAM_BLOCK * d);
  for (let r0 = 0; r0 < rows.length; r0 += GRAM_BLOCK) {
    xs.fill(0);
    const m = Math.min(GRAM_BLOCK, rows.length - r0);
    for (let r = 0; r < m; r++) {
      const base = (rows[r0 + r] as number) * d;
      for (let k = 0; k < d; k++) xs[r * d + k] = (data[base + k] as number) - (mean[k] as number);
    }
    for (let a = 0; a < d; a++) {
      const row = a * d;
      const x0 = xs[a] as number;
      const x1 = xs[d + a] as number;
      const x2 = xs[2 * d + a] as number;
      const x3 = xs[3 * d + a] as number;
      const x4 = xs[4 * d + a] as number;
      const x5 = xs[5 * d + a] as number;
      const x6 = xs[6 * d + a] as number;
      const x7 = xs[7 * d + a] as number;
      for (let b = a; b < d; b++) {
        cov[row + b] =
          (cov[row + b] as number) +
          x0 * (xs[b] as number) +
          x1 * (xs[d + b] as number) +
          x2 * (xs[2 * d + b] as number) +
          x3 * (xs[3 * d + b] as number) +
          x4 * (xs[4 * d + b] as number) +
          x5 * (xs[5 * d + b] as number) +
          x6 * (xs[6 * d + b] as number) +
          x7 * (xs[7 * d + b] as number);
      }
    }
  }
  return cov;
}
