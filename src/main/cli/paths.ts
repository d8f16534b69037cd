import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultDataDir,
  defaultLibraryDir,
  legacyDataDirs,
  sourceResourcesDir,
  type CoreConfig,
} from '../core/config';
import { migrateDataDir } from '../core/migrateDataDir';
import type { CliArgs } from './command';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The version in package.json (the CLI runs from the source tree). */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Where `npm run build` puts the renderer that `loci serve` serves. */
export function rendererBuildDir(): string {
  return path.join(repoRoot, 'out', 'renderer');
}

/** CoreConfig for a CLI invocation: `--library` / `LOCI_LIBRARY`, else the OS default library. */
export function coreConfigFor(
  args: CliArgs,
  env: NodeJS.ProcessEnv,
  extra: Partial<CoreConfig> = {},
): CoreConfig {
  const dataDir = defaultDataDir(env);
  // Once: data an earlier version kept in the config folder (or the app's userData) moves here.
  migrateDataDir(dataDir, legacyDataDirs(env));
  return {
    appVersion: packageVersion(),
    dataDir,
    libraryDir: args.library ? path.resolve(args.library) : defaultLibraryDir(dataDir, env),
    resourcesDir: sourceResourcesDir(),
    ...(Number(env.LOCI_MAP_3D_MAX_POINTS) >= 0 && env.LOCI_MAP_3D_MAX_POINTS
      ? { map3dMaxPoints: Number(env.LOCI_MAP_3D_MAX_POINTS) }
      : {}),
    ...extra,
  };
}
