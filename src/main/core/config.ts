import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChunkContext } from './ingest/embeddedText';
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
   * Extraction workers of an ingest job (default: see `extractWorkersFor`, derived from the cores).
   * Benchmarks set it to measure the split between extraction and the model's threads.
   */
  extractWorkers?: number;
  /**
   * Per-document limits on chunking and embedding (defaults: 10,000 chunks, 120 s; see
   * `DocumentIndexLimits`). Documents cut by them are indexed as `partial`.
   */
  documentLimits?: Partial<DocumentIndexLimits>;
  /** Watch sources for changes and re-index (app and `loci serve`; not one-shot CLI commands). */
  watch?: boolean;
  /**
   * The map opens in 3D up to this many points and in 2D above (default 5,000); `loci serve` and the
   * CLI read it from LOCI_MAP_3D_MAX_POINTS (tests use it to try the 2D default on a small library).
   */
  map3dMaxPoints?: number;
  /**
   * What a NEW library embeds with each chunk (embeddedText.ts; default DEFAULT_CHUNK_CONTEXT). An
   * existing library keeps the context it was made with (`loci eval` builds variants with this).
   */
  chunkContext?: ChunkContext;
}

/**
 * The OS data folder for Loci, shared by the desktop app and the CLI: libraries, imported models and
 * settings are data, not configuration (and a library can be large), so on Linux they live under
 * XDG_DATA_HOME (~/.local/share/Loci) and on Windows under %LOCALAPPDATA% (not roamed).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.LOCI_DATA_DIR) return path.resolve(env.LOCI_DATA_DIR);
  const home = env.HOME && platform !== 'win32' ? env.HOME : os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Loci');
    case 'win32':
      return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Loci');
    default:
      return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'Loci');
  }
}

/**
 * Where earlier versions kept the same data: the CLI in the config folder (`Loci`), the desktop app
 * in Electron's userData, named after the package (`loci`). Newest first.
 */
export function legacyDataDirs(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  if (env.LOCI_DATA_DIR) return [];
  const home = env.HOME && platform !== 'win32' ? env.HOME : os.homedir();
  switch (platform) {
    case 'darwin':
      return [path.join(home, 'Library', 'Application Support', 'loci')];
    case 'win32': {
      const roaming = env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
      return [path.join(roaming, 'Loci'), path.join(roaming, 'loci')];
    }
    default: {
      const config = env.XDG_CONFIG_HOME || path.join(home, '.config');
      return [path.join(config, 'Loci'), path.join(config, 'loci')];
    }
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
