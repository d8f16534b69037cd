import { LociError } from '../../../shared/api/errors';
import type { Settings } from '../../../shared/api/methods/settings';
import type { ModelRegistry } from '../embed/registry';
import { installedOcrLanguages, listOcrLanguagePacks } from '../ingest/extract/ocrEngine';
import { ocrLanguageName } from '../ingest/extract/ocrLanguageNames';
import type { SettingsStore } from '../settings/settingsStore';
import type { DomainHandlers } from './types';

/** `settings.*`: the user's choices (default model, threads, OCR languages, theme). */
export function settingsHandlers(
  registry: ModelRegistry,
  settings: SettingsStore,
): DomainHandlers<'settings.get' | 'settings.set' | 'settings.ocrLanguages'> {
  return {
    'settings.get': () => settings.get(),
    'settings.ocrLanguages': async () => ({
      installed: listOcrLanguagePacks().map((code) => ({ code, name: ocrLanguageName(code) })),
    }),
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
      if (patch.ocrLanguages !== undefined) {
        const installed = installedOcrLanguages(patch.ocrLanguages);
        const missing = patch.ocrLanguages.filter((lang) => !installed.includes(lang));
        if (missing.length > 0) {
          throw new LociError(
            'INVALID_INPUT',
            `No OCR language pack for ${missing.join(', ')} (install @tesseract.js-data/${missing[0]})`,
          );
        }
      }
      const next: Partial<Settings> = {};
      if (patch.defaultModel !== undefined) next.defaultModel = patch.defaultModel;
      if (patch.threads !== undefined) next.threads = patch.threads;
      if (patch.ocrLanguages !== undefined) next.ocrLanguages = [...new Set(patch.ocrLanguages)];
      if (patch.theme !== undefined) next.theme = patch.theme;
      if (patch.embeddedText !== undefined) next.embeddedText = patch.embeddedText;
      return settings.set(next);
    },
  };
}
