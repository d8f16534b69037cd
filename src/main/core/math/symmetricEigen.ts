import { seededRandom } from './seededRandom';

/** Eigen-decompositions of symmetric matrices (row-major Float64Array), largest eigenvalues first. */

export interface EigenResult {
  values: Float64Array;
  /** Eigenvectors as rows: vector c is `vectors.subarray(c * n, (c + 1) * n)`. */
  vectors: Float64Array;
}

/**
 * Cyclic Jacobi rotations: exact to machine precision and simple, O(n^3) per sweep, so only for small
 * matrices (the Rayleigh-Ritz step below, n <= ~64).
 */
export function jacobiEigen(matrix: Float64Array, n: number): EigenResult {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p] as number;
        const aqq = a[q * n + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (a[y * n + y] as number) - (a[x * n + x] as number),
  );
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, rank) => {
    values[rank] = a[col * n + col] as number;
    for (let k = 0; k < n; k++) vectors[rank * n + k] = v[k * n + col] as number;
  });
  return { values, vectors };
}

/** Orthonormalises the `r` rows of `q` (each of length n) in place: modified Gram-Schmidt, twice. */
function orthonormalizeRows(q: Float64Array, r: number, n: number, random: () => number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < r; c++) {
      const row = q.subarray(c * n, (c + 1) * n);
      for (let p = 0; p < c; p++) {
        const prev = q.subarray(p * n, (p + 1) * n);
        let dot = 0;
        for (let k = 0; k < n; k++) dot += (row[k] as number) * (prev[k] as number);
        for (let k = 0; k < n; k++) row[k] = (row[k] as number) - dot * (prev[k] as number);
      }
      let norm = 0;
      for (let k = 0; k < n; k++) norm += (row[k] as number) ** 2;
      norm = Math.sqrt(norm);
      if (norm < 1e-12) {
        // A rank-deficient block: restart this direction at random (it is re-orthogonalised next pass).
        for (let k = 0; k < n; k++) row[k] = random() - 0.5;
        c--;
        continue;
      }
      for (let k = 0; k < n; k++) row[k] = (row[k] as number) / norm;
    }
  }
}

/**
 * The `count` leading eigenpairs of a symmetric positive semi-definite n x n matrix, by block subspace
 * iteration with a Rayleigh-Ritz step. Iterating an oversampled block (count + 8) converges at the rate
 * lambda_(block+1) / lambda_count, which for covariance spectra of text embeddings is a few dozen
 * iterations; each costs n^2 * block, far below a full O(n^3) decomposition at n = 512 or 768.
 * With `maxIterations` low the result is a good subspace rather than converged individual axes, which
 * is all a reduction before clustering needs.
 */
export function topEigen(
  matrix: Float64Array,
  n: number,
  count: number,
  seed = 1,
  maxIterations = 500,
): EigenResult {
  const block = Math.min(n, count + 8);
  const random = seededRandom(seed);
  const q = new Float64Array(block * n);
  for (let i = 0; i < q.length; i++) q[i] = random() - 0.5;
  orthonormalizeRows(q, block, n, random);
  const z = new Float64Array(block * n);
  let previous = new Float64Array(block);
  let ritz: EigenResult = { values: new Float64Array(block), vectors: new Float64Array(block * block) };
  for (let iter = 0; iter < maxIterations; iter++) {
    multiplyRows(matrix, n, q, block, z);
    // Rayleigh-Ritz every few steps: T = Q^T A Q, rotate Q onto T's eigenvectors.
    if (iter % 5 === 4 || iter === maxIterations - 1) {
      const t = new Float64Array(block * block);
      for (let i = 0; i < block; i++)
        for (let j = 0; j < block; j++) {
          let dot = 0;
          for (let k = 0; k < n; k++) dot += (q[i * n + k] as number) * (z[j * n + k] as number);
          t[i * block + j] = dot;
        }
      for (let i = 0; i < block; i++)
        for (let j = i + 1; j < block; j++) {
          const m = ((t[i * block + j] as number) + (t[j * block + i] as number)) / 2;
          t[i * block + j] = m;
          t[j * block + i] = m;
        }
      ritz = jacobiEigen(t, block);
      let converged = true;
      for (let c = 0; c < count; c++) {
        const delta = Math.abs((ritz.values[c] as number) - (previous[c] as number));
        if (delta > 1e-10 * Math.max(1e-30, Math.abs(ritz.values[0] as number))) converged = false;
      }
      previous = Float64Array.from(ritz.values);
      const rotated = new Float64Array(block * n);
      for (let c = 0; c < block; c++)
        for (let j = 0; j < block; j++) {
          const w = ritz.vectors[c * block + j] as number;
          if (w === 0) continue;
          for (let k = 0; k < n; k++)
            rotated[c * n + k] = (rotated[c * n + k] as number) + w * (q[j * n + k] as number);
        }
      q.set(rotated);
      if (converged) break;
      multiplyRows(matrix, n, q, block, z);
    }
    q.set(z);
    orthonormalizeRows(q, block, n, random);
  }
  return { values: ritz.values.slice(0, count), vectors: q.slice(0, count * n) };
}

/** out[c] = A * q[c] for each of the `rows` rows of q (A symmetric, row-major). */
function multiplyRows(a: Float64Array, n: number, q: Float64Array, rows: number, out: Float64Array): void {
  for (let c = 0; c < rows; c++) {
    const v = q.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const base = i * n;
      for (let k = 0; k < n; k++) sum += (a[base + k] as number) * (v[k] as number);
      out[c * n + i] = sum;
    }
  }
}
