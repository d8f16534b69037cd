import { fitPca } from '../math/pca';

/**
 * A library-fitted vector space: the raw model space re-centred on the library's own mean and,
 * optionally, with its few dominant directions removed ("all-but-the-top", Mu & Viswanath 2018).
 *
 * Why: mean-pooled sentence vectors share one large common direction, so every cosine between two
 * documents of a library is high (median 0.84 raw on 52 real PDFs, -0.04 centred; see FINDINGS.md).
 * A similarity view drawn in the raw space is one uniform colour. The fitted space keeps what tells
 * documents apart. It is not better for everything: raw cosine separates near-copies better and does
 * not hurt search, so callers choose per use (measure before switching a use over).
 *
 * A space is fitted on one set of vectors (a library's chunk vectors or its document vectors for one
 * model) and must be applied to everything compared in it: stored vectors and queries alike.
 */
export type SpaceLevel = 'chunk' | 'document';

export interface VectorSpace {
  /** Model the space was fitted for (id and fingerprint: a space of another model is never applied). */
  modelId: string;
  fingerprint: string;
  dims: number;
  level: SpaceLevel;
  /** The data the space was fitted on (e.g. the library data version or the vectors table version). */
  version: string;
  /** Rows the mean was computed over. */
  rows: number;
  /** The library mean (dims floats). */
  mean: Float32Array;
  /** Dominant directions removed after centring: removed x dims, unit rows (empty when removed = 0). */
  directions: Float32Array;
  removed: number;
}

export interface FitOptions {
  /** Dominant directions to remove after centring (0 = centring only, the default). */
  removeTop?: number;
  /** Rows the directions are estimated from (seeded sample; default 4096, see fitPca). */
  sample?: number;
}

export interface SpaceIdentity {
  modelId: string;
  fingerprint: string;
  dims: number;
  level: SpaceLevel;
  version: string;
}

/** Fits a space on `data`: row-major vectors of `identity.dims` floats. */
export function fitVectorSpace(
  identity: SpaceIdentity,
  data: Float32Array,
  options: FitOptions = {},
): VectorSpace {
  const d = identity.dims;
  if (d <= 0 || data.length % d !== 0) throw new Error(`${data.length} floats is not whole ${d}-d rows`);
  const n = data.length / d;
  const removed = Math.max(0, Math.min(options.removeTop ?? 0, d - 1, Math.max(0, n - 1)));
  if (n === 0) {
    return { ...identity, rows: 0, mean: new Float32Array(d), directions: new Float32Array(0), removed: 0 };
  }
  if (removed > 0) {
    const pca = fitPca(data, n, d, removed, { sample: options.sample ?? 4096 });
    return { ...identity, rows: n, mean: pca.mean, directions: pca.basis, removed };
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < d; k++) mean[k] = (mean[k] as number) + (data[i * d + k] as number);
  return {
    ...identity,
    rows: n,
    mean: Float32Array.from(mean, (v) => v / n),
    directions: new Float32Array(0),
    removed: 0,
  };
}

/** True when `space` was fitted for this model (same id, dims, fingerprint). */
export function spaceFits(
  space: VectorSpace,
  model: { id: string; dims: number; fingerprint: string },
): boolean {
  return space.modelId === model.id && space.dims === model.dims && space.fingerprint === model.fingerprint;
}

/**
 * Maps row-major vectors into the space: subtract the mean, remove the dominant directions, scale to
 * unit length (a row that becomes zero stays zero). Returns a new array; cosine in the space is the
 * dot product of two mapped rows.
 */
export function applyVectorSpace(space: VectorSpace, data: Float32Array): Float32Array {
  const d = space.dims;
  if (data.length % d !== 0) throw new Error(`${data.length} floats is not whole ${d}-d rows`);
  const out = new Float32Array(data.length);
  const { mean, directions, removed } = space;
  for (let at = 0; at < data.length; at += d) {
    for (let k = 0; k < d; k++) out[at + k] = (data[at + k] as number) - (mean[k] as number);
    for (let c = 0; c < removed; c++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += (out[at + k] as number) * (directions[c * d + k] as number);
      for (let k = 0; k < d; k++)
        out[at + k] = (out[at + k] as number) - dot * (directions[c * d + k] as number);
    }
    let sum = 0;
    for (let k = 0; k < d; k++) sum += (out[at + k] as number) ** 2;
    if (!(sum > 1e-20) || !Number.isFinite(sum)) {
      out.fill(0, at, at + d);
      continue;
    }
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < d; k++) out[at + k] = (out[at + k] as number) * scale;
  }
  return out;
}
