import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repoPaths';

// electron-builder copies node_modules through a FileMatcher built from the `!` patterns of `files`
// (app-builder-lib's getNodeModuleFileMatcher). This runs that same FileMatcher and filter over the
// real installed files, per target, so the packaged app carries only the target's native binaries.
// (Building installers needs the Electron download, which CI cannot fetch.)
const require = createRequire(import.meta.url);
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns?: string[],
  ) => {
    addPattern(p: string): void;
    prependPattern(p: string): void;
    createFilter(): (file: string, stat: fs.Stats) => boolean;
  };
};

const config = parseYaml(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
};

/** The files of node_modules/<dir> electron-builder would package for a target, relative to <dir>. */
function packaged(dir: string, platform: string, arch: string): string[] {
  const os = { darwin: 'mac', linux: 'linux', win32: 'win' }[platform] as string;
  const expand = (s: string) =>
    s
      .replace(/\$\{platform\}/g, platform)
      .replace(/\$\{arch\}/g, arch)
      .replace(/\$\{os\}/g, os);
  const matcher = new FileMatcher(repoRoot, '/app', expand);
  for (const p of config.files) if (p.startsWith('!')) matcher.addPattern(p);
  matcher.prependPattern('**/*');
  const filter = matcher.createFilter();
  const root = path.join(repoRoot, 'node_modules', dir);
  const kept: string[] = [];
  const walk = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const file = path.join(at, name);
      const stat = fs.statSync(file);
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) walk(file);
      else kept.push(path.relative(root, file).split(path.sep).join('/'));
    }
  };
  walk(root);
  return kept;
}

const targets: Array<[string, string]> = [
  ['linux', 'x64'],
  ['linux', 'arm64'],
  ['darwin', 'arm64'],
  ['win32', 'x64'],
];

describe('packaged native binaries', () => {
  it.each(targets)('onnxruntime-node: only %s/%s', (platform, arch) => {
    const files = packaged('onnxruntime-node/bin', platform, arch);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.startsWith(`napi-v6/${platform}/${arch}/`), f).toBe(true);
    expect(files.some((f) => f.endsWith('onnxruntime_binding.node'))).toBe(true);
  });

  it.each(targets)('usearch: only the %s/%s prebuild', (platform, arch) => {
    const files = packaged('usearch/prebuilds', platform, arch);
    for (const f of files) {
      const [folder] = f.split('/') as [string];
      expect(folder.startsWith(`${platform}-`) && folder.includes(arch), f).toBe(true);
    }
    if (platform !== 'win32') expect(files.length).toBeGreaterThan(0);
  });

  it('keeps the rest of a package (JavaScript, package.json)', () => {
    const files = packaged('onnxruntime-node', 'linux', 'x64');
    expect(files).toContain('package.json');
    expect(files.some((f) => f.startsWith('dist/'))).toBe(true);
  });
});
