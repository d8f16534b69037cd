import { currentDocumentVectors } from '../vectorSpace/documentVectors';
import { UnknownModelError } from '../store/storeErrors';
import type { DocumentRecord } from '../store/storeTypes';
import { workerStore } from './workerStores';

export interface DocumentMeans {
  /** The library data version the vectors were read at. */
  dataVersion: string;
  /** Documents with vectors for the model, in row order. */
  docs: DocumentRecord[];
  /** Unit mean vectors (normalised mean of each document's visible chunk vectors), row-major, shared. */
  data: Float32Array;
}

/**
 * A model's document vectors, read inside the similarity worker. The vectors come from the Map's
 * document-vector cache (vectorSpace/documentVectors.ts: the same vectors, cached in index/map and
 * updated incrementally), so the map and the heatmaps share both the code and the work. Documents
 * are taken from the worker's own catalog, so rows and records always belong to one commit.
 */
export async function documentMeans(libraryDir: string, modelId: string): Promise<DocumentMeans> {
  const store = await workerStore(libraryDir);
  const dataVersion = await store.dataVersion();
  const model = await store.vectorModel(modelId);
  if (!model) throw new UnknownModelError(modelId);
  const catalog = await store.catalog();
  const vectors = await currentDocumentVectors(store, model, catalog);
  const data = new Float32Array(new SharedArrayBuffer(vectors.vectors.length * 4));
  data.set(vectors.vectors);
  return { dataVersion, docs: vectors.ids.map((id) => catalog.byId.get(id) as DocumentRecord), data };
}
