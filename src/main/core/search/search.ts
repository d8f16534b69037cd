import { ModelMismatchError } from '../store/storeErrors';
import { withDenseFeedback, type FeedbackOptions } from './denseFeedback';
import { DEFAULT_FUSION, fuseRankings, type RankedList, type SearchBranch } from './fuseRankings';
import { buildHits, DEFAULT_PASSAGES, documentGroups } from './documentHits';
import { keywordPartText, keywordQuery } from './keywordQuery';
import { phraseBoosts } from './phraseBoosts';
import { derivedForms } from './derivedForms';
import type { KeywordQuery } from '../store/keywordQuery';
import { expansionTerms, type ExpansionOptions } from './keywordExpansion';
import { parseQueryArithmetic, type ParsedQuery } from './parseQueryArithmetic';
import { queryVector } from './queryVector';
import { defaultLeadWeight, leadCosines } from './leadPassage';
import { defaultDocumentWeight, documentBm25Scores, withDocumentBm25 } from './documentBm25';
import {
  keywordCandidates,
  semanticCandidates,
  type Candidate,
  type SemanticBackend,
} from './searchCandidates';
import { DEFAULT_HYBRID_ORDER, defaultAggregation } from './aggregateDocuments';
import { MAX_LIKE_PARTS, unlikedDocuments, withLikeParts } from './likeParts';
import { SearchQueryError } from './searchErrors';
import type { SearchDeps, SearchMode, SearchRequest, SearchResponse } from './searchTypes';

export const MAX_K = 200;
/**
 * Longest query: a pasted paragraph or two ("find documents like this"). The keyword side searches all
 * of it; each part is embedded only up to the model's token limit (128 tokens for the built-in model,
 * ~500 characters), so the semantic side follows the start of a long query.
 */
export const MAX_QUERY_CHARS = 10_000;
/** Most +/- parts: each is embedded on its own, so this bounds one query's embedding work. */
export const MAX_QUERY_PARTS = 64;

/**
 * Parses a query and refuses one that cannot be searched (too long, too many parts, only exclusions)
 * with a SearchQueryError. Cheap: callers run it before opening models and indexes for the search.
 */
export function parseSearchQuery(q: string): ParsedQuery {
  if (q.length > MAX_QUERY_CHARS)
    throw new SearchQueryError(
      `The query has ${q.length.toLocaleString('en')} characters; the most is ${MAX_QUERY_CHARS.toLocaleString('en')}.`,
    );
  const parsed = parseQueryArithmetic(q);
  if (parsed.parts.length > MAX_QUERY_PARTS)
    throw new SearchQueryError(
      `The query has ${parsed.parts.length} +/- or quoted parts; the most is ${MAX_QUERY_PARTS}.`,
    );
  if (parsed.positive.length === 0)
    throw new SearchQueryError('Type something to search for (not only -exclusions).');
  return parsed;
}
/** Deepest page start: results beyond the first thousand are never worth ranking. */
export const MAX_OFFSET = 1000;

/**
 * Hybrid mode's dense pseudo-relevance feedback (denseFeedback.ts). On Cranfield with the built-in
 * model it lifts hybrid nDCG@10 from 0.345 to 0.356 (MAP 0.270 -> 0.280); 3, 5 or 10 chunks and weight
 * 1 or 2 all land within 0.004, so the choice is the middle one with the query and the centroid weighed
 * alike (a stray keyword hit cannot outvote the query).
 */
export const DEFAULT_FEEDBACK: FeedbackOptions | null = { chunks: 5, weight: 1 };

/**
 * Weight of a chunk's fields (title, file name, headings: store/chunkFields.ts) against its text in
 * BM25, and whether adjacent query words also count as phrases (phraseBoosts.ts). Chosen on Cranfield
 * (nDCG@10, by document) and the known-item set (success@5 / MRR@10); `loci eval` prints both tables:
 * - fields x1: Cranfield keyword 0.349 -> 0.356, hybrid 0.361 -> 0.374; known items keyword 0.84/0.654
 *   -> 0.84/0.651, hybrid 0.82/0.664 -> 0.82/0.661 (the questions avoid title words by design). x0.5
 *   changes nothing; x2 loses on both (0.315, 0.78/0.539).
 * - phrases lose on both (Cranfield keyword 0.349 -> 0.337; known items 0.84 -> 0.80): off, an option.
 */
export const DEFAULT_FIELD_BOOST = 1;
export const DEFAULT_PHRASE_BOOST = false;

/**
 * Keyword pseudo-relevance feedback (keywordExpansion.ts); null: off. It wins on Cranfield (keyword
 * nDCG@10 0.356 -> 0.367 with 5 chunks / 10 words / weight 0.5; hybrid 0.371 -> 0.382 with 10/10/0.3)
 * and loses on the known-item set (keyword MRR@10 0.651 -> 0.623 at 10/10/0.3; hybrid 0.661 -> 0.632),
 * as expected for known-item questions: an option (SearchRequest.expansion), off by default.
 */
export const DEFAULT_EXPANSION: ExpansionOptions | null = null;

/**
 * Whether query words also search their verb / -ion noun partner the stemmer keeps apart
 * (derivedForms.ts: `dividing` finds `division`). An option, off: at weight 1 it wins on the known-item
 * set (keyword success@5 0.86 -> 0.88, MRR@10 0.735 -> 0.745; hybrid 0.84 / 0.689 -> 0.86 / 0.709) and
 * loses a little on Cranfield (keyword nDCG@10 0.3724 -> 0.3708, hybrid 0.3847 -> 0.3832; at weight 0.5
 * 0.3715 / 0.3832, and no known-item gain), where 6 of 225 queries change, most by "simplified" ->
 * "simplification" (-0.10 on that query).
 */
export const DEFAULT_DERIVED_FORMS = false;

/**
 * Whether the dense query drops English function words (denseQueryText.ts): in semantic mode, where
 * it wins on both sets; hybrid keeps the whole query (a wash there, see denseQueryText.ts).
 */
export function defaultContentWords(mode: SearchMode): boolean {
  return mode === 'semantic';
}

/**
 * Searches the library: BM25 over chunk text (LanceDB full-text index), dense nearest neighbours
 * (USearch index, or exact search while it catches up), or both fused (fuseRankings.ts; in hybrid
 * mode the dense query is first steered towards the best keyword hits, denseFeedback.ts).
 * Query arithmetic: `+part` / `-part` (see parseQueryArithmetic.ts); the semantic side searches with
 * normalise(sum(+) - sum(-)), the keyword side with the positive parts, excluding chunks that contain
 * a negative part. Only committed document versions are ever returned.
 */
/** Smallest candidate list per branch (3 x the largest k the UI asks for in chunk mode). */
const MIN_CANDIDATES = 150;

export async function search(deps: SearchDeps, request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { store, index = null, embedder = null } = deps;
  const mode: SearchMode = request.mode ?? 'hybrid';
  const groupBy = request.groupBy ?? 'chunk';
  const k = request.k ?? 10;
  if (!Number.isInteger(k) || k < 1 || k > MAX_K)
    throw new SearchQueryError(`k must be an integer from 1 to ${MAX_K}.`);
  const parsed = parseSearchQuery(request.q);
  const offset = request.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    throw new SearchQueryError(`offset must be an integer from 0 to ${MAX_OFFSET}.`);
  // Each branch's candidate list has a floor that does not depend on k, so the top results do not
  // change with how many are asked for (up to k = 50): the Search screen (30) and the Query heatmap
  // (top 5-50) rank the same query's top 15 alike. With max(50, 3k) a hit ranked 60th by one branch
  // entered the fusion for k = 30 but not for k = 15, and reordered the top. Documents need several
  // chunks each from every branch for their aggregated scores, and pages further down need more.
  const candidates =
    request.candidates ?? Math.max(MIN_CANDIDATES, (offset + k) * (groupBy === 'document' ? 5 : 3));
  const warnings: string[] = [];

  const like = request.like ?? [];
  if (like.length > MAX_LIKE_PARTS)
    throw new SearchQueryError(`At most ${MAX_LIKE_PARTS} hits can be added as + or - parts.`);
  const useSemantic = mode !== 'keyword';
  if (useSemantic) await checkModel(deps, request.model);
  // Semantic by document weighs the first passage by what the library embeds with each passage
  // (defaultLeadWeight): read while the branches run.
  const chunkContext =
    mode === 'semantic' && groupBy === 'document' && request.leadWeight === undefined
      ? store.chunkContext()
      : Promise.resolve(null);
  chunkContext.catch(() => undefined); // a failed read fails the search where it is awaited, not unhandled
  const catalog = await store.catalog();
  const unliked = await unlikedDocuments(store, like);
  request.signal?.throwIfAborted();

  // The keyword side's query, shared by the chunk search and the whole-document scores.
  const keywordSide = (async (): Promise<KeywordQuery | null> => {
    const query =
      mode === 'semantic' ? null : keywordQuery(parsed, 'text', { symbolNames: request.symbolNames ?? true });
    if (!query) return null;
    query.fieldBoost = request.fieldBoost ?? DEFAULT_FIELD_BOOST;
    if (request.phraseBoost ?? DEFAULT_PHRASE_BOOST) query.boostPhrases = await phraseBoosts(parsed);
    if (request.derivedForms ?? DEFAULT_DERIVED_FORMS) query.weighted = await derivedForms(query);
    return query;
  })();
  const keywordBranch = async (): Promise<Candidate[]> => {
    const query = await keywordSide;
    if (!query) return [];
    const first = await keywordCandidates(store, catalog, query, request.filters, candidates);
    const expansion = request.expansion === undefined ? DEFAULT_EXPANSION : request.expansion;
    if (!expansion) return first;
    const extra = await expansionTerms(query, first, expansion);
    if (extra.length === 0) return first;
    const expanded = { ...query, weighted: [...(query.weighted ?? []), ...extra] };
    return keywordCandidates(store, catalog, expanded, request.filters, candidates);
  };
  const feedback =
    mode === 'hybrid' ? (request.feedback === undefined ? DEFAULT_FEEDBACK : request.feedback) : null;
  let semanticQuery: Float32Array | null = null;
  const semanticBranch = async (
    keywordDone: Promise<Candidate[]>,
  ): Promise<{ candidates: Candidate[]; backend: SemanticBackend | null }> => {
    if (!useSemantic || !embedder) return { candidates: [], backend: null };
    // The query is embedded while the keyword branch runs; feedback then waits for its hits.
    let vector = await queryVector(embedder, parsed, request.signal, {
      contentWords: request.contentWords ?? defaultContentWords(mode),
    });
    vector = await withLikeParts(store, embedder.info.id, vector, like);
    // With feedback the keyword hits are at hand: the dense side reuses their chunk rows.
    const known = feedback ? await keywordDone : [];
    if (feedback) vector = await withDenseFeedback(store, embedder.info.id, vector, known, feedback, index);
    semanticQuery = vector;
    request.signal?.throwIfAborted();
    return semanticCandidates(
      store,
      index,
      catalog,
      embedder.info.id,
      vector,
      request.filters,
      candidates,
      known,
    );
  };
  // By document, the keyword side also scores whole documents (documentBm25.ts), beside the chunks.
  const documentWeight = groupBy === 'document' ? (request.documentWeight ?? defaultDocumentWeight(mode)) : 0;
  const wholeDocuments = async (): Promise<Map<string, number>> => {
    const query = documentWeight > 0 ? await keywordSide : null;
    return query ? documentBm25Scores(store, catalog, query, request.filters, candidates) : new Map();
  };
  const keywordDone = keywordBranch();
  const [keyword, semantic, documentScores] = await Promise.all([
    keywordDone,
    semanticBranch(keywordDone),
    wholeDocuments(),
  ]);
  request.signal?.throwIfAborted();

  if (useSemantic && semantic.backend === null && catalog.visibleChunks > 0) {
    warnings.push(
      `This library has no vectors for model "${embedder?.info.id}" yet; only keyword results are shown.`,
    );
  }
  if (semantic.backend === 'exact-lancedb' && index && (await index.status()).state !== 'ready') {
    warnings.push('The vector index is catching up; semantic results come from exact search meanwhile.');
  }

  // search.passages asks for one document's passages: its candidates come from a path filter.
  // "Less like this" hits' documents leave the results.
  const only = (list: Candidate[]): Candidate[] =>
    list.filter((c) => (request.docId === undefined || c.doc.id === request.docId) && !unliked.has(c.doc.id));
  const keywordHits = only(keyword);
  const semanticHits = only(semantic.candidates);
  const byChunk = new Map<string, Candidate>();
  for (const c of [...keywordHits, ...semanticHits]) if (!byChunk.has(c.chunk.id)) byChunk.set(c.chunk.id, c);
  const lists: RankedList[] = [];
  if (mode !== 'semantic')
    lists.push({ branch: 'keyword', items: keywordHits.map((c) => ({ id: c.chunk.id, score: c.score })) });
  if (useSemantic)
    lists.push({
      branch: 'semantic',
      items: semanticHits.map((c) => ({ id: c.chunk.id, score: c.score })),
    });
  let fused = fuseRankings(lists, request.fusion ?? DEFAULT_FUSION);
  if (mode !== 'hybrid') {
    // A single ranking keeps its own score (BM25 or cosine), which means more to a user than 1/(60+rank).
    const branch: SearchBranch = mode === 'keyword' ? 'keyword' : 'semantic';
    fused = fused.map((f) => ({ ...f, score: f.scores[branch] as number }));
  }

  const docOf = (id: string): string => (byChunk.get(id) as Candidate).doc.id;
  let groups =
    groupBy === 'document'
      ? documentGroups(fused, lists, docOf, {
          aggregation: request.aggregation ?? defaultAggregation(mode),
          hybridOrder: request.hybridOrder ?? DEFAULT_HYBRID_ORDER,
          fusion: request.fusion ?? DEFAULT_FUSION,
          mode,
        })
      : null;
  if (groups) groups = withDocumentBm25(groups, documentScores, documentWeight, mode);
  const leadWeight = request.leadWeight ?? defaultLeadWeight(mode, await chunkContext);
  if (groups && leadWeight > 0 && semanticQuery && embedder) {
    // By document: the passages' score plus the document's opening (leadPassage.ts).
    const docs = groups.map((g) => (byChunk.get(g.items[0]!.id) as Candidate).doc);
    const lead = await leadCosines(store, index, embedder.info.id, semanticQuery, docs);
    groups = groups
      .map((g, i) => ({ ...g, score: g.score + leadWeight * (lead.get(g.docId) ?? 0), at: i }))
      .sort((a, b) => b.score - a.score || a.at - b.at)
      .map(({ at: _at, ...g }) => g);
  }
  const total = groups ? groups.length : fused.length;
  const pageItems = groups
    ? groups.slice(offset, offset + k)
    : fused.slice(offset, offset + k).map((f) => ({ docId: docOf(f.id), score: f.score, items: [f] }));
  const hits = await buildHits(pageItems, byChunk, {
    offset,
    byDocument: groups !== null,
    passages: request.passages ?? DEFAULT_PASSAGES,
    // What the keyword side searched: a lone `_` is marked where the text says "underscore".
    queryTexts: parsed.positive.map((p) => keywordPartText(p, request.symbolNames ?? true)),
    ...(request.snippetChars !== undefined ? { snippetChars: request.snippetChars } : {}),
  });
  return {
    hits,
    mode,
    groupBy,
    offset,
    nextOffset: offset + k < total ? offset + k : null,
    query: { positive: parsed.positive.map((p) => p.text), negative: parsed.negative.map((p) => p.text) },
    semanticBackend: semantic.backend,
    denseQuery: semanticQuery,
    warnings,
    tookMs: performance.now() - started,
  };
}

/** The embedder, the index and the library's stored vectors must all be the same model version. */
async function checkModel(deps: SearchDeps, requested: string | undefined): Promise<void> {
  const { embedder, index, store } = deps;
  if (!embedder)
    throw new SearchQueryError('Semantic and hybrid search need an embedding model; use keyword mode.');
  const { id, fingerprint } = embedder.info;
  if (requested !== undefined && requested !== id) {
    throw new SearchQueryError(`Model "${requested}" is not the one loaded ("${id}").`);
  }
  if (index && (index.model.id !== id || index.model.fingerprint !== fingerprint)) {
    throw new ModelMismatchError(id, index.model.fingerprint, fingerprint);
  }
  const stored = await store.models.get(id);
  if (stored && stored.fingerprint !== fingerprint)
    throw new ModelMismatchError(id, stored.fingerprint, fingerprint);
}
