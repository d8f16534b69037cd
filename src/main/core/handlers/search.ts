import type { SearchHit as ApiHit } from '../../../shared/api/methods/search';
import type { DocumentKind } from '../../../shared/api/methods/library';
import { LociError } from '../../../shared/api/errors';
import type { ModelRegistry } from '../embed/registry';
import type { LibraryService } from '../library/libraryService';
import { search } from '../search/search';
import { SearchQueryError } from '../search/searchErrors';
import type { SearchHit } from '../search/searchTypes';
import type { SettingsStore } from '../settings/settingsStore';
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
export function searchHandlers(
  library: LibraryService,
  registry: ModelRegistry,
  settings: SettingsStore,
): DomainHandlers<'search.query'> {
  return {
    'search.query': async ({ q, k, mode, filters, groupBy, model }) => {
      const started = performance.now();
      const modelId = model ?? (await settings.get()).defaultModel;
      const store = await library.reader();
      if (!store) {
        return {
          query: q,
          mode,
          model: modelId,
          tookMs: 0,
          parts: { plus: [], minus: [] },
          results: [],
          warnings: ['The library is empty: add a folder first.'],
        };
      }
      const embedder = mode === 'keyword' ? null : await registry.getEmbedder(modelId);
      const index = embedder ? await library.vectorIndex(embedder.info) : null;
      try {
        const response = await search(
          { store, index, embedder },
          {
            q,
            k,
            mode,
            groupBy,
            filters: {
              ...(filters.sources ? { sources: filters.sources } : {}),
              ...(filters.kinds ? { kinds: filters.kinds } : {}),
              ...(filters.pathPrefix ? { pathPrefix: filters.pathPrefix } : {}),
            },
            model: modelId,
          },
        );
        return {
          query: q,
          mode,
          model: modelId,
          tookMs: Math.round((performance.now() - started) * 10) / 10,
          parts: { plus: response.query.positive, minus: response.query.negative },
          results: response.hits.map(toApiHit),
          warnings: response.warnings,
        };
      } catch (err) {
        if (err instanceof SearchQueryError) throw new LociError('INVALID_INPUT', err.message);
        throw err;
      }
    },
  };
}
