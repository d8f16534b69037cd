import type { ModelRegistry } from '../embed/registry';
import type { LibraryService } from '../library/libraryService';
import type { SettingsStore } from '../settings/settingsStore';
import type { DomainHandlers } from './types';

/** `search.query`: wired to the search engine in src/main/core/search. */
export function searchHandlers(
  _library: LibraryService,
  _registry: ModelRegistry,
  _settings: SettingsStore,
): DomainHandlers<never> {
  return {};
}
