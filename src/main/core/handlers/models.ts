import type { ModelSummary } from '../../../shared/api/methods/app';
import { DEFAULT_MODEL_ID, type ModelRegistry, type RegisteredModel } from '../embed/registry';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import type { DomainHandlers } from './types';

export function toModelSummary(m: RegisteredModel): ModelSummary {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    dims: m.dims,
    maxTokens: m.maxTokens,
    fingerprint: m.fingerprint,
    builtIn: m.builtIn,
  };
}

export interface ModelHandlerDeps {
  registry: ModelRegistry;
  settings: SettingsStore;
  library: LibraryService;
}

/** `models.*`: the model registry, and embedding the library with another model. */
export function modelHandlers(
  deps: ModelHandlerDeps,
): DomainHandlers<'models.list' | 'models.import' | 'models.remove' | 'models.embedLibrary'> {
  const { registry, settings } = deps;
  return {
    'models.list': async () => (await registry.listModels()).map(toModelSummary),
    'models.import': async ({ path, id }) =>
      toModelSummary(await registry.importModel(path, id ? { id } : {})),
    'models.remove': async ({ id }) => {
      await registry.removeModel(id);
      if ((await settings.get()).defaultModel === id) await settings.set({ defaultModel: DEFAULT_MODEL_ID });
      return { removed: true };
    },
    'models.embedLibrary': async ({ model }) => {
      await registry.getModel(model); // NOT_FOUND with the known ids, before a job starts
      const started = deps.library.startEmbedModel(model);
      return { jobId: started.jobId };
    },
  };
}
