import type { ExploreHit, ExploreResult, NeighbourResult } from '../../../shared/api/methods/explore';
import { LociError } from '../../../shared/api/errors';
import type { ParsedQuery, QueryPart } from '../search/parseQueryArithmetic';
import { queryVector } from '../search/queryVector';
import { chunkKeyFor } from '../store/chunkIdentity';
import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import { projectPca } from '../math/pca';
import { normalizeRows } from '../math/vectorRows';
import {
  assertSameSpace,
  modelMatrix,
  similaritiesTo,
  topIndices,
  type ModelMatrix,
} from '../similarity/modelSpace';
import { docRef, type SimilarityService } from '../similarity/similarityService';
import { vocabularyVectors } from './vocabularyVectors';
import { intoSpace } from '../similarity/documentVectors';

/** Background documents drawn on the explorer's scatter (an even sample above this). */
const MAP_POINTS = 2000;
const SNIPPET_CHARS = 320;

/**
 * The vector-space explorer: `A - B + C` over any number of parts, answered with the nearest chunks of
 * the library, the nearest key terms of its vocabulary (the inputs themselves excluded, as in the
 * classic word-analogy test) and a 2D picture of the arithmetic.
 */
export async function exploreArithmetic(
  service: SimilarityService,
  input: { plus: string[]; minus: string[]; k: number; model?: string | undefined },
): Promise<ExploreResult> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const embedder = await service.embedderFor(modelId);
  const parts: QueryPart[] = [
    ...input.plus.map((text) => ({ text, sign: 1 as const, quoted: true })),
    ...input.minus.map((text) => ({ text, sign: -1 as const, quoted: true })),
  ];
  const parsed: ParsedQuery = {
    parts,
    positive: parts.filter((p) => p.sign === 1),
    negative: parts.filter((p) => p.sign === -1),
  };
  const result = modelMatrix(embedder.info, await queryVector(embedder, parsed));
  const store = await service.store();
  const chunks = await nearestChunks(store, result, input.k);

  const vocabulary = await vocabularyVectors(service, modelId);
  const typed = new Set(parts.map((p) => p.text.trim().toLowerCase()));
  const termScores = similaritiesTo(vocabulary.matrix, result);
  const terms = topIndices(termScores, input.k, (i) => typed.has(vocabulary.terms[i]!.term)).map((i) => ({
    term: vocabulary.terms[i]!.term,
    score: termScores[i] as number,
    df: vocabulary.terms[i]!.df,
  }));

  // The picture: each part, the result and the hits' documents on the library's 2D projection.
  const [space, pca, clustering] = await Promise.all([
    service.space(modelId),
    service.projection(modelId),
    service.clustering(modelId),
  ]);
  const { vectors: partVectors } = await embedder.embed(
    parts.map((p) => p.text),
    { purpose: 'query' },
  );
  // The projection was fitted in the library-fitted space: parts are mapped into it first.
  const at = (v: Float32Array): [number, number] => {
    const xy = projectPca(pca.projection, intoSpace(space, normalizeRows(Float32Array.from(v), v.length)), 1);
    return [xy[0] as number, (xy[1] ?? 0) as number];
  };
  const step = Math.max(1, Math.ceil(space.docs.length / MAP_POINTS));
  const shown = Array.from({ length: Math.ceil(space.docs.length / step) }, (_, i) => i * step);
  const points = new Float32Array(shown.length * 2);
  shown.forEach((row, i) => points.set(pca.coords.subarray(row * 2, row * 2 + 2), i * 2));
  const [rx, ry] = at(result.data);
  return {
    model: modelId,
    parts: parts.map((p) => ({ text: p.text, sign: p.sign })),
    chunks,
    terms,
    vocabularySize: vocabulary.terms.length,
    map: {
      projection: 'pca',
      points,
      pointLabels: shown.map((row) => docRef(space.docs[row]!).title),
      pointTopics: Int32Array.from(shown, (row) => clustering.clusterOf[row] ?? -1),
      topics: clustering.labels,
      parts: parts.map((p, i) => {
        const [x, y] = at(partVectors[i]!);
        return { label: p.text, sign: p.sign, x, y };
      }),
      result: { label: input.minus.length > 0 ? 'result' : 'sum', x: rx, y: ry },
      neighbours: chunks.flatMap((hit) => {
        const row = space.rowOf.get(hit.doc.docId);
        if (row === undefined) return [];
        return [
          { label: hit.doc.title, x: pca.coords[row * 2] as number, y: pca.coords[row * 2 + 1] as number },
        ];
      }),
    },
    tookMs: performance.now() - started,
  };
}

/** Nearest documents (by document vector) and chunks of one document or one chunk. */
export async function exploreNeighbours(
  service: SimilarityService,
  input: { docId?: string | undefined; chunkId?: string | undefined; k: number; model?: string | undefined },
): Promise<NeighbourResult> {
  const modelId = await service.resolveModel(input.model);
  const store = await service.store();
  const space = await service.space(modelId);
  const raw = await service.rawSpace(modelId);
  // `vector` is in the raw model space (what chunk search compares); documents are compared in the
  // library-fitted space, so the vector is mapped into it for that.
  let vector: ModelMatrix;
  let of: NeighbourResult['of'];
  if (input.chunkId) {
    const key = chunkKeyFor(input.chunkId);
    const [chunk] = await store.chunksByKeys([key]);
    const doc = chunk && (await store.catalog()).visibleDocument(chunk.docId, chunk.generation);
    if (!chunk || !doc) throw new LociError('NOT_FOUND', `No chunk ${input.chunkId} in this library`);
    vector = await storedVector(store, space.matrix.model.id, key);
    of = { doc: docRef(doc), chunkId: chunk.id, text: chunk.text };
  } else {
    const row = space.rowOf.get(input.docId as string);
    if (row === undefined)
      throw new LociError('NOT_FOUND', `Document ${input.docId} has no vectors for model "${modelId}"`);
    const dims = raw.matrix.model.dims;
    const rawRow = raw.rowOf.get(input.docId as string) as number;
    vector = modelMatrix(raw.matrix.model, raw.matrix.data.slice(rawRow * dims, (rawRow + 1) * dims));
    of = { doc: docRef(space.docs[row]!), chunkId: null, text: null };
  }
  const self = space.rowOf.get(of.doc.docId) ?? -1;
  const scores = similaritiesTo(space.matrix, modelMatrix(vector.model, intoSpace(space, vector.data)));
  const documents = topIndices(scores, input.k, (i) => i === self).map((i) => ({
    doc: docRef(space.docs[i]!),
    score: scores[i] as number,
  }));
  const chunks = await nearestChunks(store, vector, input.k, (hit) =>
    of.chunkId ? hit.chunkId === of.chunkId : hit.doc.docId === of.doc.docId,
  );
  return { model: modelId, of, documents, chunks };
}

/** The visible chunks nearest to a unit vector (exact search in LanceDB), best first. */
async function nearestChunks(
  store: LibraryStore,
  query: ModelMatrix,
  k: number,
  skip: (hit: ExploreHit) => boolean = () => false,
): Promise<ExploreHit[]> {
  const stored = await store.models.get(query.model.id);
  if (!stored) throw new UnknownModelError(query.model.id);
  assertSameSpace(query.model, stored);
  const catalog = await store.catalog();
  const raw = await store.exactVectorHits(stored.id, query.data, { limit: k * 3 + 10 });
  const visible = raw.filter((h) => catalog.visibleDocument(h.docId, h.generation));
  const chunks = new Map((await store.chunksByKeys(visible.map((h) => h.key))).map((c) => [c.key, c]));
  const hits: ExploreHit[] = [];
  for (const h of visible) {
    const chunk = chunks.get(h.key);
    const doc = chunk && catalog.byId.get(chunk.docId);
    if (!chunk || !doc) continue;
    const hit: ExploreHit = {
      chunkId: chunk.id,
      doc: docRef(doc),
      page: chunk.page,
      text: chunk.text.length > SNIPPET_CHARS ? `${chunk.text.slice(0, SNIPPET_CHARS)}…` : chunk.text,
      score: h.score,
    };
    if (!skip(hit)) hits.push(hit);
    if (hits.length === k) break;
  }
  return hits;
}

/** One chunk's stored vector as a one-row matrix of its model. */
async function storedVector(store: LibraryStore, modelId: string, key: bigint): Promise<ModelMatrix> {
  const model = await store.vectorModel(modelId);
  if (!model) throw new UnknownModelError(modelId);
  const [vector] = (await store.vectorsByKeys(modelId, [key])).values();
  if (vector) return modelMatrix(model, vector);
  throw new LociError('NOT_FOUND', `The chunk has no vector for model "${modelId}"`);
}
