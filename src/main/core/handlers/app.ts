import os from 'node:os';
import type { ModelSummary } from '../../../shared/api/methods/app';
import type { CoreConfig } from '../config';
import type { DomainHandlers } from './types';

/** `app.*`: what the app is, where its data lives, which models it can use. */
export function appHandlers(
  config: CoreConfig,
  listModels: () => Promise<ModelSummary[]>,
): DomainHandlers<'app.info' | 'app.ping'> {
  return {
    'app.info': async () => ({
      name: 'Loci',
      version: config.appVersion,
      dataDir: config.dataDir,
      libraryDir: config.libraryDir,
      platform: process.platform,
      arch: os.arch(),
      runtime: `Node.js ${process.versions.node}`,
      models: await listModels(),
    }),
    'app.ping': async ({ echo }) => ({ pong: true, at: Date.now(), ...(echo === undefined ? {} : { echo }) }),
  };
}
