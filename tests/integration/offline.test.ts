import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePdfCorpus } from '../support/pdfCorpus';
import { lociBin, repoRoot } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

const blocker = path.join(repoRoot, 'tests/support/blockNetwork.mjs');

/** Runs `loci ...` with every network API throwing (and logged), in a network namespace when possible. */
function lociOffline(args: string[], netLog: string, dataDir: string) {
  const env = { ...process.env, LOCI_NET_LOG: netLog, LOCI_DATA_DIR: dataDir };
  const node = [process.execPath, '--import', blocker, lociBin, ...args];
  // As root on Linux, `unshare -n` gives a namespace with no network at all (not even DNS).
  const canUnshare =
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('unshare', ['-n', 'true']).status === 0;
  const [cmd, ...argv] = canUnshare ? ['unshare', '-n', ...node] : node;
  return spawnSync(cmd!, argv, { env, encoding: 'utf8', cwd: repoRoot });
}

// Ingest and search with every network API made to throw: nothing tries to connect.
describe('offline: ingest and search never touch the network', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  const netLog = path.join(tmp.dir, 'net.log');
  writePdfCorpus(docs, 6, 2);
  afterAll(() => tmp.cleanup());

  it('the blocker itself catches and logs a TCP attempt (so the check below can fail)', () => {
    const probeLog = path.join(tmp.dir, 'probe.log');
    const r = spawnSync(
      process.execPath,
      ['--import', blocker, '-e', "require('node:net').connect(9, '127.0.0.1').on('error', () => {})"],
      { env: { ...process.env, LOCI_NET_LOG: probeLog }, encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    expect(fs.readFileSync(probeLog, 'utf8')).toContain('net.');
  });

  it('adds documents and answers a search with no network attempt', () => {
    const add = lociOffline(['add', docs, '--library', library, '--json'], netLog, `${library}-data`);
    expect(add.status, add.stderr).toBe(0);
    const summary = JSON.parse(add.stdout.trim().split('\n').at(-1)!) as { added: number };
    expect(summary.added).toBe(6);

    const search = lociOffline(
      ['search', 'photosynthesis in grasses', '--library', library, '--json'],
      netLog,
      `${library}-data`,
    );
    expect(search.status, search.stderr).toBe(0);
    const response = JSON.parse(search.stdout) as { results: Array<{ path: string }> };
    expect(response.results[0]?.path).toMatch(/botany/);

    expect(fs.existsSync(netLog) ? fs.readFileSync(netLog, 'utf8') : '').toBe('');
  });
});
