import { LociError } from '../../../shared/api/errors';
import { siblingVariants } from '../embed/modelVariants';
import type { ModelRegistry } from '../embed/registry';
import type { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
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

  /**
   * The model a request searches with: the one it names, else the library's model for the user's
   * default (the variant the library was embedded with, when that is another build of the default
   * model: a query is never compared with vectors of another variant).
   */
  async resolveModel(requested: string | undefined): Promise<string> {
    return requested ?? (await this.deps.library.modelChoice()).model;
  }

  /**
   * What `search()` needs for a model: the store, plus the embedder and its vector index unless the
   * search is keyword-only. Null while the library has never been written.
   */
  async context(modelId: string, mode: SearchRequest['mode'] = 'hybrid'): Promise<SearchDeps | null> {
    const store = await this.deps.library.reader();
    if (!store) return null;
    if (mode !== 'keyword') await this.refuseOtherVariant(store, modelId);
    const embedder = mode === 'keyword' ? null : await this.deps.registry.getEmbedder(modelId);
    const index = embedder ? await this.deps.library.vectorIndex(embedder.info) : null;
    return { store, index, embedder };
  }

  /**
   * A model whose vectors the library does not hold while it holds another variant of it (e.g. asking
   * for `use-lite` after the library was re-embedded with `use-lite-int8`) is refused: its queries must
   * not be compared with the other variant's vectors, and finding nothing would look like a bad search.
   */
  private async refuseOtherVariant(store: LibraryStore, modelId: string): Promise<void> {
    if (await store.models.get(modelId)) return;
    const stored = new Set((await store.listModels()).map((m) => m.id));
    if (siblingVariants(modelId, await this.deps.registry.listModels()).some((id) => stored.has(id)))
      throw new UnknownModelError(modelId);
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
