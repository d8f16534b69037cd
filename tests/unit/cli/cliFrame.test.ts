import { execFileSync, spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
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

  it('--version and -V print the package version; -v is not version (it usually means verbose)', () => {
    for (const flag of ['--version', '-V']) {
      const r = loci(flag);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
    const v = loci('-v');
    expect(v.status).toBe(2);
    expect(v.stdout).not.toContain(version);
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

  it('serve --json prints only the JSON line on stdout (the human line goes to stderr)', async () => {
    const dir = path.join(os.tmpdir(), `loci-serve-json-${process.pid}`);
    const child = spawn(
      process.execPath,
      [lociBin, 'serve', '--json', '--port', '0', '--no-open', '--library', path.join(dir, 'lib')],
      { env: { ...process.env, LOCI_DATA_DIR: path.join(dir, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const info = JSON.parse(first) as { url: string; token: string; port: number };
      expect(info.url).toContain(`:${info.port}/?token=${info.token}`);
      expect(stderr).toContain('Loci is serving at');
    } finally {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    }
  }, 60_000);

  it('eval takes the collection folder as an argument and says clearly when it is missing', () => {
    const r = loci('eval', 'cranfield', path.join(os.tmpdir(), 'no-such-cranfield'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no Cranfield collection in');
    expect(r.stderr).toContain('loci eval cranfield DIR');
  });

  it('serve --help documents its options', () => {
    const r = loci('serve', '--help');
    expect(r.status).toBe(0);
    for (const flag of ['--port', '--host', '--no-open', '--library']) expect(r.stdout).toContain(flag);
  });
});
