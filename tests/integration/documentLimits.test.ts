import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import type { SearchMode } from '../../src/shared/api/methods/search';
import { createCore, type Core } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import type { DocumentIndexLimits } from '../../src/main/core/ingest/types';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { makeTempDir } from '../support/tempDir';

// One degenerate document (a long line without spaces) is indexed only up to the per-document limits,
// recorded as `partial` with the reason, and the files after it are indexed as usual. The limits are set
// low here so the test embeds a few dozen chunks, not the default 10,000.
describe('per-document limits', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  function writeDocs(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    // Walk order is by name: the oversized file comes first and the others wait behind it.
    fs.writeFileSync(path.join(dir, 'a-blob.md'), `# Blob\n\n${'x'.repeat(300_000)}\n`);
    fs.writeFileSync(
      path.join(dir, 'b-glaciers.md'),
      '# Glaciers\n\nGlaciers carve deep valleys as they flow slowly downhill.\n',
    );
  }

  const query = (q: string, mode: SearchMode = 'hybrid') => ({
    q,
    k: 3,
    mode,
    filters: {},
    groupBy: 'chunk' as const,
  });

  async function ingest(name: string, limits: Partial<DocumentIndexLimits>) {
    const docs = path.join(tmp.dir, name, 'docs');
    const libraryDir = path.join(tmp.dir, name, 'library');
    writeDocs(docs);
    const core: Core = await createCore({
      appVersion: 't',
      dataDir: `${libraryDir}-data`,
      libraryDir,
      resourcesDir: sourceResourcesDir(),
      documentLimits: limits,
    });
    const { jobId } = await core.handlers['library.add']({ paths: [docs] });
    const summary = (await core.jobs.wait(jobId)) as IngestSummary;
    return { core, summary, libraryDir };
  }

  it('a document over the chunk limit ends partial with the reason; the next file is indexed', async () => {
    const { core, summary, libraryDir } = await ingest('chunks', { maxChunks: 40 });
    try {
      expect(summary.added).toBe(2);
      expect(summary.failed).toEqual([]);
      expect(summary.partial).toEqual([
        { path: expect.stringMatching(/a-blob\.md$/), reason: expect.stringMatching(/chunk limit of 40/) },
      ]);
      const status = await core.handlers['library.status']({});
      expect(status.documents).toMatchObject({ total: 2, ok: 1, partial: 1 });
      const { items } = await core.handlers['library.documents']({
        filter: { status: ['partial'] },
        offset: 0,
        limit: 10,
      });
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ chunks: 40, status: 'partial' });
      expect(items[0]!.reason).toMatch(/40 chunks indexed, text from page 1, character [\d,]+ on left out/);
      // The file behind it is searchable, and so are the partial document's chunks.
      const hits = await core.handlers['search.query'](query('glaciers carve valleys'));
      expect(hits.results[0]!.path).toMatch(/b-glaciers\.md$/);
      const blob = await core.handlers['search.query'](query('blob', 'keyword'));
      expect(blob.results.some((h) => h.path.endsWith('a-blob.md'))).toBe(true);
    } finally {
      await core.close();
    }
    expect((await checkLibraryInvariants(libraryDir)).problems).toEqual([]);
  });

  it('a document over the time budget keeps what was embedded and ends partial', async () => {
    const { core, summary } = await ingest('time', { budgetMs: 1 });
    try {
      expect(summary.added).toBe(2);
      expect(summary.partial).toEqual([
        { path: expect.stringMatching(/a-blob\.md$/), reason: expect.stringMatching(/time budget of 0 s/) },
      ]);
      const status = await core.handlers['library.status']({});
      // The one-chunk document fits in any budget: its first chunk is always made.
      expect(status.documents).toMatchObject({ total: 2, ok: 1, partial: 1 });
      const hits = await core.handlers['search.query'](query('glaciers carve valleys'));
      expect(hits.results[0]!.path).toMatch(/b-glaciers\.md$/);
    } finally {
      await core.close();
    }
  });
});
