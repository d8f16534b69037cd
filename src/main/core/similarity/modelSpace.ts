import { LociError } from '../../../shared/api/errors';
import type { VectorModel } from '../store/storeTypes';

/**
 * Vectors only mean something next to vectors of the same model: a cosine between a use-lite vector
 * and a MiniLM vector is a number without a meaning (and with other dims, not even a number). Every
 * matrix the similarity code works on is therefore a `ModelMatrix`, made only by `modelMatrix()` and
 * tagged with the model's id, dims and fingerprint; every function that combines two of them calls
 * `assertSameSpace` first. The brand makes a bare Float32Array unusable where a ModelMatrix is
 * expected, so the check cannot be skipped by accident.
 */
declare const modelMatrixBrand: unique symbol;

export interface ModelMatrix {
  readonly [modelMatrixBrand]: true;
  readonly model: VectorModel;
  /** Number of vectors (rows). */
  readonly rows: number;
  /** Row-major, `rows * model.dims` floats, unit-length rows (zero rows stay zero). */
  readonly data: Float32Array;
}

/** Raised when two vector sets of different models (or fingerprints) meet in one computation. */
export class CrossModelError extends LociError {
  constructor(a: VectorModel, b: VectorModel) {
    super(
      'CONFLICT',
      `Vectors of model "${a.id}" (${a.dims}-d, ${a.fingerprint.slice(0, 12)}) cannot be compared with ` +
        `vectors of model "${b.id}" (${b.dims}-d, ${b.fingerprint.slice(0, 12)}).`,
    );
  }
}

/** True when vectors of `a` and `b` live in the same space: same id, dims and fingerprint. */
export function sameSpace(a: VectorModel, b: VectorModel): boolean {
  return a.id === b.id && a.dims === b.dims && a.fingerprint === b.fingerprint;
}

/** Throws CrossModelError unless `a` and `b` are the same model. */
export function assertSameSpace(a: VectorModel, b: VectorModel): void {
  if (!sameSpace(a, b)) throw new CrossModelError(a, b);
}

/** Wraps row-major vectors of one model. The data must already be unit-length rows. */
export function modelMatrix(model: VectorModel, data: Float32Array): ModelMatrix {
  if (model.dims <= 0 || data.length % model.dims !== 0) {
    throw new Error(`model ${model.id}: ${data.length} floats is not a whole number of ${model.dims}-d rows`);
  }
  return { model, rows: data.length / model.dims, data } as ModelMatrix;
}

/** The same model's vectors for a subset of rows (in the order given). */
export function selectRows(matrix: ModelMatrix, rows: readonly number[]): ModelMatrix {
  const dims = matrix.model.dims;
  const out = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => out.set(matrix.data.subarray(r * dims, (r + 1) * dims), i * dims));
  return modelMatrix(matrix.model, out);
}

/**
 * Cosine of every row of `matrix` with the one row of `query` (n x d times d: small enough to run
 * inline). Refuses a query of another model.
 */
export function similaritiesTo(matrix: ModelMatrix, query: ModelMatrix): Float32Array {
  assertSameSpace(matrix.model, query.model);
  if (query.rows !== 1) throw new Error(`expected one query vector, got ${query.rows}`);
  const dims = matrix.model.dims;
  const out = new Float32Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += (matrix.data[i * dims + d] as number) * (query.data[d] as number);
    out[i] = s;
  }
  return out;
}

/** Indices of the `k` highest scores, best first, skipping `exclude`. */
export function topIndices(
  scores: Float32Array,
  k: number,
  exclude: (i: number) => boolean = () => false,
): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!exclude(i) && Number.isFinite(scores[i])) idx.push(i);
  idx.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return idx.slice(0, k);
}
