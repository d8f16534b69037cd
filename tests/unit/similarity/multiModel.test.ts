import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext } from '../../../src/main/core/jobs/jobManager';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { sqlInList } from '../../../src/main/core/store/filterSql';
import { writeTinyBertModelFolder } from '../../support/tinyBert';
import { coreWithTopicLibrary, type CoreFixture } from './coreFixture';

/** The chunks table version inside store.dataVersion() ("d12.c7.model@3..."). */
const chunksVersion = (dataVersion: string) => dataVersion.split('.').find((p) => p.startsWith('c'));

// A library embedded with two models: the built-in use-lite (ingest) and a small generated BERT
// imported with models.import, then added by the models.embedLibrary job.
describe('several models in one library', () => {
  let fx: CoreFixture;
  let modelB: string;

  beforeAll(async () => {
    fx = await coreWithTopicLibrary(3);
    const folder = await writeTinyBertModelFolder(path.join(fx.root, 'downloads', 'tiny-b'), {
      hidden: 32,
      layers: 1,
      seed: 5,
    });
    modelB = (await fx.call('models.import', { path: folder, id: 'tiny-b' })).id;
  });
  afterAll(() => fx?.close());

  const reader = async () => (await fx.core.library.reader())!;
  const writer = () => LibraryStore.open(fx.core.library.dir, { command: 'test' });

  it('embeds the library with a second model as a job, writing vectors only (chunk rows untouched)', async () => {
    const before = await (await reader()).dataVersion();
    const progress: Array<{ done: number; total: number }> = [];
    const off = fx.core.events.on('job.progress', (p) => p.kind === 'embed-model' && progress.push(p));
    const { jobId } = await fx.call('models.embedLibrary', { model: modelB });
    const summary = (await fx.core.jobs.wait(jobId)) as {
      embedded: number;
      documents: number;
      chunks: number;
    };
    off();
    expect(summary).toMatchObject({ documents: 11, embedded: 11, chunks: 11 });
    expect(progress.at(-1)).toMatchObject({ done: 11, total: 11, state: 'done' });
    const store = await reader();
    const after = await store.dataVersion();
    expect(chunksVersion(after)).toBe(chunksVersion(before));
    const counts = await store.counts();
    expect(counts.models.map((m) => [m.id, m.vectors]).sort()).toEqual([
      ['tiny-b', 11],
      ['use-lite-int8', 11],
    ]);
    const status = await fx.call('library.status', {});
    expect(status.models.find((m) => m.id === 'tiny-b')).toMatchObject({ dims: 32, vectors: 11 });
  });

  it('resumes: a second run skips documents that have vectors; lost vectors are re-made', async () => {
    // Simulate a job killed part-way: delete the new model's vectors of three documents.
    const docs = (await (await reader()).listDocuments()).slice(0, 3);
    const store = await writer();
    try {
      const table = (await store.models.table(modelB))!;
      await table.delete(
        sqlInList(
          'docId',
          docs.map((d) => d.id),
        ),
      );
    } finally {
      await store.close();
    }
    const { jobId } = await fx.call('models.embedLibrary', { model: modelB });
    const summary = await fx.core.jobs.wait(jobId);
    expect(summary).toMatchObject({ documents: 11, alreadyDone: 8, embedded: 3, cancelled: false });
    expect((await (await reader()).counts()).models.find((m) => m.id === modelB)?.vectors).toBe(11);
  });

  it('cancel stops between batches; what was written stays, and the next run finishes the rest', async () => {
    const store = await writer();
    try {
      await store.dropModel(modelB);
    } finally {
      await store.close();
    }
    const controller = new AbortController();
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (p) => {
        if (p.done >= 2) controller.abort(); // cancel after the second document
      },
    };
    const first = await fx.core.library.embedModel(modelB, ctx, { batchChunks: 2 });
    expect(first).toMatchObject({ cancelled: true, embedded: 2 });
    expect((await (await reader()).counts()).models.find((m) => m.id === modelB)?.vectors).toBe(2);
    const { jobId } = await fx.call('models.embedLibrary', { model: modelB });
    expect(await fx.core.jobs.wait(jobId)).toMatchObject({ alreadyDone: 2, embedded: 9 });
  });

  it('compares the two models on the same documents: both matrices, their difference, who moved', async () => {
    const cmp = await fx.call('heatmap.get', { kind: 'models', model: 'use-lite-int8', modelB });
    if (cmp.kind !== 'models') throw new Error('wrong kind');
    const n = cmp.rows.length;
    expect(n).toBe(11);
    expect(cmp.values).toHaveLength(n * n);
    expect(cmp.valuesB).toHaveLength(n * n);
    for (let i = 0; i < n * n; i += 7)
      expect(cmp.difference[i]).toBeCloseTo(cmp.values[i]! - cmp.valuesB[i]!, 5);
    expect(cmp.valuesB[0]).toBeCloseTo(1, 4);
    expect(cmp.k).toBe(10);
    expect(cmp.perDocument).toHaveLength(n);
    // With k = n - 1 every neighbour is shared: overlap is 1 for all, so the order (worst first) is
    // by rank correlation; the two models do rank the others differently (Spearman < 1).
    expect(cmp.perDocument.every((d) => d.overlap === 1)).toBe(true);
    const rhos = cmp.perDocument.map((d) => d.spearman!);
    expect(rhos).toEqual([...rhos].sort((a, b) => a - b));
    expect(cmp.summary).toMatchObject({ documents: 11, onlyA: 0, onlyB: 0 });
    expect(cmp.summary.meanSpearman).toBeLessThan(1);
    const k3 = await fx.call('heatmap.get', { kind: 'models', model: 'use-lite-int8', modelB, k: 3 });
    if (k3.kind !== 'models') throw new Error('wrong kind');
    const overlaps = k3.perDocument.map((d) => d.overlap!);
    expect(overlaps).toEqual([...overlaps].sort((a, b) => a - b)); // worst first
    expect(overlaps[0]).toBeLessThan(1);
    await expect(fx.call('heatmap.get', { kind: 'models', model: modelB, modelB })).rejects.toThrow(
      /two different/,
    );
  });

  it('heatmaps and the explorer take the model as a parameter', async () => {
    const map = await fx.call('heatmap.get', { kind: 'documents', model: modelB });
    expect(map.model).toBe(modelB);
    expect(map.rows).toHaveLength(11);
    const ex = await fx.call('explore.arithmetic', { plus: ['river'], k: 3, model: modelB });
    expect(ex.model).toBe(modelB);
    expect(ex.chunks).toHaveLength(3);
  });

  it('never compares vectors of two models: a re-imported model under the same id is refused', async () => {
    // Replace tiny-b by a different model (other weights) under the same id: the library's tiny-b
    // vectors were made by the old one, so a query embedded by the new one must not be matched to them.
    await fx.call('models.remove', { id: modelB });
    const other = await writeTinyBertModelFolder(path.join(fx.root, 'downloads', 'tiny-b2'), {
      hidden: 32,
      layers: 1,
      seed: 99,
    });
    await fx.call('models.import', { path: other, id: modelB });
    await expect(fx.call('explore.arithmetic', { plus: ['river'], model: modelB })).rejects.toThrow(
      /cannot be compared/,
    );
    await expect(fx.call('heatmap.get', { kind: 'query', q: 'river', model: modelB })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Embedding the library with the new model under the old id is refused too (the store's check).
    const { jobId } = await fx.call('models.embedLibrary', { model: modelB });
    await expect(fx.core.jobs.wait(jobId)).rejects.toThrow(/fingerprint|differ|mismatch/i);
    // Stored vectors alone are still fine: comparing each model's own matrices needs no embedding.
    const cmp = await fx.call('heatmap.get', { kind: 'models', model: 'use-lite-int8', modelB });
    expect(cmp.rows).toHaveLength(11);
  });
});
