import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryRepairSummary, LibraryStatus } from '../../src/shared/api/methods/library';
import { contract } from '../../src/shared/api/contract';
import { LociError } from '../../src/shared/api/errors';
import { createCore, type Core } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import {
  allManifests,
  dataFiles,
  indexFiles,
  newestManifest,
  overwriteWithGarbage,
  truncateHalf,
  vectorsTable,
} from '../support/damageLibrary';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { writePdfCorpus } from '../support/pdfCorpus';
import { makeTempDir } from '../support/tempDir';

/**
 * Each kind of damage, done to a copy of a real library (real LanceDB, the real model, real PDFs):
 * the doctor finds it, commands say "damaged" instead of a Rust error, the repair brings every
 * document back (by an older table version where one reads, else from the source files), and search
 * then answers as before.
 *
 * Library A is one `add` (every version of a table shares its one data file: damage there leaves no
 * readable version with rows, so documents come back from their sources). Library B adds a second
 * folder later (compaction writes new files: the version before them still reads).
 */
const QUERY = 'supernova remnant expanding into the interstellar medium';

describe('library damage: detect and repair', () => {
  const tmp = makeTempDir('loci-doctor-');
  const docs = path.join(tmp.dir, 'docs');
  const more = path.join(tmp.dir, 'more');
  const libA = path.join(tmp.dir, 'libA');
  const libB = path.join(tmp.dir, 'libB');
  const dataDir = path.join(tmp.dir, 'data');
  let before: { status: LibraryStatus; top: string };
  let beforeB: { status: LibraryStatus; top: string };

  const open = (libraryDir: string) =>
    createCore({ appVersion: 't', dataDir, libraryDir, resourcesDir: sourceResourcesDir() });
  const topHit = async (core: Core) =>
    (await core.handlers['search.query'](contract['search.query'].input.parse({ q: QUERY, k: 3 }))).results[0]
      ?.path ?? '';
  const counts = (s: LibraryStatus) => ({ documents: s.documents, chunks: s.chunks, models: s.models });

  beforeAll(async () => {
    writePdfCorpus(docs, 4, 2);
    fs.writeFileSync(path.join(docs, 'glaciers.md'), '# Glaciers\n\nGlaciers carve valleys as they flow.\n');
    fs.mkdirSync(more);
    fs.writeFileSync(path.join(more, 'tides.md'), '# Tides\n\nThe moon raises two tidal bulges a day.\n');
    const core = await open(libA);
    try {
      await core.jobs.wait((await core.handlers['library.add']({ paths: [docs] })).jobId);
      before = { status: await core.handlers['library.status']({}), top: await topHit(core) };
    } finally {
      await core.close();
    }
    fs.cpSync(libA, libB, { recursive: true, preserveTimestamps: true });
    const coreB = await open(libB);
    try {
      await coreB.jobs.wait((await coreB.handlers['library.add']({ paths: [more] })).jobId);
      beforeB = { status: await coreB.handlers['library.status']({}), top: await topHit(coreB) };
    } finally {
      await coreB.close();
    }
    expect(before.top).toMatch(/astronomy/);
    expect(before.status.documents.ok).toBe(5);
  });
  afterAll(() => tmp.cleanup());

  /** Copies a base library, damages it, and runs detect -> repair -> verify. */
  async function damageAndRepair(
    name: string,
    base: 'A' | 'B',
    damage: (dir: string) => void,
  ): Promise<LibraryRepairSummary> {
    const dir = path.join(tmp.dir, name);
    fs.cpSync(base === 'A' ? libA : libB, dir, { recursive: true, preserveTimestamps: true });
    damage(dir);
    const expected = base === 'A' ? before : beforeB;
    const core = await open(dir);
    let summary: LibraryRepairSummary;
    try {
      const report = await core.handlers['library.check']({ full: true });
      expect(report.healthy).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      // Status never claims "ready" over damage, and says what to do instead of a Rust message.
      const status = await core.handlers['library.status']({});
      expect(status.index.state).toBe('damaged');
      expect(status.damage).toBeTruthy();
      // Commands that meet the damage fail with LIBRARY_DAMAGED, not LanceDB's text.
      try {
        await topHit(core);
      } catch (err) {
        expect(err).toBeInstanceOf(LociError);
        expect((err as LociError).code).toBe('LIBRARY_DAMAGED');
        expect((err as LociError).message).toMatch(/loci doctor --repair/);
        expect((err as LociError).message).not.toMatch(/LanceError|rustc|cargo/);
      }

      summary = (await core.jobs.wait(
        (await core.handlers['library.repair']({})).jobId,
      )) as LibraryRepairSummary;
      expect(summary.after.problems).toEqual([]);
      expect(summary.after.healthy).toBe(true);
      expect(summary.lost).toEqual([]);
      expect((await core.handlers['library.check']({ full: true })).healthy).toBe(true);
      const after = await core.handlers['library.status']({});
      expect(after.damage).toBeNull();
      expect(counts(after)).toEqual(counts(expected.status));
      expect(await topHit(core)).toBe(expected.top);
      const keyword = await core.handlers['search.query'](
        contract['search.query'].input.parse({ q: 'glaciers', mode: 'keyword' }),
      );
      expect(keyword.results[0]?.path).toMatch(/glaciers\.md$/);
    } finally {
      await core.close();
    }
    expect((await checkLibraryInvariants(dir)).problems).toEqual([]);
    return summary;
  }

  it('a truncated data file of the chunks table (in every version): rebuilt from the source files', async () => {
    const summary = await damageAndRepair('chunks-truncated', 'A', (dir) =>
      truncateHalf(dataFiles(dir, 'chunks')[0]!),
    );
    expect(summary.found.join()).toMatch(/chunks/);
    expect(summary.reindexed).toBe(5);
  });

  it('a truncated data file of the vectors table: re-embedded from the source files', async () => {
    const summary = await damageAndRepair('vectors-truncated', 'A', (dir) =>
      truncateHalf(dataFiles(dir, vectorsTable(dir))[0]!),
    );
    expect(summary.found.join()).toMatch(/vectors_/);
    expect(summary.reindexed).toBe(5);
  });

  it('a truncated data file of the documents table: every document indexed again', async () => {
    const summary = await damageAndRepair('documents-truncated', 'A', (dir) =>
      truncateHalf(dataFiles(dir, 'documents')[0]!),
    );
    expect(summary.found.join()).toMatch(/documents/);
    expect(summary.reindexed).toBe(5);
  });

  it('a missing fragment (data file deleted): rebuilt from the source files', async () => {
    const summary = await damageAndRepair('vectors-missing', 'A', (dir) =>
      fs.rmSync(dataFiles(dir, vectorsTable(dir))[0]!),
    );
    expect(summary.found.join()).toMatch(/missing/);
    expect(summary.reindexed).toBe(5);
  });

  it('a garbage newest manifest: set aside in quarantine, the previous version opens, nothing re-indexed', async () => {
    let garbage = Buffer.alloc(0);
    const summary = await damageAndRepair('manifest-garbage', 'A', (dir) => {
      const manifest = newestManifest(dir, 'chunks');
      overwriteWithGarbage(manifest);
      garbage = fs.readFileSync(manifest);
    });
    expect(summary.reindexed).toBe(0);
    expect(summary.quarantined).toEqual([
      expect.stringMatching(/^quarantine\/.+\/lance\/chunks\.lance\/_versions\/\d+\.manifest$/),
    ]);
    const moved = path.join(tmp.dir, 'manifest-garbage', summary.quarantined[0]!);
    // Moved, not deleted: the garbage is kept in the library's quarantine folder.
    expect(fs.readFileSync(moved).equals(garbage)).toBe(true);
  });

  it('no version of a table opens (every sources manifest garbage): the table is recreated and relisted', async () => {
    const summary = await damageAndRepair('sources-gone', 'A', (dir) => {
      for (const file of allManifests(dir, 'sources')) overwriteWithGarbage(file);
    });
    expect(summary.actions.join('\n')).toMatch(/sources: no version .* quarantine/);
    expect(summary.actions.join('\n')).toMatch(/listed .*docs again/);
    expect(summary.reindexed).toBe(0);
  });

  it('a truncated keyword index file: the index is dropped and built again, keyword search works', async () => {
    const summary = await damageAndRepair('keyword-index-truncated', 'A', (dir) => {
      for (const file of indexFiles(dir, 'chunks').filter((f) => f.endsWith('_invert.lance')))
        truncateHalf(file);
    });
    // Both full-text indexes (text, and the title/file/headings fields) lose their files.
    expect(summary.found.join()).toMatch(/index [\w, ]*text_idx[\w, ]* is unreadable/);
    expect(summary.reindexed).toBe(0);
  });

  it('a truncated file written by the last job: the table goes back to the version before it', async () => {
    const summary = await damageAndRepair('documents-newest-truncated', 'B', (dir) =>
      truncateHalf(dataFiles(dir, 'documents').at(-1)!),
    );
    expect(summary.actions.join('\n')).toMatch(/documents: went back to version \d+/);
    expect(summary.reindexed).toBe(0);
  });
});
