import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptFiles, nodeModulesFilter, type Platform } from '../../support/packagedFiles';
import { repoRoot } from '../../support/repoPaths';

// electron-builder copies node_modules through a FileMatcher built from the `!` patterns of `files`;
// tests/support/packagedFiles.ts runs that same FileMatcher over the real installed files, per target,
// so the packaged app carries only the target's native binaries.
// (Building installers needs the Electron download, which CI cannot fetch.)

/** The files of node_modules/<dir> electron-builder would package for a target, relative to <dir>. */
function packaged(dir: string, platform: string, arch: string): string[] {
  const filter = nodeModulesFilter({ platform: platform as Platform, arch: arch as 'x64' | 'arm64' });
  return keptFiles(path.join(repoRoot, 'node_modules', dir), filter).map((f) => f.file);
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
