import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from './repoPaths';

// What electron-builder would put into the app, computed with electron-builder's own parts, because
// building installers needs the Electron download, which these machines cannot fetch:
// - which node_modules it copies: its npm collector (`npm list --omit dev`, then its hoisting), so
//   devDependencies (React, Plotly: Vite bundles them) never reach the app;
// - which of their files it keeps: the FileMatcher it builds from the `!` patterns of `files` in
//   electron-builder.yml (app-builder-lib's getNodeModuleFileMatcher), per target platform and arch.
// Used by tests/unit/packaging and scripts/appSize.ts.

const require = createRequire(import.meta.url);

interface FileMatcherInstance {
  addPattern(p: string): void;
  prependPattern(p: string): void;
  createFilter(): (file: string, stat: fs.Stats) => boolean;
}
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns?: string[],
  ) => FileMatcherInstance;
};

export interface BuilderConfig {
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
}

export function builderConfig(): BuilderConfig {
  return parseYaml(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

export type Platform = 'linux' | 'darwin' | 'win32';
export interface Target {
  platform: Platform;
  arch: 'x64' | 'arm64';
}

/** electron-builder's filter for node_modules files, for one target. */
export function nodeModulesFilter(target: Target): (file: string, stat: fs.Stats) => boolean {
  const os = { darwin: 'mac', linux: 'linux', win32: 'win' }[target.platform];
  const expand = (s: string) =>
    s
      .replace(/\$\{platform\}/g, target.platform)
      .replace(/\$\{arch\}/g, target.arch)
      .replace(/\$\{os\}/g, os);
  const matcher = new FileMatcher(repoRoot, '/app', expand);
  for (const p of builderConfig().files) if (p.startsWith('!')) matcher.addPattern(p);
  matcher.prependPattern('**/*');
  return matcher.createFilter();
}

/**
 * The files under `dir` (absolute) that pass `filter`, relative to `dir`, with their sizes. A nested
 * node_modules folder is skipped when `skipNested` is set: the collector lists those packages itself.
 */
export function keptFiles(
  dir: string,
  filter: (file: string, stat: fs.Stats) => boolean,
  skipNested = false,
): Array<{ file: string; bytes: number }> {
  const kept: Array<{ file: string; bytes: number }> = [];
  const walk = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const file = path.join(at, name);
      const stat = fs.statSync(file);
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) {
        if (!(skipNested && name === 'node_modules')) walk(file);
      } else kept.push({ file: path.relative(dir, file).split(path.sep).join('/'), bytes: stat.size });
    }
  };
  walk(dir);
  return kept;
}

export interface ProductionModule {
  name: string;
  dir: string;
}

/** The packages electron-builder copies into the app: its own npm collector over this install. */
export async function productionModules(): Promise<ProductionModule[]> {
  const { getCollectorByPackageManager } = require('app-builder-lib/out/node-module-collector') as {
    getCollectorByPackageManager: (
      pm: string,
      rootDir: string,
      tmp: unknown,
    ) => {
      getNodeModules(o: { packageName: string }): Promise<{ nodeModules: CollectedModule[] }>;
    };
  };
  const { TmpDir } = require('builder-util') as { TmpDir: new (label: string) => unknown };
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    name: string;
  };
  const collector = getCollectorByPackageManager('npm', repoRoot, new TmpDir('loci-packaging'));
  const { nodeModules } = await collector.getNodeModules({ packageName: pkg.name });
  const found = new Map<string, ProductionModule>();
  const walk = (list: CollectedModule[]) => {
    for (const m of list) {
      found.set(m.dir, { name: m.name, dir: m.dir });
      if (m.dependencies) walk(m.dependencies);
    }
  };
  walk(nodeModules);
  return [...found.values()].sort((a, b) => a.dir.localeCompare(b.dir));
}

interface CollectedModule {
  name: string;
  dir: string;
  dependencies?: CollectedModule[];
}

/**
 * The production packages a set of roots needs, following each package's `dependencies` and
 * `optionalDependencies` with Node's lookup (the nearest node_modules folder upwards), and never
 * entering a package named in `cut`.
 */
export function reachableModules(
  modules: ProductionModule[],
  roots: string[],
  cut: ReadonlySet<string>,
): Set<string> {
  const byDir = new Set(modules.map((m) => m.dir));
  const resolve = (fromDir: string, name: string): string | undefined => {
    for (let at = fromDir; ; at = path.dirname(at)) {
      const candidate = path.join(at, 'node_modules', name);
      if (byDir.has(candidate)) return candidate;
      if (at === path.dirname(at) || at === repoRoot) {
        const top = path.join(repoRoot, 'node_modules', name);
        return byDir.has(top) ? top : undefined;
      }
    }
  };
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      if (cut.has(name)) continue;
      const found = resolve(dir, name);
      if (found) visit(found);
    }
  };
  for (const name of roots) {
    if (cut.has(name)) continue;
    const found = resolve(repoRoot, name);
    if (found) visit(found);
  }
  return seen;
}

/** Bytes of a file, or of every file under a folder; 0 when it does not exist. */
export function pathBytes(at: string): number {
  if (!fs.existsSync(at)) return 0;
  const stat = fs.statSync(at);
  if (!stat.isDirectory()) return stat.size;
  return keptFiles(at, () => true).reduce((sum, f) => sum + f.bytes, 0);
}
