import { LociError } from '../../../shared/api/errors';
import type { PassageRef } from '../../../shared/api/methods/documents';
import type { PassagePairResult } from '../../../shared/api/methods/heatmap';
import type { ChunkRecord, ModelRecord } from '../store/storeTypes';
import { applyVectorSpace } from '../vectorSpace/vectorSpace';
import { modelMatrix, type ModelMatrix } from '../similarity/modelSpace';
import type { SimilarityService } from '../similarity/similarityService';

/**
 * Chunks per document compared at most (evenly spread): 4,000 x 4,000 cosines is 16 M products of
 * 512-d rows, a second in the similarity workers; a longer document is sampled rather than stalling.
 */
const MAX_CHUNKS = 4000;

/**
 * Where two documents are most alike: the pair of passages, one in each, whose stored chunk vectors
 * are closest, in the library-fitted chunk space the heatmaps use (raw cosines of one library's chunks
 * are all alike). What a click on a heatmap cell opens, so the reader lands on the matching passages
 * instead of two first pages.
 */
export async function passagePair(
  service: SimilarityService,
  input: { model?: string | undefined; a: string; b: string },
): Promise<PassagePairResult> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const stored = (await store.models.get(modelId)) as ModelRecord;
  for (const id of [input.a, input.b]) {
    if (!(await store.getDocument(id))) throw new LociError('NOT_FOUND', `No document ${id} in this library`);
  }
  const [chunksA, chunksB] = await Promise.all([store.getChunks(input.a), store.getChunks(input.b)]);
  const sideA = spread(chunksA);
  const sideB = spread(chunksB);
  const vectors = await store.vectorsByKeys(
    modelId,
    [...sideA, ...sideB].map((c) => c.key),
  );
  const withVectorA = sideA.filter((c) => vectors.has(c.key));
  const withVectorB = sideB.filter((c) => vectors.has(c.key));
  const none = { model: modelId, match: null, tookMs: performance.now() - started };
  if (withVectorA.length === 0 || withVectorB.length === 0) return none;

  const fitted = await service.chunkSpace(modelId);
  const matrix = (chunks: ChunkRecord[]): ModelMatrix => {
    const data = new Float32Array(chunks.length * stored.dims);
    chunks.forEach((c, i) => data.set(vectors.get(c.key) as Float32Array, i * stored.dims));
    return modelMatrix(stored, applyVectorSpace(fitted, data));
  };
  const cosines = await service.pool.gram(matrix(withVectorA), matrix(withVectorB));
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < cosines.length; i++) {
    const v = cosines[i] as number;
    if (v > bestScore) {
      bestScore = v;
      best = i;
    }
  }
  if (best < 0) return none;
  const a = withVectorA[Math.floor(best / withVectorB.length)] as ChunkRecord;
  const b = withVectorB[best % withVectorB.length] as ChunkRecord;
  return {
    model: modelId,
    match: { a: passageRef(a), b: passageRef(b), score: Math.max(-1, Math.min(1, bestScore)) },
    tookMs: performance.now() - started,
  };
}

/** At most MAX_CHUNKS chunks, evenly spread over the document. */
function spread(chunks: ChunkRecord[]): ChunkRecord[] {
  if (chunks.length <= MAX_CHUNKS) return chunks;
  const step = chunks.length / MAX_CHUNKS;
  return Array.from({ length: MAX_CHUNKS }, (_, i) => chunks[Math.floor(i * step)] as ChunkRecord);
}

function passageRef(c: ChunkRecord): PassageRef {
  return { chunkId: c.id, page: c.page, charStart: c.charStart, charEnd: c.charEnd, text: c.text };
}
