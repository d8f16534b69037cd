import { LociError } from '../../../shared/api/errors';
import {
  MAP_MAX_POINTS,
  type MapGetResult,
  type MapLayout,
  type MapQueryProjection,
} from '../../../shared/api/methods/map';
import type { ModelRegistry } from '../embed/registry';
import type { EventBus } from '../eventBus';
import type { JobContext, JobManager } from '../jobs/jobManager';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import { createMapWorkerClient, type MapWorkerClient } from './mapWorkerClient';
import type { LayoutAnswer, MapWorkerProgress } from './mapWorkerProtocol';
import type { LayoutParams } from './storedLayout';
import type { MapFilters } from './pointSet';

export interface MapServiceDeps {
  library: LibraryService;
  registry: ModelRegistry;
  settings: SettingsStore;
  jobs: JobManager;
  events: EventBus;
}

/** What map.get / map.recompute / map.project take (after validation). */
export interface MapRequest {
  level: LayoutParams['level'];
  method: LayoutParams['method'];
  dims: 2 | 3;
  model?: string | undefined;
  filters: MapFilters;
}

/** The job kind UMAP layouts run under (the renderer shows its progress bar for it). */
export const MAP_JOB_KIND = 'map.layout';

/** Stop the query worker (and free the last map's vectors) after this long unused. */
const QUERY_WORKER_IDLE_MS = 5 * 60_000;
/** Wait this long after the last library change before updating document vectors. */
const UPKEEP_DEBOUNCE_MS = 5_000;
const MEMORY_CACHE_ENTRIES = 3;

/** Share of a UMAP job's progress bar each phase fills (measured proportions at 20k-100k points). */
const PHASES: Record<string, [number, number]> = {
  projection: [0, 0.05],
  neighbours: [0.05, 0.35],
  'neighbours (library index)': [0.05, 0.35],
  layout: [0.35, 0.95],
  clusters: [0.95, 0.98],
  labels: [0.98, 1],
};
const PROGRESS_UNITS = 1000;

/**
 * map.get / map.recompute / map.project on the caller's thread: resolves parameters, answers repeated
 * calls from memory, runs PCA maps and query placement in a long-lived worker and each UMAP layout as
 * a job (progress on `job.progress`, cancelled with jobs.cancel) in a worker of its own.
 */
export class MapService {
  private readonly queries: MapWorkerClient;
  private readonly memory = new Map<string, MapLayout>();
  private readonly running = new Map<string, string>();
  private readonly documentModels = new Set<string>();
  private upkeepTimer: NodeJS.Timeout | null = null;
  private readonly stopListening: () => void;

  constructor(private readonly deps: MapServiceDeps) {
    this.queries = createMapWorkerClient(deps.library.dir, QUERY_WORKER_IDLE_MS);
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
    const params = await this.resolve(request);
    if (!params) throw new LociError('NOT_FOUND', 'The library has no documents to map yet.');
    const state = await this.get(request);
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
    await this.queries.close();
  }

  private async answer(request: MapRequest, recompute: boolean): Promise<MapGetResult> {
    const params = await this.resolve(request);
    if (!params) return { status: 'ready', layout: emptyLayout(request) };
    const store = await this.deps.library.reader();
    const dataVersion = store ? await store.dataVersion() : '';
    const key = JSON.stringify(params);
    if (params.level === 'documents') this.documentModels.add(params.modelId);
    const running = this.running.get(key);
    if (running) return { status: 'computing', jobId: running };
    if (recompute) this.memory.delete(key);
    const remembered = this.memory.get(key);
    if (!recompute && remembered && remembered.dataVersion === dataVersion)
      return { status: 'ready', layout: remembered };

    if (params.method === 'pca') {
      const answer = recompute
        ? await this.queries.call('recompute', { params })
        : await this.queries.call('layout', { params, allowCompute: true });
      if (answer.status !== 'ready') throw new Error('PCA layout was not computed');
      this.remember(key, answer.layout);
      return answer;
    }
    if (!recompute) {
      const answer = await this.queries.call('layout', { params, allowCompute: false });
      if (answer.status === 'ready') {
        this.remember(key, answer.layout);
        return answer;
      }
    }
    return { status: 'computing', jobId: this.startLayoutJob(key, params, recompute) };
  }

  private startLayoutJob(key: string, params: LayoutParams, recompute: boolean): string {
    const { jobId } = this.deps.jobs.start(MAP_JOB_KIND, async (ctx) => {
      const worker = createMapWorkerClient(this.deps.library.dir);
      const stop = () => void worker.stop();
      ctx.signal.addEventListener('abort', stop, { once: true });
      try {
        const onProgress = (event: MapWorkerProgress) => reportPhase(ctx, event);
        const answer: LayoutAnswer = recompute
          ? await worker.call('recompute', { params }, { onProgress })
          : await worker.call('layout', { params, allowCompute: true }, { onProgress });
        if (answer.status !== 'ready') throw new Error('UMAP layout was not computed');
        this.remember(key, answer.layout);
        ctx.progress({ done: PROGRESS_UNITS, total: PROGRESS_UNITS, current: 'done' });
        return { layoutId: answer.layout.layoutId, points: answer.layout.points };
      } finally {
        ctx.signal.removeEventListener('abort', stop);
        this.running.delete(key);
        await worker.close();
      }
    });
    this.running.set(key, jobId);
    return jobId;
  }

  /** Parameters with the model resolved; null when the library has nothing to map. */
  private async resolve(request: MapRequest): Promise<LayoutParams | null> {
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
    if (!modelId) return null;
    return {
      level: request.level,
      method: request.method,
      dims: request.dims,
      modelId,
      filters: request.filters,
      maxPoints: MAP_MAX_POINTS,
    };
  }

  private remember(key: string, layout: MapLayout): void {
    this.memory.delete(key);
    this.memory.set(key, layout);
    while (this.memory.size > MEMORY_CACHE_ENTRIES)
      this.memory.delete(this.memory.keys().next().value as string);
  }

  /** After ingests, bring the document vectors of mapped models up to date in the background. */
  private scheduleUpkeep(): void {
    if (this.documentModels.size === 0) return;
    if (this.upkeepTimer) clearTimeout(this.upkeepTimer);
    this.upkeepTimer = setTimeout(() => {
      this.upkeepTimer = null;
      for (const modelId of this.documentModels)
        this.queries.call('refreshDocumentVectors', { modelId }).catch(() => undefined);
    }, UPKEEP_DEBOUNCE_MS);
    this.upkeepTimer.unref();
  }
}

function reportPhase(ctx: JobContext, event: MapWorkerProgress): void {
  const [from, to] = PHASES[event.phase] ?? [0, 0];
  const share = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
  const done = Math.round(PROGRESS_UNITS * (from + (to - from) * share));
  const current = event.phase === 'layout' ? `epoch ${event.done} of ${event.total}` : event.phase;
  ctx.progress({
    done: Math.min(done, PROGRESS_UNITS - 1),
    total: PROGRESS_UNITS,
    current,
    message: event.phase,
    phase: event.phase,
  });
}

/** The map of an empty library (no model has vectors yet). */
function emptyLayout(request: MapRequest): MapLayout {
  return {
    layoutId: 'empty',
    level: request.level,
    method: request.method,
    dims: request.dims,
    model: request.model ?? '',
    dataVersion: '',
    coords: new Float32Array(0),
    cluster: new Int32Array(0),
    doc: new Int32Array(0),
    page: new Int32Array(0),
    ordinal: new Int32Array(0),
    charStart: new Int32Array(0),
    charEnd: new Int32Array(0),
    snippets: [],
    docs: [],
    clusters: [],
    points: 0,
    total: 0,
    sampled: false,
    placed: 0,
    computedAt: 0,
    silhouette: null,
    explained: null,
  };
}
