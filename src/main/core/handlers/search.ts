import type { SearchHit as ApiHit } from '../../../shared/api/methods/search';
import type { DocumentKind } from '../../../shared/api/methods/library';
import type { SearchService } from '../search/searchService';
import type { SearchHit } from '../search/searchTypes';
import type { DomainHandlers } from './types';

/** The contract's hit: the snippet as one string with ellipses, highlight ranges shifted to match. */
function toApiHit(hit: SearchHit): ApiHit {
  const lead = hit.snippet.truncatedStart ? '…' : '';
  const snippet = `${lead}${hit.snippet.text}${hit.snippet.truncatedEnd ? '…' : ''}`;
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
    snippet,
    highlights: hit.snippet.highlights.map(
      ([a, b]) => [a + lead.length, b + lead.length] as [number, number],
    ),
    charStart: hit.charStart,
    charEnd: hit.charEnd,
    matched: hit.matched,
  };
}

/** `search.query`: keyword, semantic or hybrid search over the library (src/main/core/search). */
export function searchHandlers(search: SearchService): DomainHandlers<'search.query'> {
  return {
    'search.query': async ({ q, k, mode, filters, groupBy, model }) => {
      const started = performance.now();
      const answer = await search.search({
        q,
        k,
        mode,
        groupBy,
        filters: {
          ...(filters.sources ? { sources: filters.sources } : {}),
          ...(filters.kinds ? { kinds: filters.kinds } : {}),
          ...(filters.pathPrefix ? { pathPrefix: filters.pathPrefix } : {}),
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
        warnings: response.warnings,
      };
    },
  };
}
