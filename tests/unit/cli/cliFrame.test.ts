import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { lociBin, repoRoot } from '../../support/repoPaths';

// Runs the real `loci` entry (bin/loci.mjs through tsx), as a user would.
function loci(...args: string[]) {
  return spawnSync(process.execPath, [lociBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env },
  });
}

describe('loci CLI frame', () => {
  const version = (
    JSON.parse(execFileSync('cat', ['package.json'], { cwd: repoRoot, encoding: 'utf8' })) as {
      version: string;
    }
  ).version;

  it('--version prints the package version', () => {
    const r = loci('--version');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('--help lists the commands and global options', () => {
    const r = loci('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('serve');
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toContain('--library DIR');
  });

  it('an unknown command or option fails with exit code 2 and says why', () => {
    const unknown = loci('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badOption = loci('serve', '--bogus');
    expect(badOption.status).toBe(2);
    expect(badOption.stderr).toMatch(/bogus/);
    const badPort = loci('serve', '--port', 'eighty');
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });

  it('serve --help documents its options', () => {
    const r = loci('serve', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--host', '--no-open', '--library']) expect(r.stdout).toContain(flag);
  });
});
