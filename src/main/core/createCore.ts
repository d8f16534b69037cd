import type { CoreConfig } from './config';
import { createModelRegistry, type ModelRegistry } from './embed/registry';
import { EventBus } from './eventBus';
import { platformOpener, type SystemOpener } from './files/systemOpener';
import { appHandlers } from './handlers/app';
import { documentHandlers } from './handlers/documents';
import { fileHandlers } from './handlers/files';
import { duplicateHandlers } from './handlers/duplicates';
import { exploreHandlers } from './handlers/explore';
import { heatmapHandlers } from './handlers/heatmap';
import { jobHandlers } from './handlers/jobs';
import { libraryHandlers } from './handlers/library';
import { topicHandlers } from './handlers/topics';
import { mapHandlers } from './handlers/map';
import { modelHandlers, toModelSummary } from './handlers/models';
import { searchHandlers } from './handlers/search';
import { settingsHandlers } from './handlers/settings';
import { toLociError, withErrorMapping } from './handlers/toLociError';
import type { Handlers } from './handlers/types';
import { JobManager } from './jobs/jobManager';
import { createDocumentPagesReader } from './library/documentPages';
import { LibraryService } from './library/libraryService';
import { MapService } from './map/mapService';
import { SearchService } from './search/searchService';
import { SettingsStore } from './settings/settingsStore';
import { SimilarityPool } from './similarity/similarityPool';
import { SimilarityService } from './similarity/similarityService';

export interface Core {
  config: CoreConfig;
  handlers: Handlers;
  events: EventBus;
  jobs: JobManager;
  library: LibraryService;
  registry: ModelRegistry;
  /** Search with the store, vector index and embedder wired once (handlers, heatmaps, eval). */
  search: SearchService;
  /** Stops jobs and watchers and releases sessions, indexes and the library lock. */
  close(): Promise<void>;
}

export interface CoreOptions {
  /** How documents are opened with the system (Electron may pass its own). */
  opener?: SystemOpener;
}

/**
 * Builds the core: the handlers for every contract method plus the event bus. Pure Node; Electron,
 * the HTTP server, the CLI and the tests all call this with their own config.
 */
export async function createCore(config: CoreConfig, options: CoreOptions = {}): Promise<Core> {
  const events = new EventBus();
  // A job that meets a damaged file fails with LIBRARY_DAMAGED, not LanceDB's message.
  const jobs = new JobManager(events, 250, toLociError);
  const settings = SettingsStore.inDataDir(config.dataDir);
  const stored = await settings.get();
  const threads = config.threads ?? stored.threads ?? undefined;
  const registry = createModelRegistry({ ...config, ...(threads ? { threads } : {}) });
  const library = new LibraryService({
    libraryDir: config.libraryDir,
    registry,
    settings,
    jobs,
    events,
    ...(threads ? { threads } : {}),
    ...(config.extractWorkers ? { extractWorkers: config.extractWorkers } : {}),
    ...(config.documentLimits ? { documentLimits: config.documentLimits } : {}),
    ...(config.chunkContext ? { chunkContext: config.chunkContext } : {}),
  });

  // Every service is built here, once; the handlers only translate the contract to them.
  const search = new SearchService({ library, registry, settings });
  const pool = new SimilarityPool(Math.max(1, Math.min(threads ?? 2, 4)));
  const similarity = new SimilarityService(library, registry, settings, pool, search);
  const map = new MapService({
    library,
    registry,
    settings,
    jobs,
    events,
    max3dPoints: config.map3dMaxPoints,
  });
  const pages = createDocumentPagesReader({
    ocrPages: async (doc) => (await (await library.reader())?.getOcrPages(doc.id)) ?? [],
  });

  const handlers: Handlers = withErrorMapping({
    ...appHandlers(config, async () => (await registry.listModels()).map(toModelSummary)),
    ...libraryHandlers(library, similarity),
    ...jobHandlers(jobs),
    ...searchHandlers(search, similarity),
    ...documentHandlers(library, options.opener ?? platformOpener, pages),
    ...fileHandlers(),
    ...modelHandlers({ registry, settings, library }),
    ...settingsHandlers(registry, settings),
    ...heatmapHandlers(similarity),
    ...exploreHandlers(similarity),
    ...duplicateHandlers(similarity),
    ...mapHandlers(map, similarity),
    ...topicHandlers(similarity),
  });

  if (config.watch) await library.startWatching();

  return {
    config,
    handlers,
    events,
    jobs,
    library,
    registry,
    search,
    async close() {
      await jobs.closeAll();
      // Services holding workers or timers stop after the jobs and before the library they read.
      await Promise.all([pool.close(), map.close(), pages.close()]);
      await library.close();
      await registry.closeAll();
    },
  };
}
