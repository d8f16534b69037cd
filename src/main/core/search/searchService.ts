import { LociError } from '../../../shared/api/errors';
import type { ModelRegistry } from '../embed/registry';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import { parseSearchQuery, search } from './search';
import { SearchQueryError } from './searchErrors';
import { searchPassages, type PassagesRequest, type PassagesResponse } from './searchPassages';
import type { SearchDeps, SearchRequest, SearchResponse } from './searchTypes';

export interface SearchServiceDeps {
  library: LibraryService;
  registry: ModelRegistry;
  settings: SettingsStore;
}

/** A search answered for one model, or why there was nothing to search. */
export type ServiceSearch =
  { model: string; empty: false; response: SearchResponse } | { model: string; empty: true; response: null };

/**
 * Search as the rest of the core uses it: resolves the model (the request's, else the default),
 * wires the read-only store, the model's vector index and its embedder once, and maps a bad query
 * to INVALID_INPUT. `search.query`, the query heatmap and the Cranfield evaluation all go through it.
 */
export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  /** The model a request searches with: the one it names, else the user's default model. */
  async resolveModel(requested: string | undefined): Promise<string> {
    return requested ?? (await this.deps.settings.get()).defaultModel;
  }

  /**
   * What `search()` needs for a model: the store, plus the embedder and its vector index unless the
   * search is keyword-only. Null while the library has never been written.
   */
  async context(modelId: string, mode: SearchRequest['mode'] = 'hybrid'): Promise<SearchDeps | null> {
    const store = await this.deps.library.reader();
    if (!store) return null;
    const embedder = mode === 'keyword' ? null : await this.deps.registry.getEmbedder(modelId);
    const index = embedder ? await this.deps.library.vectorIndex(embedder.info) : null;
    return { store, index, embedder };
  }

  /** Runs a search; `empty` when the library does not exist yet. Bad queries become INVALID_INPUT. */
  async search(request: SearchRequest): Promise<ServiceSearch> {
    const model = await this.resolveModel(request.model);
    // A query that cannot run is refused before any model or index is opened for it.
    try {
      parseSearchQuery(request.q);
    } catch (err) {
      if (err instanceof SearchQueryError) throw new LociError('INVALID_INPUT', err.message);
      throw err;
    }
    const context = await this.context(model, request.mode);
    if (!context) return { model, empty: true, response: null };
    return { model, empty: false, response: await this.run(context, { ...request, model }) };
  }

  /** More passages of one document for a query (`search.passages`); NOT_FOUND on an empty library. */
  async passages(request: PassagesRequest): Promise<PassagesResponse> {
    const model = await this.resolveModel(request.model);
    const context = await this.context(model, request.mode);
    if (!context) throw new LociError('NOT_FOUND', 'The library is empty.');
    try {
      return await searchPassages(context, { ...request, model });
    } catch (err) {
      if (err instanceof SearchQueryError) throw new LociError('INVALID_INPUT', err.message);
      throw err;
    }
  }

  /** `search()` over a context from `context()`, with query errors mapped for the contract. */
  async run(context: SearchDeps, request: SearchRequest): Promise<SearchResponse> {
    try {
      return await search(context, request);
    } catch (err) {
      if (err instanceof SearchQueryError) throw new LociError('INVALID_INPUT', err.message);
      throw err;
    }
  }
}
