import type { SearchHit as ApiHit, SearchPassage as ApiPassage } from '../../../shared/api/methods/search';
import type { DocumentKind } from '../../../shared/api/methods/library';
import type { SearchService } from '../search/searchService';
import type { SimilarityService } from '../similarity/similarityService';
import { documentsOfTopic } from '../topics/topicModel';
import type { Snippet } from '../search/highlightSnippet';
import type { SearchHit, SearchPassage } from '../search/searchTypes';
import type { DomainHandlers } from './types';

/** The contract's snippet: one string with ellipses, highlight ranges shifted to match. */
function toApiSnippet(s: Snippet): Pick<ApiHit, 'snippet' | 'highlights'> {
  const lead = s.truncatedStart ? '…' : '';
  return {
    snippet: `${lead}${s.text}${s.truncatedEnd ? '…' : ''}`,
    highlights: s.highlights.map(([a, b]) => [a + lead.length, b + lead.length] as [number, number]),
  };
}

function toApiPassage(p: SearchPassage): ApiPassage {
  return {
    chunkId: p.chunkId,
    page: p.page,
    headingPath: p.headingPath,
    text: p.text,
    ...toApiSnippet(p.snippet),
    charStart: p.charStart,
    charEnd: p.charEnd,
    score: p.score,
    chunks: p.chunks,
    matched: p.matched,
  };
}

function toApiHit(hit: SearchHit): ApiHit {
  return {
    rank: hit.rank,
    score: hit.score,
    chunkId: hit.chunkId,
    docId: hit.docId,
    path: hit.path,
    title: hit.title,
    kind: hit.kind as DocumentKind,
    page: hit.page,
    headingPath: hit.headingPath,
    text: hit.text,
    ...toApiSnippet(hit.snippet),
    charStart: hit.charStart,
    charEnd: hit.charEnd,
    matched: hit.matched,
    ...(hit.passages
      ? { passages: hit.passages.map(toApiPassage), morePassages: hit.morePassages ?? 0 }
      : {}),
  };
}

/**
 * `search.query`: keyword, semantic or hybrid search over the library (src/main/core/search), by
 * document or by chunk; `search.passages`: more passages of one document for a query.
 */
export function searchHandlers(
  search: SearchService,
  topics: SimilarityService,
): DomainHandlers<'search.query' | 'search.passages'> {
  /** The documents a search may return: its docIds, narrowed to a topic's documents when asked. */
  const allowedDocs = async (filters: {
    docIds?: string[];
    topic?: { topic: number; subtopic?: number; model?: string };
  }): Promise<string[] | undefined> => {
    if (!filters.topic) return filters.docIds;
    const { topic, subtopic, model } = filters.topic;
    const inTopic = documentsOfTopic(await topics.topics(await topics.resolveModel(model)), topic, subtopic);
    const ids = filters.docIds ? filters.docIds.filter((id) => inTopic.has(id)) : [...inTopic];
    // An empty topic (or no overlap) must match nothing, not everything.
    return ids.length > 0 ? ids : ['\u0000none'];
  };
  return {
    'search.passages': async ({ q, mode, docId, offset, limit, model }) => {
      const r = await search.passages({ q, mode, docId, offset, limit, ...(model ? { model } : {}) });
      return { docId: r.docId, passages: r.passages.map(toApiPassage), nextOffset: r.nextOffset };
    },
    'search.query': async ({ q, k, mode, filters, groupBy, offset = 0, like, model }) => {
      const started = performance.now();
      const docIds = await allowedDocs(filters);
      const answer = await search.search({
        q,
        k,
        mode,
        groupBy,
        offset,
        ...(like ? { like } : {}),
        filters: {
          ...(filters.sources ? { sources: filters.sources } : {}),
          ...(filters.kinds ? { kinds: filters.kinds } : {}),
          ...(filters.pathPrefix ? { pathPrefix: filters.pathPrefix } : {}),
          ...(docIds ? { docIds } : {}),
        },
        ...(model ? { model } : {}),
      });
      if (answer.empty) {
        return {
          query: q,
          mode,
          model: answer.model,
          tookMs: 0,
          parts: { plus: [], minus: [] },
          results: [],
          groupBy,
          offset,
          nextOffset: null,
          warnings: ['The library is empty: add a folder first.'],
        };
      }
      const response = answer.response;
      return {
        query: q,
        mode,
        model: answer.model,
        tookMs: Math.round((performance.now() - started) * 10) / 10,
        parts: { plus: response.query.positive, minus: response.query.negative },
        results: response.hits.map(toApiHit),
        groupBy,
        offset,
        nextOffset: response.nextOffset,
        warnings: response.warnings,
      };
    },
  };
}
