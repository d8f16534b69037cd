import type { Data, FixedSizeList, RecordBatch } from 'apache-arrow';
import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import type { DocumentRecord, ModelRecord } from '../store/storeTypes';
import { sqlString } from '../store/filterSql';
import { modelMatrix, normalizeRows, type ModelMatrix } from './modelSpace';
import { CrossModelError } from './modelSpace';
import { sharedFloats } from './similarityPool';

/**
 * Document vectors of one model: the normalised mean of each document's visible chunk vectors (chunk
 * rows whose document is `ok` with the same generation, the store's visibility rule). Documents without
 * vectors for the model (not embedded with it yet) are simply absent.
 *
 * (The Map engineer's src/main/core/analyze may grow the same notion; this is the one the heatmaps,
 * duplicates and explorer use until the two are merged.)
 */
export interface DocumentSpace {
  model: ModelRecord;
  /** store.dataVersion() when loaded: the cache key. */
  dataVersion: string;
  docs: DocumentRecord[];
  /** Row of each document id. */
  rowOf: Map<string, number>;
  /** Unit document vectors, SharedArrayBuffer-backed (workers read them in place). */
  matrix: ModelMatrix;
  /** Visible chunk vectors averaged into each row. */
  chunkCounts: Int32Array;
}

/** Reads every visible vector of `modelId` and averages them per document. */
export async function loadDocumentSpace(store: LibraryStore, modelId: string): Promise<DocumentSpace> {
  const dataVersion = await store.dataVersion();
  const model = await store.models.get(modelId);
  const table = await store.vectorsTable(modelId);
  if (!model || !table) throw new UnknownModelError(modelId);
  // Every row carries the fingerprint it was made with; a row of another fingerprint in this table
  // would be a different model's vector, and averaging it in would be cross-model maths.
  const foreign = await table.countRows(`\`fingerprint\` != ${sqlString(model.fingerprint)}`);
  if (foreign > 0) {
    throw new CrossModelError(model, { id: model.id, dims: model.dims, fingerprint: 'another fingerprint' });
  }
  const catalog = await store.catalog();
  const sums = new Map<string, { sum: Float32Array; count: number }>();
  const dims = model.dims;
  for await (const batch of table.query().select(['docId', 'generation', 'vector'])) {
    const docIds = batch.getChild('docId');
    const generations = batch.getChild('generation');
    const vectors = flatVectors(batch, dims);
    if (!docIds || !generations) continue;
    for (let i = 0; i < batch.numRows; i++) {
      const docId = String(docIds.get(i));
      if (!catalog.visibleDocument(docId, String(generations.get(i)))) continue;
      let entry = sums.get(docId);
      if (!entry) {
        entry = { sum: new Float32Array(dims), count: 0 };
        sums.set(docId, entry);
      }
      const at = i * dims;
      for (let d = 0; d < dims; d++) entry.sum[d] = (entry.sum[d] as number) + (vectors[at + d] as number);
      entry.count++;
    }
  }
  const docs = [...sums.keys()]
    .map((id) => catalog.byId.get(id) as DocumentRecord)
    .sort((a, b) => a.path.localeCompare(b.path));
  const data = sharedFloats(docs.length * dims);
  const chunkCounts = new Int32Array(docs.length);
  docs.forEach((doc, row) => {
    const entry = sums.get(doc.id) as { sum: Float32Array; count: number };
    data.set(entry.sum, row * dims);
    chunkCounts[row] = entry.count;
  });
  normalizeRows(data, dims);
  return {
    model,
    dataVersion,
    docs,
    rowOf: new Map(docs.map((d, i) => [d.id, i])),
    matrix: modelMatrix(model, data),
    chunkCounts,
  };
}

/**
 * A batch's FixedSizeList<Float32> `vector` column as one flat array (respecting Arrow slice offsets;
 * the same walk as store/vectorRows.ts, which keeps its copy private).
 */
function flatVectors(batch: RecordBatch, dims: number): Float32Array {
  const column = batch.getChild('vector');
  const out = new Float32Array(batch.numRows * dims);
  if (!column) return out;
  let row = 0;
  for (const data of column.data as Array<Data<FixedSizeList>>) {
    const child = data.children[0];
    const values = child?.values as Float32Array | undefined;
    if (!child || !values) throw new Error('vector column without float values');
    const start = child.offset + data.offset * dims;
    out.set(values.subarray(start, start + data.length * dims), row * dims);
    row += data.length;
  }
  return out;
}
