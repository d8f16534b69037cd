import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import { createCore } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { writePdfCorpus } from '../support/pdfCorpus';
import { makeTempDir } from '../support/tempDir';

// Cancelling an ingest keeps every document that was already processed, leaves the library consistent,
// and the next add picks up exactly the rest.
describe('cancelling an ingest', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const libraryDir = path.join(tmp.dir, 'library');
  writePdfCorpus(docs, 30, 2);
  afterAll(() => tmp.cleanup());

  it('keeps finished documents, stays consistent and resumes', async () => {
    const config = {
      appVersion: 't',
      dataDir: `${libraryDir}-data`,
      libraryDir,
      resourcesDir: sourceResourcesDir(),
    };
    const core = await createCore(config);
    let doneAtCancel = -1;
    try {
      const { jobId } = await core.handlers['library.add']({ paths: [docs] });
      core.events.on('job.progress', (p) => {
        if (p.jobId === jobId && p.done >= 5 && doneAtCancel < 0) {
          doneAtCancel = p.done;
          core.jobs.cancel(jobId);
        }
      });
      const summary = (await core.jobs.wait(jobId)) as IngestSummary;
      expect(summary.cancelled).toBe(true);
      expect(doneAtCancel).toBeGreaterThanOrEqual(5);
      expect(summary.added).toBeGreaterThanOrEqual(doneAtCancel);
      expect(summary.added).toBeLessThan(30);
      expect((await core.jobs.list())[0]).toMatchObject({ jobId, state: 'cancelled' });
      const status = await core.handlers['library.status']({});
      expect(status.documents.ok).toBe(summary.added);
    } finally {
      await core.close();
    }
    const report = await checkLibraryInvariants(libraryDir);
    expect(report.problems).toEqual([]);

    const again = await createCore(config);
    try {
      const { jobId } = await again.handlers['library.add']({ paths: [docs] });
      const rest = (await again.jobs.wait(jobId)) as IngestSummary;
      expect(rest.cancelled).toBe(false);
      expect(rest.added + rest.unchanged).toBe(30);
      expect(rest.unchanged).toBe(report.ok);
    } finally {
      await again.close();
    }
  });
});
