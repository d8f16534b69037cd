import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import { createCore } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import { makePdf } from '../support/makePdf';
import { writePdfCorpus } from '../support/pdfCorpus';
import { makeTempDir } from '../support/tempDir';

// While the app or `loci serve` runs (watch: true), files added to, changed in or deleted from a
// source are re-indexed by themselves after a short debounce.
describe('watching sources', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const libraryDir = path.join(tmp.dir, 'library');
  writePdfCorpus(docs, 3, 1);
  afterAll(() => tmp.cleanup());

  it('indexes a new file and drops a deleted one without being asked', async () => {
    const core = await createCore({
      appVersion: 't',
      dataDir: `${libraryDir}-data`,
      libraryDir,
      resourcesDir: sourceResourcesDir(),
      watch: true,
    });
    try {
      const { jobId } = await core.handlers['library.add']({ paths: [docs] });
      await core.jobs.wait(jobId);
      const count = async () => (await core.handlers['library.status']({})).documents.ok;
      expect(await count()).toBe(3);

      fs.writeFileSync(
        path.join(docs, 'new-volcanoes.pdf'),
        makePdf(['Basaltic lava flows build shield volcanoes.']),
      );
      await expect.poll(count, { timeout: 60_000, interval: 500 }).toBe(4);
      const hits = await core.handlers['search.query']({
        q: 'shield volcanoes',
        k: 1,
        mode: 'keyword',
        filters: {},
        groupBy: 'chunk',
        offset: 0,
      });
      expect(hits.results[0]?.path).toMatch(/new-volcanoes\.pdf$/);

      fs.rmSync(
        path.join(
          docs,
          fs.readdirSync(docs).find((f) => f.startsWith('report-000'))!,
        ),
      );
      await expect.poll(count, { timeout: 60_000, interval: 500 }).toBe(3);
      const sync = core.jobs.list().find((j) => j.kind === 'sync' && j.state === 'done');
      expect(sync).toBeDefined();
      expect(((await core.jobs.wait(sync!.jobId)) as IngestSummary).type).toBe('summary');
    } finally {
      await core.close();
    }
  });
});
