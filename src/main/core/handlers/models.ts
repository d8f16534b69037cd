import type { ModelSummary } from '../../../shared/api/methods/app';
import { LociError } from '../../../shared/api/errors';
import type { ModelRegistry, RegisteredModel } from '../embed/registry';
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

/** `models.*` and `settings.*`: the model registry and the user's choices. */
export function modelHandlers(
  registry: ModelRegistry,
  settings: SettingsStore,
): DomainHandlers<'models.list' | 'models.import' | 'models.remove' | 'settings.get' | 'settings.set'> {
  return {
    'models.list': async () => (await registry.listModels()).map(toModelSummary),
    'models.import': async ({ path, id }) =>
      toModelSummary(await registry.importModel(path, id ? { id } : {})),
    'models.remove': async ({ id }) => {
      await registry.removeModel(id);
      if ((await settings.get()).defaultModel === id) await settings.set({ defaultModel: 'use-lite' });
      return { removed: true };
    },
    'settings.get': () => settings.get(),
    'settings.set': async (patch) => {
      if (patch.defaultModel !== undefined) {
        const known = await registry.listModels();
        if (!known.some((m) => m.id === patch.defaultModel)) {
          throw new LociError(
            'NOT_FOUND',
            `No model "${patch.defaultModel}". Known: ${known.map((m) => m.id).join(', ')}`,
          );
        }
      }
      const next: { defaultModel?: string; threads?: number | null } = {};
      if (patch.defaultModel !== undefined) next.defaultModel = patch.defaultModel;
      if (patch.threads !== undefined) next.threads = patch.threads;
      return settings.set(next);
    },
  };
}
