import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/repoPaths';

// npm must install offline and quietly: no dependency install script runs (onnxruntime-node's would
// download CUDA binaries), and no project config npm does not know (it warns on every npm call).
describe('install scripts and npm config', () => {
  it('every dependency install script is explicitly denied in allowScripts', () => {
    const r = spawnSync('npm', ['install-scripts', 'ls'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No packages with unreviewed install scripts');
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      allowScripts: Record<string, boolean>;
    };
    // onnxruntime-node's postinstall is the one that would download (CUDA binaries on Linux x64).
    expect(pkg.allowScripts['onnxruntime-node']).toBe(false);
    expect(Object.values(pkg.allowScripts).every((allowed) => allowed === false)).toBe(true);
  });

  it('npm prints no "Unknown project config" warning', () => {
    const r = spawnSync('npm', ['--version'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('Unknown project config');
  });
});
