import type { EventBus } from '../eventBus';
import type { ModelRegistry } from '../embed/registry';
import type { JobManager } from '../jobs/jobManager';
import { startEmbedLibrary } from '../library/embedWithModel';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import { clusterHeatmap, documentHeatmap } from '../similarity/documentHeatmap';
import { findDuplicates } from '../similarity/duplicates';
import { exploreArithmetic, exploreNeighbours } from '../similarity/explorer';
import { libraryVocabulary } from '../similarity/keyTerms';
import { compareModels } from '../similarity/modelComparison';
import { queryHeatmap } from '../similarity/queryHeatmap';
import { SimilarityPool } from '../similarity/similarityPool';
import { SimilarityService } from '../similarity/similarityService';
import { timeHeatmap } from '../similarity/timeHeatmap';
import type { DomainHandlers } from './types';

export interface HeatmapDeps {
  library: LibraryService;
  registry: ModelRegistry;
  settings: SettingsStore;
  jobs: JobManager;
  events: EventBus;
  /** Worker threads for the similarity maths (default 2; the pool stops them when idle). */
  threads?: number;
}

/** `heatmap.get`, `explore.*`, `duplicates.list` and `models.embedLibrary`. */
export function heatmapHandlers(
  deps: HeatmapDeps,
  onClose: (close: () => Promise<void>) => void,
): DomainHandlers<
  | 'heatmap.get'
  | 'explore.arithmetic'
  | 'explore.neighbours'
  | 'explore.vocabulary'
  | 'duplicates.list'
  | 'models.embedLibrary'
> {
  const pool = new SimilarityPool(Math.max(1, Math.min(deps.threads ?? 2, 4)));
  const service = new SimilarityService(deps.library, deps.registry, deps.settings, pool);
  onClose(() => pool.close());
  return {
    'heatmap.get': async (input) => {
      switch (input.kind) {
        case 'documents':
          return documentHeatmap(service, input);
        case 'clusters':
          return clusterHeatmap(service, input);
        case 'query':
          return queryHeatmap(service, input);
        case 'models':
          return compareModels(service, input);
        case 'time':
          return timeHeatmap(service, input);
      }
    },
    'explore.arithmetic': (input) => exploreArithmetic(service, input),
    'explore.neighbours': (input) => exploreNeighbours(service, input),
    'explore.vocabulary': async ({ limit }) => ({
      terms: libraryVocabulary(await service.termIndex(), limit).map((t) => ({
        term: t.term,
        score: t.weight,
        df: t.df,
      })),
    }),
    'duplicates.list': (input) => findDuplicates(service, input),
    'models.embedLibrary': async ({ model }) => {
      await deps.registry.getModel(model); // NOT_FOUND with the known ids, before a job starts
      const started = startEmbedLibrary({ libraryDir: deps.library.dir, ...deps }, model);
      return { jobId: started.jobId };
    },
  };
}
