import { LociError } from '../../../shared/api/errors';
import { search } from './search';
import type { SearchDeps, SearchMode, SearchPassage } from './searchTypes';

export interface PassagesRequest {
  q: string;
  mode?: SearchMode;
  docId: string;
  offset?: number;
  limit?: number;
  model?: string;
  signal?: AbortSignal;
}

export interface PassagesResponse {
  docId: string;
  passages: SearchPassage[];
  nextOffset: number | null;
}

/** Chunks each branch ranks within the document: enough for a few pages of its passages. */
const PASSAGE_CANDIDATES = 200;

/**
 * "N more in this document": the query's ranking restricted to one document. The document's path is
 * the filter, so the keyword index and exact vector search rank only its chunks (nothing starves it
 * of candidates); the same aggregation and page merging as the result list give the passages.
 */
export async function searchPassages(deps: SearchDeps, request: PassagesRequest): Promise<PassagesResponse> {
  const offset = request.offset ?? 0;
  const limit = request.limit ?? 10;
  const doc = (await deps.store.catalog()).byId.get(request.docId);
  if (!doc || doc.status !== 'ok')
    throw new LociError('NOT_FOUND', `No document "${request.docId}" in the library.`);
  const response = await search(deps, {
    q: request.q,
    k: 1,
    ...(request.mode ? { mode: request.mode } : {}),
    ...(request.model ? { model: request.model } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    groupBy: 'document',
    docId: doc.id,
    filters: { pathPrefix: doc.path },
    passages: offset + limit,
    candidates: Math.max(PASSAGE_CANDIDATES, 3 * (offset + limit)),
  });
  const hit = response.hits[0];
  const passages = hit?.passages?.slice(offset) ?? [];
  return {
    docId: doc.id,
    passages,
    nextOffset: hit && (hit.morePassages ?? 0) > 0 ? offset + passages.length : null,
  };
}
