import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import type { DocumentRecord, ModelRecord } from '../store/storeTypes';
import { sqlString } from '../store/filterSql';
import { CrossModelError, modelMatrix, type ModelMatrix } from './modelSpace';
import type { SimilarityPool } from './similarityPool';

/**
 * Document vectors of one model: the normalised mean of each document's visible chunk vectors (chunk
 * rows whose document is `ok` with the same generation, the store's visibility rule). Documents without
 * vectors for the model (not embedded with it yet) are simply absent.
 *
 * The vectors are the Map's (analyze/documentVectors.ts), shared through its cache.
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
  };
}
