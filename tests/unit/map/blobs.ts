import { seededRandom } from '../../../src/main/core/math/seededRandom';

/** Standard normal draw (Box-Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}

export interface Blobs {
  vectors: Float32Array;
  labels: Int32Array;
  n: number;
  dims: number;
}

/**
 * `blobs` well-separated groups of unit vectors in `dims` dimensions: random centres, points spread
 * around them with `noise` per coordinate (relative to a unit-scale centre coordinate), normalised.
 * Group of point i is labels[i]; points are interleaved (i % blobs) so any prefix has every group.
 */
export function unitBlobs(n: number, blobs: number, dims: number, noise = 0.35, seed = 1): Blobs {
  const random = seededRandom(seed);
  const centres = Float32Array.from({ length: blobs * dims }, () => gaussian(random));
  const vectors = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const b = i % blobs;
    labels[i] = b;
    let norm = 0;
    for (let c = 0; c < dims; c++) {
      const v = (centres[b * dims + c] as number) + noise * gaussian(random);
      vectors[i * dims + c] = v;
      norm += v * v;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let c = 0; c < dims; c++) vectors[i * dims + c] = (vectors[i * dims + c] as number) * scale;
  }
  return { vectors, labels, n, dims };
}

/** Rows `from..to` of a row-major matrix, as an offset-0 copy. */
export function rows(matrix: Float32Array, dims: number, from: number, to: number): Float32Array {
  return matrix.slice(from * dims, to * dims);
}
