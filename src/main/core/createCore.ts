import type { CoreConfig } from './config';
import { createModelRegistry, type ModelRegistry } from './embed/registry';
import { EventBus } from './eventBus';
import { platformOpener, type SystemOpener } from './files/systemOpener';
import { appHandlers } from './handlers/app';
import { documentHandlers } from './handlers/documents';
import { fileHandlers } from './handlers/files';
import { heatmapHandlers } from './handlers/heatmap';
import { jobHandlers } from './handlers/jobs';
import { libraryHandlers } from './handlers/library';
import { mapHandlers } from './handlers/map';
import { modelHandlers, toModelSummary } from './handlers/models';
import { searchHandlers } from './handlers/search';
import { withErrorMapping } from './handlers/toLociError';
import type { Handlers } from './handlers/types';
import { JobManager } from './jobs/jobManager';
import { LibraryService } from './library/libraryService';
import { SettingsStore } from './settings/settingsStore';

export interface Core {
  config: CoreConfig;
  handlers: Handlers;
  events: EventBus;
  jobs: JobManager;
  library: LibraryService;
  registry: ModelRegistry;
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
  const jobs = new JobManager(events);
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
  });

  // Services that hold workers or timers register how to stop them; close() stops them after the
  // jobs and before the library they read.
  const closers: Array<() => Promise<void>> = [];
  const onClose = (close: () => Promise<void>) => closers.push(close);

  const handlers: Handlers = withErrorMapping({
    ...appHandlers(config, async () => (await registry.listModels()).map(toModelSummary)),
    ...libraryHandlers(library),
    ...jobHandlers(jobs),
    ...searchHandlers(library, registry, settings),
    ...documentHandlers(library, options.opener ?? platformOpener),
    ...fileHandlers(),
    ...modelHandlers(registry, settings),
    ...heatmapHandlers(
      { library, registry, settings, jobs, events, ...(threads ? { threads } : {}) },
      onClose,
    ),
    ...mapHandlers({ library, registry, settings, jobs, events }, onClose),
  });

  if (config.watch) await library.startWatching();

  return {
    config,
    handlers,
    events,
    jobs,
    library,
    registry,
    async close() {
      await jobs.closeAll();
      await Promise.all(closers.map((close) => close()));
      await library.close();
      await registry.closeAll();
    },
  };
}
