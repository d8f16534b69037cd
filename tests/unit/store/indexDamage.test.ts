import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LibraryRepairSummary } from '../../../src/shared/api/methods/library';
import { EventBus } from '../../../src/main/core/eventBus';
import { JobManager } from '../../../src/main/core/jobs/jobManager';
import { repairLibrary } from '../../../src/main/core/library/repairLibrary';
import { readSidecar } from '../../../src/main/core/store/indexFiles';
import { checkLibrary } from '../../../src/main/core/store/libraryDoctor';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import type { VectorModel } from '../../../src/main/core/store/storeTypes';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { overwriteWithGarbage } from '../../support/damageLibrary';
import { clusteredVectors, row } from '../../support/clusteredVectors';
import { makeChunks, makeDoc, makeTempDir } from './libraryFixtures';

/**
 * A garbage USearch file (real LanceDB, real USearch, 3,000 vectors so an HNSW file is saved): the
 * doctor reports it, the repair deletes and rebuilds it from LanceDB without re-indexing a document,
 * and the rebuilt index finds the same nearest chunk as before.
 */
const MODEL: VectorModel = { id: 'doctor-model', dims: 32, fingerprint: 'doctor-fp' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function nearestText(store: LibraryStore, vector: Float32Array): Promise<string | undefined> {
  const index = await VectorIndex.open(store, MODEL, { autoSync: false });
  try {
    await index.sync();
    const hits = await index.search(vector, 1);
    return (await store.chunksByKeys([hits![0]!.key]))[0]?.text;
  } finally {
    await index.close();
  }
}

/** The repair's index upkeep, as LibraryService does it: sync every model's index and save it. */
async function updateIndexes(store: LibraryStore): Promise<void> {
  const index = await VectorIndex.open(store, MODEL, { autoSync: false });
  try {
    await index.sync();
    await index.flush();
  } finally {
    await index.close();
  }
}

describe('a damaged vector index file', () => {
  it('is reported by the doctor and rebuilt by the repair', async () => {
    const { dir, cleanup } = makeTempDir('loci-index-damage-');
    cleanups.push(cleanup);
    const vectors = clusteredVectors(3000, { dims: MODEL.dims, seed: 5 });
    const query = row(vectors, MODEL.dims, 1234);
    const store = await LibraryStore.open(dir);
    const batch = Array.from({ length: 12 }, (_, i) => {
      const chunks = makeChunks(Array.from({ length: 250 }, (_, j) => `doc ${i} chunk ${j}`));
      return {
        doc: makeDoc(`doc${i}.txt`),
        chunks,
        vectors: [{ model: MODEL, vectors: chunks.map((_, j) => row(vectors, MODEL.dims, i * 250 + j)) }],
      };
    });
    await store.upsertDocuments(batch);
    await updateIndexes(store);
    const before = await nearestText(store, query);
    expect(before).toBe('doc 4 chunk 234');
    await store.close();

    const healthy = await checkLibrary(dir);
    expect(healthy.indexes).toEqual([{ modelId: MODEL.id, state: 'ok', problem: null }]);
    const table = vectorsTableName(MODEL.id);
    const sidecar = readSidecar(path.join(dir, 'index'), table)!;
    overwriteWithGarbage(path.join(dir, 'index', sidecar.index.file));

    const report = await checkLibrary(dir);
    expect(report.healthy).toBe(false);
    expect(report.indexes[0]).toMatchObject({ state: 'damaged', problem: expect.stringMatching(/corrupt/) });
    expect(report.problems).toEqual([expect.stringMatching(/vector index of doctor-model/)]);

    const jobs = new JobManager(new EventBus(), 0);
    const { result } = jobs.start('repair', (ctx) =>
      repairLibrary(
        {
          libraryDir: dir,
          ingest: () => Promise.reject(new Error('no document should need indexing again')),
          updateIndexes,
        },
        ctx,
      ),
    );
    const summary: LibraryRepairSummary = await result;
    expect(summary.reindexed).toBe(0);
    expect(summary.actions).toEqual([expect.stringMatching(/vector index of doctor-model: deleted/)]);
    expect(summary.after.healthy).toBe(true);
    expect(summary.after.indexes[0]?.state).toBe('ok');
    const rebuilt = readSidecar(path.join(dir, 'index'), table)!;
    expect(rebuilt.count).toBe(3000);
    expect(fs.existsSync(path.join(dir, 'index', sidecar.index.file))).toBe(false);

    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    expect(await nearestText(reader, query)).toBe(before);
  });
});
