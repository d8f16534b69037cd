import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentIndexLimits } from './ingest/types';

/**
 * Everything the core needs to know about where it runs. Electron passes its own paths (userData,
 * process.resourcesPath); the CLI and `loci serve` use the OS defaults below. The core never asks
 * Electron for anything.
 */
export interface CoreConfig {
  /** Package version, shown by `app.info` and `--version`. */
  appVersion: string;
  /** Per-user application data directory (`Loci/`): imported models, settings, default library. */
  dataDir: string;
  /** The library directory (LanceDB database + index files). */
  libraryDir: string;
  /** Directory holding `models/<id>/` of the built-in models (repo `resources/` or the app's). */
  resourcesDir: string;
  /** Threads for ONNX Runtime and worker pools; defaults to the number of cores. */
  threads?: number;
  /**
   * Per-document limits on chunking and embedding (defaults: 10,000 chunks, 120 s; see
   * `DocumentIndexLimits`). Documents cut by them are indexed as `partial`.
   */
  documentLimits?: Partial<DocumentIndexLimits>;
  /** Watch sources for changes and re-index (app and `loci serve`; not one-shot CLI commands). */
  watch?: boolean;
}

/** The OS application-data folder for Loci, as Electron's `app.getPath('userData')` would place it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCI_DATA_DIR) return path.resolve(env.LOCI_DATA_DIR);
  const home = os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Loci');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Loci');
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Loci');
  }
}

/** `Loci/libraries/default` inside the data directory, unless `LOCI_LIBRARY` says otherwise. */
export function defaultLibraryDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCI_LIBRARY) return path.resolve(env.LOCI_LIBRARY);
  return path.join(dataDir, 'libraries', 'default');
}

/** The repository's `resources/` folder (running from source); Electron passes its own. */
export function sourceResourcesDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../resources');
}
