import type { LibraryStore } from '../store/libraryStore';
import { chunkKeyFor } from '../store/chunkIdentity';
import { normalized } from '../store/vectorRows';
import { SearchQueryError } from './searchErrors';

/**
 * "More like this" / "less like this" on a hit (Semantra's + and - buttons): the hit joins the query
 * arithmetic as a part of its own. Its stored vector (unit length, like every query part) is added to
 * or subtracted from the query vector, so `q +hit -other` means "near q and this passage, away from
 * that one". A "less like this" hit's document also leaves the results: the user has seen it and said
 * it is not what they want.
 */
export interface LikePart {
  chunkId: string;
  sign: 1 | -1;
}

export const MAX_LIKE_PARTS = 10;

/** The query vector with the hits' stored vectors added (+) or subtracted (-), normalised. */
export async function withLikeParts(
  store: LibraryStore,
  modelId: string,
  query: Float32Array,
  like: readonly LikePart[],
): Promise<Float32Array> {
  if (like.length === 0) return query;
  const keys = like.map((l) => chunkKeyFor(l.chunkId));
  const vectors = await store.vectorsByKeys(modelId, keys);
  const sum = Float32Array.from(normalized(query));
  like.forEach((part, i) => {
    const v = vectors.get(keys[i] as bigint);
    if (!v || v.length !== sum.length) return; // removed since, or not embedded with this model
    const unit = normalized(v);
    for (let d = 0; d < sum.length; d++) sum[d] = (sum[d] as number) + part.sign * (unit[d] as number);
  });
  let length = 0;
  for (let d = 0; d < sum.length; d++) length += (sum[d] as number) ** 2;
  if (Math.sqrt(length) < 1e-6)
    throw new SearchQueryError('The + and - parts of this query cancel each other out.');
  return normalized(sum);
}

/** Documents of the "less like this" hits: left out of the results. */
export async function unlikedDocuments(store: LibraryStore, like: readonly LikePart[]): Promise<Set<string>> {
  const negative = like.filter((l) => l.sign < 0).map((l) => chunkKeyFor(l.chunkId));
  if (negative.length === 0) return new Set();
  const rows = await store.chunksByKeys(negative);
  const wanted = new Set(like.filter((l) => l.sign < 0).map((l) => l.chunkId));
  return new Set(rows.filter((r) => wanted.has(r.id)).map((r) => r.docId));
}
