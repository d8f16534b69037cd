import type { HeatmapAxisItem, QueryHeatmap } from '../../../shared/api/methods/heatmap';
import { parseQueryArithmetic } from '../search/parseQueryArithmetic';
import { queryVector } from '../search/queryVector';
import type { LibraryStore } from '../store/libraryStore';
import type { ChunkRecord, ModelRecord } from '../store/storeTypes';
import { iterateVectorBatches } from '../store/vectorRows';
import { modelMatrix, normalizeRows, type ModelMatrix } from './modelSpace';
import { docRef, finiteRange, plainCopy, type SimilarityService } from './similarityService';

/**
 * Query x results: the query's top-k chunks against each other, plus the query's own row and column,
 * so the user sees which answers belong together (a block of mutually similar hits) and which stand
 * alone. The query may use arithmetic (`+a -b`), as in search.
 */
export async function queryHeatmap(
  service: SimilarityService,
  input: { model?: string | undefined; q: string; k: number },
): Promise<QueryHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const stored = (await store.models.get(modelId)) as ModelRecord;
  const embedder = await service.embedderFor(modelId);
  const vector = await queryVector(embedder, parseQueryArithmetic(input.q));
  const catalog = await store.catalog();
  // Over-fetch: hits of replaced generations are dropped below.
  const raw = await store.exactVectorHits(modelId, vector, { limit: input.k * 3 });
  const visible = raw.filter((h) => catalog.visibleDocument(h.docId, h.generation)).slice(0, input.k);
  const chunks = new Map((await store.chunksByKeys(visible.map((h) => h.key))).map((c) => [c.key, c]));
  const hits = visible.filter((h) => chunks.has(h.key));
  const matrix = await queryMatrix(
    store,
    stored,
    vector,
    hits.map((h) => h.key),
  );
  const values = await service.pool.gram(matrix);
  const axis: HeatmapAxisItem[] = [
    { id: 'query', label: `Query: ${input.q}` },
    ...hits.map((h, i): HeatmapAxisItem => {
      const chunk = chunks.get(h.key) as ChunkRecord;
      const ref = docRef(catalog.byId.get(chunk.docId)!);
      const where = chunk.page !== null ? ` (p. ${chunk.page})` : '';
      return { id: chunk.id, label: `${i + 1}. ${ref.title}${where}`, doc: ref, page: chunk.page };
    }),
  ];
  return {
    kind: 'query',
    model: modelId,
    dataVersion: await store.dataVersion(),
    query: input.q,
    scores: hits.map((h) => h.score),
    rows: axis,
    cols: axis,
    values: plainCopy(values),
    range: finiteRange(values),
    tookMs: performance.now() - started,
  };
}

/** The query vector followed by the hits' stored vectors, in hit order, as one matrix of the model. */
async function queryMatrix(
  store: LibraryStore,
  model: ModelRecord,
  query: Float32Array,
  keys: bigint[],
): Promise<ModelMatrix> {
  const dims = model.dims;
  const data = new Float32Array((keys.length + 1) * dims);
  data.set(query, 0);
  const rowOfKey = new Map(keys.map((key, i) => [key, i + 1]));
  const table = await store.models.table(model.id);
  if (table && keys.length > 0) {
    for await (const batch of iterateVectorBatches(table, dims, { keys })) {
      batch.keys.forEach((key, i) => {
        const row = rowOfKey.get(BigInt.asIntN(64, key));
        if (row !== undefined) data.set(batch.vectors.subarray(i * dims, (i + 1) * dims), row * dims);
      });
    }
  }
  return modelMatrix(model, normalizeRows(data, dims));
}
