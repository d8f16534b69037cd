import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LibraryCheckReport, LibraryRepairSummary } from '../../src/shared/api/methods/library';
import { dataFiles, truncateHalf } from '../support/damageLibrary';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';

// `loci doctor` through the real binary: exit codes, the report, and what other commands print on a
// damaged library (before this, `status` said "Index: ready" and `search` printed a Rust IO error).
describe('loci doctor', () => {
  const tmp = makeTempDir('loci-cli-doctor-');
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  fs.mkdirSync(docs);
  fs.writeFileSync(
    path.join(docs, 'glaciers.md'),
    '# Glaciers\n\nGlaciers carve valleys as they flow downhill.\n',
  );
  fs.writeFileSync(path.join(docs, 'tides.md'), '# Tides\n\nThe moon raises two tidal bulges every day.\n');
  afterAll(() => tmp.cleanup());
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], { env, encoding: 'utf8' });

  it('reports a healthy library with exit 0', () => {
    expect(loci('add', docs).status).toBe(0);
    const r = loci('doctor');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/chunks\s+v\d+\s+2 rows\s+ok/);
    expect(r.stdout).toMatch(/The library is healthy\./);
  });

  it('finds a truncated chunks file (exit 1); status and search say "damaged", never the Rust error', () => {
    truncateHalf(dataFiles(library, 'chunks')[0]!);
    const r = loci('doctor');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/chunks .* a data file of the chunks table is truncated/);
    expect(r.stdout).toMatch(/Run `loci doctor --repair`/);
    const json = JSON.parse(loci('doctor', '--json').stdout) as LibraryCheckReport;
    expect(json).toMatchObject({ healthy: false, full: true });

    const status = loci('status');
    expect(status.stdout).toMatch(/Index: DAMAGED .*loci doctor --repair/);
    expect(status.stdout).not.toMatch(/Index: ready/);
    const search = loci('search', 'glaciers');
    expect(search.status).toBe(1);
    expect(search.stderr).toMatch(/the library is damaged .*run `loci doctor --repair`/i);
    expect(search.stderr).not.toMatch(/LanceError|fill whole buffer|rustc/);
  });

  it('--repair brings it back (exit 0) and search works again', () => {
    const r = loci('doctor', '--repair', '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as LibraryRepairSummary;
    expect(summary).toMatchObject({ type: 'repair', reindexed: 2, lost: [], cancelled: false });
    expect(summary.after.healthy).toBe(true);
    expect(loci('doctor').status).toBe(0);
    const search = loci('search', 'glaciers carve valleys', '--json');
    expect(search.status, search.stderr).toBe(0);
    expect((JSON.parse(search.stdout) as { results: Array<{ path: string }> }).results[0]?.path).toMatch(
      /glaciers\.md$/,
    );
  });
});
