import { LociError } from '../../../shared/api/errors';
import type { ModelRegistry } from '../embed/registry';
import type { SettingsStore } from '../settings/settingsStore';
import type { DomainHandlers } from './types';

/** `settings.*`: the user's choices (default model, threads). */
export function settingsHandlers(
  registry: ModelRegistry,
  settings: SettingsStore,
): DomainHandlers<'settings.get' | 'settings.set'> {
  return {
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
