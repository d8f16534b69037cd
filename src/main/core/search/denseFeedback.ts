import type { LibraryStore } from '../store/libraryStore';
import type { VectorIndex } from '../store/vectorIndex';
import { normalized } from '../store/vectorRows';
import type { Candidate } from './searchCandidates';

/**
 * Dense pseudo-relevance feedback for hybrid search (Rocchio's method in embedding space): the
 * semantic branch searches with normalise(q + weight * centroid of the top keyword chunks' stored
 * vectors) instead of q alone. BM25's best hits say which neighbourhood of the space the query's words
 * live in; pulling the query vector towards it lets the dense side find the relevant passages that
 * share meaning but not words, which a short query's own vector misses (a short query embeds far from
 * the long passages that answer it). The keyword ranking itself is left as it is.
 */
export interface FeedbackOptions {
  /** How many of the top keyword chunks form the centroid. */
  chunks: number;
  /** Weight of the (unit) centroid against the (unit) query vector. */
  weight: number;
}

export async function withDenseFeedback(
  store: LibraryStore,
  modelId: string,
  query: Float32Array,
  keyword: readonly Candidate[],
  options: FeedbackOptions,
  index: VectorIndex | null = null,
): Promise<Float32Array> {
  const top = keyword.slice(0, options.chunks);
  if (top.length === 0 || options.weight <= 0) return query;
  const keys = top.map((c) => c.chunk.key);
  // The index holds the same f32 vectors in memory (or its rows file): a LanceDB read only for the rest.
  const vectors = (await index?.vectors(keys)) ?? new Map<bigint, Float32Array>();
  const missing = keys.filter((key) => !vectors.has(key));
  if (missing.length > 0)
    for (const [key, v] of await store.vectorsByKeys(modelId, missing)) vectors.set(key, v);
  const centroid = new Float32Array(query.length);
  for (const c of top) {
    const v = vectors.get(c.chunk.key);
    if (!v || v.length !== query.length) continue; // not embedded yet: feedback from the others
    for (let d = 0; d < v.length; d++) centroid[d] = (centroid[d] as number) + (v[d] as number);
  }
  // `normalized` leaves a zero centroid (no vector found) zero, so the query then stays as it was.
  const unit = normalized(centroid);
  const steered = new Float32Array(query.length);
  for (let d = 0; d < steered.length; d++)
    steered[d] = (query[d] as number) + options.weight * (unit[d] as number);
  return normalized(steered);
}
