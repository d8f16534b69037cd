import type { DocumentCatalog } from '../store/documentCatalog';
import { filtersToSql } from '../store/filterSql';
import type { KeywordQuery } from '../store/keywordQuery';
import type { LibraryStore } from '../store/libraryStore';
import type { DocumentFilters } from '../store/storeTypes';
import type { DocumentGroup, ScoredItem } from './aggregateDocuments';
import type { SearchMode } from './searchTypes';

/**
 * Whole-document BM25 in results by document: a document's score from its chunks (aggregateDocuments.ts)
 * plus `weight` x its BM25 score as one text (store/documentText.ts). Chunk BM25 sees a document whose
 * query words are spread over several chunks as several partial matches, and counts a word repeated in
 * two chunks twice without saturation; the whole-document score sees what a reader of the document
 * sees. Measured through search() on the two sets' libraries with the built-in model (Cranfield
 * nDCG@10 by document; known items success@5 / MRR@10, 420 TeX Live PDFs):
 *
 * | weight                  | keyword Cranfield | keyword known items | hybrid Cranfield | hybrid known items |
 * | ----------------------- | ----------------- | ------------------- | ---------------- | ------------------ |
 * | 0 (chunks alone)        | 0.3561            | 0.84 / 0.654        | 0.3789           | 0.82 / 0.662       |
 * | keyword 1               | 0.3692            | 0.84 / 0.706        |                  |                    |
 * | keyword 1.5, hybrid 0.3 | 0.3724            | 0.84 / 0.715        | 0.3847           | 0.82 / 0.669       |
 * | keyword 2, hybrid 0.5   | 0.3701            | 0.84 / 0.715        | 0.3806           | 0.82 / 0.676       |
 *
 * The reference BM25 over whole Cranfield documents gives 0.3663. Whole documents alone (measured
 * offline: 0.3695 / 0.78, 0.695) lose known items: BM25's length normalisation over a whole manual
 * buries its one relevant section; chunks alone lose Cranfield; their sum wins on both. Keyword mode
 * adds the raw BM25 score (the chunks' scores are BM25 too); hybrid's fused scores are in [0, 1], so
 * there the whole-document score is divided by the query's best one.
 */
export function defaultDocumentWeight(mode: SearchMode): number {
  return mode === 'keyword' ? 1.5 : mode === 'hybrid' ? 0.3 : 0;
}

/**
 * Whole-document BM25 scores of the visible documents best matching the query (at most `limit`
 * looked at), by document id; empty for a library without the documents' index yet.
 */
export async function documentBm25Scores(
  store: LibraryStore,
  catalog: DocumentCatalog,
  query: KeywordQuery,
  filters: DocumentFilters | undefined,
  limit: number,
): Promise<Map<string, number>> {
  const hits = await store.documentKeywordHits(query, { where: filtersToSql(filters), limit });
  const out = new Map<string, number>();
  for (const hit of hits)
    if (catalog.visibleDocument(hit.docId, hit.generation) && !out.has(hit.docId))
      out.set(hit.docId, hit.score);
  return out;
}

/**
 * Adds `weight` x each group's whole-document score (divided by the best one in hybrid mode) and
 * re-sorts; ties keep their order. Documents the whole-document search did not return add nothing.
 */
export function withDocumentBm25<T extends ScoredItem>(
  groups: ReadonlyArray<DocumentGroup<T>>,
  scores: ReadonlyMap<string, number>,
  weight: number,
  mode: SearchMode,
): Array<DocumentGroup<T>> {
  if (weight <= 0 || scores.size === 0) return [...groups];
  const scale = mode === 'hybrid' ? 1 / Math.max(...scores.values()) : 1;
  return groups
    .map((g, at) => ({ g: { ...g, score: g.score + weight * scale * (scores.get(g.docId) ?? 0) }, at }))
    .sort((a, b) => b.g.score - a.g.score || a.at - b.at)
    .map(({ g }) => g);
}
