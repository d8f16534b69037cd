import { seededRandom } from './sphericalKMeans';

/**
 * A 2D principal-component projection, fitted on a model's document vectors, for drawing the
 * explorer's analogy arrows on a flat scatter of the library. Power iteration with deflation: two
 * components of a (rows x dims) matrix cost a few dozen passes over it, no eigen-solver needed.
 */

export interface Projection2D {
  dims: number;
  mean: Float32Array;
  /** Two unit components, row-major (2 x dims). */
  components: Float32Array;
}

/** Fits the two leading principal components of the rows (seeded start, so results repeat). */
export function fitPca2D(data: Float32Array, rows: number, dims: number, iterations = 40): Projection2D {
  const mean = new Float32Array(dims);
  for (let i = 0; i < rows; i++)
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (data[i * dims + d] as number);
  if (rows > 0) for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) / rows;
  const components = new Float32Array(2 * dims);
  const random = seededRandom(7);
  for (let c = 0; c < 2; c++) {
    let v = new Float64Array(dims).map(() => random() - 0.5);
    normalize(v);
    for (let it = 0; it < iterations; it++) {
      const next = new Float64Array(dims);
      for (let i = 0; i < rows; i++) {
        // (x - mean) . v, minus the part along earlier components (deflation)
        let p = 0;
        for (let d = 0; d < dims; d++)
          p += ((data[i * dims + d] as number) - (mean[d] as number)) * (v[d] as number);
        for (let d = 0; d < dims; d++)
          next[d] = (next[d] as number) + p * ((data[i * dims + d] as number) - (mean[d] as number));
      }
      for (let prev = 0; prev < c; prev++) {
        let p = 0;
        for (let d = 0; d < dims; d++) p += (next[d] as number) * (components[prev * dims + d] as number);
        for (let d = 0; d < dims; d++)
          next[d] = (next[d] as number) - p * (components[prev * dims + d] as number);
      }
      if (!normalize(next)) break; // no variance left in this direction
      v = next;
    }
    components.set(v, c * dims);
  }
  return { dims, mean, components };
}

/** (x, y) of one vector under the projection. */
export function project(p: Projection2D, vector: Float32Array): [number, number] {
  let x = 0;
  let y = 0;
  for (let d = 0; d < p.dims; d++) {
    const centred = (vector[d] as number) - (p.mean[d] as number);
    x += centred * (p.components[d] as number);
    y += centred * (p.components[p.dims + d] as number);
  }
  return [x, y];
}

/** Interleaved (x, y) pairs of every row. */
export function projectRows(p: Projection2D, data: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    const [x, y] = project(p, data.subarray(i * p.dims, (i + 1) * p.dims));
    out[i * 2] = x;
    out[i * 2 + 1] = y;
  }
  return out;
}

function normalize(v: Float64Array): boolean {
  let s = 0;
  for (const x of v) s += x * x;
  if (s <= 1e-20) return false;
  const scale = 1 / Math.sqrt(s);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * scale;
  return true;
}
