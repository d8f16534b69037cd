import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import type { DocumentRecord, ModelRecord } from '../store/storeTypes';
import { sqlString } from '../store/filterSql';
import { CrossModelError, modelMatrix, type ModelMatrix } from './modelSpace';
import type { SimilarityPool } from './similarityPool';
import { loadOrFitSpace } from '../vectorSpace/librarySpace';
import { applyVectorSpace, type VectorSpace } from '../vectorSpace/vectorSpace';

/**
 * Document vectors of one model: the normalised mean of each document's visible chunk vectors (chunk
 * rows whose document is `ok` with the same generation, the store's visibility rule). Documents without
 * vectors for the model (not embedded with it yet) are simply absent.
 *
 * The vectors come from the document-vector cache (vectorSpace/documentVectors.ts), shared with the Map.
 */
export interface DocumentSpace {
  model: ModelRecord;
  /** The data version the vectors were read at. */
  dataVersion: string;
  docs: DocumentRecord[];
  /** Row of each document id. */
  rowOf: Map<string, number>;
  /** Unit document vectors, SharedArrayBuffer-backed (workers read them in place). */
  matrix: ModelMatrix;
  /**
   * The library-fitted space the vectors were mapped into (vectorSpace/), null for the raw model
   * space. Anything compared against `matrix` (a query, a chunk vector) must be mapped with it too.
   */
  fitted: VectorSpace | null;
}

/**
 * A model's document vectors (read and averaged in a worker, see documentMeans.ts). Refuses a vectors
 * table holding rows of another fingerprint.
 */
export async function loadDocumentSpace(
  store: LibraryStore,
  modelId: string,
  pool: SimilarityPool,
): Promise<DocumentSpace> {
  const model = await store.vectorModel(modelId);
  if (!model) throw new UnknownModelError(modelId);
  // Every row carries the fingerprint it was made with; a row of another fingerprint in this table
  // would be a different model's vector, and averaging it in would be cross-model maths.
  const foreign = await store.countVectors(modelId, `\`fingerprint\` != ${sqlString(model.fingerprint)}`);
  if (foreign > 0) {
    throw new CrossModelError(model, { id: model.id, dims: model.dims, fingerprint: 'another fingerprint' });
  }
  const means = await pool.run({ op: 'documentMeans', libraryDir: store.dir, modelId });
  return {
    model,
    dataVersion: means.dataVersion,
    docs: means.docs,
    rowOf: new Map(means.docs.map((d, i) => [d.id, i])),
    matrix: modelMatrix(model, means.data),
    fitted: null,
  };
}

/**
 * The same documents in the library-fitted space (mean-centred, fitted on these document vectors at
 * this data version, stored in index/space): what similarity views show, because in the raw space
 * every pair of documents looks alike (FINDINGS.md).
 */
export function fitDocumentSpace(indexDir: string, raw: DocumentSpace): DocumentSpace {
  const model = raw.matrix.model;
  const fitted = loadOrFitSpace(indexDir, model, 'document', raw.dataVersion, raw.matrix.data);
  const mapped = applyVectorSpace(fitted, raw.matrix.data);
  const shared = new Float32Array(new SharedArrayBuffer(mapped.length * 4));
  shared.set(mapped);
  return { ...raw, matrix: modelMatrix(model, shared), fitted };
}

/** A vector of the model mapped into the space `space` was drawn in (unchanged for the raw space). */
export function intoSpace(space: DocumentSpace, vector: Float32Array): Float32Array {
  return space.fitted ? applyVectorSpace(space.fitted, vector) : vector;
}
