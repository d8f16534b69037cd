import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelSummary } from '../../shared/api/methods/app';
import type { CoreConfig } from './config';
import { EventBus } from './eventBus';
import { appHandlers } from './handlers/app';
import type { Handlers } from './handlers/types';

export interface Core {
  config: CoreConfig;
  handlers: Handlers;
  events: EventBus;
  /** Stops jobs and watchers and releases sessions, indexes and the library lock. */
  close(): Promise<void>;
}

/**
 * Builds the core: the handlers for every contract method plus the event bus. Pure Node; Electron,
 * the HTTP server, the CLI and the tests all call this with their own config.
 */
export async function createCore(config: CoreConfig): Promise<Core> {
  const events = new EventBus();
  const handlers: Handlers = {
    ...appHandlers(config, () => listModelManifests(config)),
  };
  return {
    config,
    handlers,
    events,
    async close() {},
  };
}

/** Models found as `models/<id>/manifest.json` in the built-in resources and the user's data dir. */
async function listModelManifests(config: CoreConfig): Promise<ModelSummary[]> {
  const roots: Array<[string, boolean]> = [
    [path.join(config.resourcesDir, 'models'), true],
    [path.join(config.dataDir, 'models'), false],
  ];
  const models: ModelSummary[] = [];
  for (const [root, builtIn] of roots) {
    const ids = await fs.readdir(root).catch(() => [] as string[]);
    for (const id of ids.sort()) {
      const manifest = await fs
        .readFile(path.join(root, id, 'manifest.json'), 'utf8')
        .then((text) => JSON.parse(text) as Partial<ModelSummary>)
        .catch(() => null);
      if (!manifest?.id || !manifest.dims) continue;
      models.push({
        id: manifest.id,
        name: manifest.name ?? manifest.id,
        kind: manifest.kind ?? 'hf-onnx',
        dims: manifest.dims,
        maxTokens: manifest.maxTokens ?? 0,
        fingerprint: manifest.fingerprint ?? '',
        builtIn,
      });
    }
  }
  return models;
}
