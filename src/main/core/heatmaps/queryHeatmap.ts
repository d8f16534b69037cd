import type { HeatmapAxisItem, QueryHeatmap } from '../../../shared/api/methods/heatmap';
import type { DocumentKind } from '../../../shared/api/methods/library';
import { parseQueryArithmetic } from '../search/parseQueryArithmetic';
import { queryVector } from '../search/queryVector';
import type { SearchMode } from '../search/searchTypes';
import { chunkKeyFor } from '../store/chunkIdentity';
import type { LibraryStore } from '../store/libraryStore';
import type { ModelRecord } from '../store/storeTypes';
import { applyVectorSpace } from '../vectorSpace/vectorSpace';
import { normalizeRows } from '../math/vectorRows';
import { modelMatrix, type ModelMatrix } from '../similarity/modelSpace';
import { docRef, finiteRange, plainCopy, type SimilarityService } from '../similarity/similarityService';

/**
 * Query x results: the top-k results of a search (the real search: hybrid by default, so what the
 * user sees on the Search screen) against each other, plus the query's own row and column, so the
 * user sees which answers belong together (a block of mutually similar hits) and which stand alone.
 * Similarities are cosines of the chunks' stored vectors in the library-fitted chunk space
 * (vectorSpace/); the query row uses the vector the search ranked with (its `+a -b` arithmetic, in
 * semantic mode its content words), mapped alike. `scores` are the search's own scores (fused in hybrid mode).
 */
export async function queryHeatmap(
  service: SimilarityService,
  input: { model?: string | undefined; q: string; k: number; mode: SearchMode },
): Promise<QueryHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const stored = (await store.models.get(modelId)) as ModelRecord;
  const embedder = await service.embedderFor(modelId);
  const index = await service.library.vectorIndex(embedder.info);
  const response = await service.search.run(
    { store, index, embedder },
    { q: input.q, k: input.k, mode: input.mode, model: modelId },
  );
  const hits = response.hits;
  // The row of the vector the semantic side ranked with (in semantic mode the query's content words,
  // in hybrid mode steered by its keyword hits); keyword mode embeds the query as typed.
  const vector = response.denseQuery ?? (await queryVector(embedder, parseQueryArithmetic(input.q)));
  const matrix = await queryMatrix(
    store,
    stored,
    vector,
    hits.map((h) => chunkKeyFor(h.chunkId)),
  );
  // In the library-fitted chunk space: raw cosines of one library's chunks are all alike.
  const fitted = await service.chunkSpace(modelId);
  const values = await service.pool.gram(modelMatrix(stored, applyVectorSpace(fitted, matrix.data)));
  const catalog = await store.catalog();
  const axis: HeatmapAxisItem[] = [
    { id: 'query', label: `Query: ${input.q}` },
    ...hits.map((h, i): HeatmapAxisItem => {
      const doc = catalog.byId.get(h.docId);
      const ref = doc
        ? docRef(doc)
        : { docId: h.docId, title: h.title, path: h.path, kind: h.kind as DocumentKind };
      const where = h.page !== null ? ` (p. ${h.page})` : '';
      return { id: h.chunkId, label: `${i + 1}. ${ref.title}${where}`, doc: ref, page: h.page };
    }),
  ];
  return {
    kind: 'query',
    model: modelId,
    dataVersion: await store.dataVersion(),
    query: input.q,
    mode: input.mode,
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
  for (const [key, vector] of await store.vectorsByKeys(model.id, keys)) {
    const row = rowOfKey.get(BigInt.asIntN(64, key));
    if (row !== undefined) data.set(vector, row * dims);
  }
  return modelMatrix(model, normalizeRows(data, dims));
}
