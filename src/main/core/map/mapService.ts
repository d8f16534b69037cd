import { LociError } from '../../../shared/api/errors';
import {
  MAP_MAX_POINTS,
  type MapGetResult,
  type MapLayout,
  type MapQueryProjection,
} from '../../../shared/api/methods/map';
import type { ModelRegistry } from '../embed/registry';
import type { EventBus } from '../eventBus';
import type { JobManager } from '../jobs/jobManager';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import { matchesFilters } from '../store/filterSql';
import type { LibraryStore } from '../store/libraryStore';
import { isIndexed } from '../store/storeTypes';
import { LayoutJobQueue, MAP_JOB_KIND } from './layoutJobQueue';
import { createMapWorkerClient, type MapWorkerClient } from './mapWorkerClient';
import { hasViews, readView } from './mapViewCache';
import type { MapFilters } from './pointSet';
import { layoutKey, type LayoutParams } from './storedLayout';

export interface MapServiceDeps {
  library: LibraryService;
  registry: ModelRegistry;
  settings: SettingsStore;
  jobs: JobManager;
  events: EventBus;
  /** Above this many points a map asked for without dimensions is 2D (default MAP_3D_MAX_POINTS). */
  max3dPoints?: number | undefined;
}

/** What map.get / map.recompute / map.project take (after validation). */
export interface MapRequest {
  level: LayoutParams['level'];
  method: LayoutParams['method'];
  /** Omitted: 3D up to `max3dPoints` points, 2D above (3D of a crowd is a blur). */
  dims?: 2 | 3 | undefined;
  model?: string | undefined;
  filters: MapFilters;
}

export { MAP_JOB_KIND };

/** The default of MapServiceDeps.max3dPoints. */
export const MAP_3D_MAX_POINTS = 5000;

/** Stop the query worker (and free the last map's vectors) after this long unused. */
const QUERY_WORKER_IDLE_MS = 5 * 60_000;
/** Wait this long after the last library change before bringing the layouts up to date. */
const UPKEEP_DEBOUNCE_MS = 5_000;
/** Layouts answered from memory: both levels in 2D and 3D, plus a PCA map. */
const MEMORY_CACHE_ENTRIES = 6;

/**
 * map.get / map.recompute / map.project on the caller's thread. UMAP layouts are computed once per
 * library data version, model and parameters, in the background (LayoutJobQueue), and their answers
 * stored on disk (mapViewCache.ts): asking for one answers from memory or that file, or with the job
 * building it. Once a model is mapped, all four views (documents and passages, 2D and 3D) are built,
 * and rebuilt after each library change, so switching between them never waits for UMAP. PCA maps
 * and query placement run in a long-lived worker.
 */
export class MapService {
  private readonly queries: MapWorkerClient;
  private readonly layouts: LayoutJobQueue;
  private readonly memory = new Map<string, MapLayout>();
  /** Models whose map was asked for: their layouts are kept current after library changes. */
  private readonly mapped = new Map<string, string>();
  private upkeepTimer: NodeJS.Timeout | null = null;
  private readonly stopListening: () => void;

  constructor(private readonly deps: MapServiceDeps) {
    this.queries = createMapWorkerClient(deps.library.dir, QUERY_WORKER_IDLE_MS);
    this.layouts = new LayoutJobQueue(deps.jobs, deps.library.dir, (key, layout) =>
      this.remember(key, layout),
    );
    this.stopListening = deps.events.on('library.changed', () => this.scheduleUpkeep());
  }

  /** The layout, or the id of the job computing it (UMAP). */
  async get(request: MapRequest): Promise<MapGetResult> {
    return this.answer(request, false);
  }

  /** Forgets the stored layout and computes it afresh. */
  async recompute(request: MapRequest): Promise<MapGetResult> {
    return this.answer(request, true);
  }

  /** Places a query on the ready layout for these parameters. */
  async project(request: MapRequest & { q: string; k: number }): Promise<MapQueryProjection> {
    const resolved = await this.resolve(request);
    if (!resolved) throw new LociError('NOT_FOUND', 'The library has no documents to map yet.');
    const { params } = resolved;
    const state = await this.get({ ...request, dims: params.dims });
    if (state.status !== 'ready')
      throw new LociError('CONFLICT', 'The map layout is still being computed; try again when it is done.');
    const embedder = await this.deps.registry.getEmbedder(params.modelId);
    const { vectors } = await embedder.embed([request.q], { purpose: 'query' });
    const query = vectors[0];
    if (!query) throw new LociError('INTERNAL', 'The model returned no vector for the query.');
    return this.queries.call('project', { params, query, k: request.k });
  }

  async close(): Promise<void> {
    this.stopListening();
    if (this.upkeepTimer) clearTimeout(this.upkeepTimer);
    await Promise.all([this.queries.close(), this.layouts.close()]);
  }

  private async answer(request: MapRequest, recompute: boolean): Promise<MapGetResult> {
    const resolved = await this.resolve(request);
    if (!resolved) return { status: 'ready', layout: emptyLayout(request) };
    const { params, fingerprint, store } = resolved;
    const dataVersion = await store.dataVersion();
    const key = layoutKey(params, fingerprint);
    if (recompute) this.memory.delete(key);

    if (params.method === 'pca') {
      const remembered = this.memory.get(key);
      if (!recompute && remembered?.dataVersion === dataVersion)
        return { status: 'ready', layout: remembered };
      const answer = recompute
        ? await this.queries.call('recompute', { params })
        : await this.queries.call('layout', { params, allowCompute: true });
      if (answer.status !== 'ready') throw new Error('PCA layout was not computed');
      this.remember(key, answer.layout);
      return answer;
    }

    this.mapped.set(params.modelId, fingerprint);
    const running = this.layouts.jobOf(key);
    if (running && !recompute) {
      this.layouts.prioritise(key);
      return { status: 'computing', jobId: running };
    }
    if (!recompute) {
      const current = await this.currentLayout(key, store.indexDir, dataVersion);
      if (current) {
        void this.buildOthers(params, fingerprint).catch(() => undefined);
        return { status: 'ready', layout: current };
      }
    }
    const jobId = this.layouts.enqueue(key, params, { recompute, urgent: true });
    void this.buildOthers(params, fingerprint).catch(() => undefined);
    return { status: 'computing', jobId };
  }

  /** The layout for `key` at this data version, from memory or its stored answer; null if none. */
  private async currentLayout(key: string, indexDir: string, dataVersion: string): Promise<MapLayout | null> {
    const remembered = this.memory.get(key);
    if (remembered?.dataVersion === dataVersion) return remembered;
    const stored = await readView(indexDir, key);
    if (stored?.dataVersion !== dataVersion) return null;
    this.remember(key, stored);
    return stored;
  }

  /** Queues the other views of a model's unfiltered map that are not current (switching is instant). */
  private async buildOthers(params: LayoutParams, fingerprint: string): Promise<void> {
    if (Object.keys(normalFilters(params.filters)).length > 0) return;
    const store = await this.deps.library.reader();
    if (!store) return;
    const dataVersion = await store.dataVersion();
    for (const level of ['documents', 'chunks'] as const)
      for (const dims of [2, 3] as const) {
        const other: LayoutParams = { ...params, level, dims, filters: {} };
        const key = layoutKey(other, fingerprint);
        if (this.layouts.jobOf(key) || (await this.currentLayout(key, store.indexDir, dataVersion))) continue;
        this.layouts.enqueue(key, other);
      }
  }

  /** Parameters with the model and dimensions resolved; null when the library has nothing to map. */
  private async resolve(
    request: MapRequest,
  ): Promise<{ params: LayoutParams; fingerprint: string; store: LibraryStore } | null> {
    const store = await this.deps.library.reader();
    const models = store ? await store.listModels() : [];
    let modelId = request.model;
    if (modelId) {
      if (!models.some((m) => m.id === modelId))
        throw new LociError('NOT_FOUND', `The library has no vectors of model "${modelId}".`);
    } else {
      const { defaultModel } = await this.deps.settings.get();
      modelId = models.some((m) => m.id === defaultModel) ? defaultModel : models[0]?.id;
    }
    const model = models.find((m) => m.id === modelId);
    if (!store || !model) return null;
    const dims = request.dims ?? (await this.defaultDims(store, request));
    return {
      params: {
        level: request.level,
        method: request.method,
        dims,
        modelId: model.id,
        filters: request.filters,
        maxPoints: MAP_MAX_POINTS,
      },
      fingerprint: model.fingerprint,
      store,
    };
  }

  /** 3D up to max3dPoints points on the map, 2D above (the catalog's counts: no vectors read). */
  private async defaultDims(store: LibraryStore, request: MapRequest): Promise<2 | 3> {
    const catalog = await store.catalog();
    let points = 0;
    for (const doc of catalog.byId.values())
      if (isIndexed(doc.status) && matchesFilters(doc, request.filters))
        points += request.level === 'documents' ? 1 : doc.chunkCount;
    return Math.min(points, MAP_MAX_POINTS) > (this.deps.max3dPoints ?? MAP_3D_MAX_POINTS) ? 2 : 3;
  }

  private remember(key: string, layout: MapLayout): void {
    this.memory.delete(key);
    this.memory.set(key, layout);
    while (this.memory.size > MEMORY_CACHE_ENTRIES)
      this.memory.delete(this.memory.keys().next().value as string);
  }

  /**
   * After library changes (debounced), bring every view of each mapped model up to date in the
   * background: new documents are placed into the stored layouts, or a layout is recomputed when
   * most of its points are new. A library mapped in an earlier session counts as mapped.
   */
  private scheduleUpkeep(): void {
    if (this.upkeepTimer) clearTimeout(this.upkeepTimer);
    this.upkeepTimer = setTimeout(() => {
      this.upkeepTimer = null;
      void this.upkeep().catch(() => undefined);
    }, UPKEEP_DEBOUNCE_MS);
    this.upkeepTimer.unref();
  }

  private async upkeep(): Promise<void> {
    const store = await this.deps.library.reader();
    if (!store) return;
    if (this.mapped.size === 0 && hasViews(store.indexDir)) {
      const resolved = await this.resolve({ level: 'documents', method: 'umap', dims: 2, filters: {} });
      if (resolved) this.mapped.set(resolved.params.modelId, resolved.fingerprint);
    }
    for (const [modelId, fingerprint] of this.mapped) {
      const params: LayoutParams = {
        level: 'documents',
        method: 'umap',
        dims: 2,
        modelId,
        filters: {},
        maxPoints: MAP_MAX_POINTS,
      };
      await this.buildOthers(params, fingerprint);
    }
  }
}

function normalFilters(filters: MapFilters): MapFilters {
  const out: MapFilters = {};
  if (filters.sources?.length) out.sources = filters.sources;
  if (filters.kinds?.length) out.kinds = filters.kinds;
  if (filters.pathPrefix) out.pathPrefix = filters.pathPrefix;
  return out;
}

/** The map of an empty library (no model has vectors yet). */
function emptyLayout(request: MapRequest): MapLayout {
  return {
    layoutId: 'empty',
    level: request.level,
    method: request.method,
    dims: request.dims ?? 3,
    model: request.model ?? '',
    dataVersion: '',
    coords: new Float32Array(0),
    cluster: new Int32Array(0),
    subcluster: new Int32Array(0),
    doc: new Int32Array(0),
    page: new Int32Array(0),
    ordinal: new Int32Array(0),
    charStart: new Int32Array(0),
    charEnd: new Int32Array(0),
    snippets: [],
    docs: [],
    clusters: [],
    subclusters: [],
    points: 0,
    total: 0,
    sampled: false,
    placed: 0,
    computedAt: 0,
    silhouette: null,
    explained: null,
  };
}
