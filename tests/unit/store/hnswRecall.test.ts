import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import type { DocumentUpsert, VectorModel } from '../../../src/main/core/store/storeTypes';
import { clusteredVectors, row } from '../../support/clusteredVectors';
import { makeChunks, makeDoc, makeTempDir } from './libraryFixtures';

/**
 * Recall of the HNSW index (chosen parameters, real worker) against exact search (LanceDB brute force,
 * an independent implementation) on 20,000 clustered 512-d vectors and 100 held-out queries.
 */

const N = 20_000;
const QUERIES = 100;
const MODEL: VectorModel = { id: 'recall-model', dims: 512, fingerprint: 'recall-fp' };

let store: LibraryStore;
let index: VectorIndex;
let cleanup: () => void;
const data = clusteredVectors(N + QUERIES, { dims: MODEL.dims, seed: 20_000 });

beforeAll(async () => {
  const tmp = makeTempDir('loci-recall-');
  cleanup = tmp.cleanup;
  store = await LibraryStore.open(tmp.dir);
  const perDoc = 100;
  for (let start = 0; start < N; start += 50 * perDoc) {
    const batch: DocumentUpsert[] = [];
    for (let d = start / perDoc; d < (start + 50 * perDoc) / perDoc; d++) {
      const chunks = makeChunks(Array.from({ length: perDoc }, (_, j) => `doc ${d} chunk ${j}`));
      const vectors = chunks.map((_, j) =>
        data.subarray((d * perDoc + j) * MODEL.dims, (d * perDoc + j + 1) * MODEL.dims),
      );
      batch.push({ doc: makeDoc(`d${d}.txt`), chunks, vectors: [{ model: MODEL, vectors }] });
    }
    await store.upsertDocuments(batch);
  }
  index = await VectorIndex.open(store, MODEL, { autoSync: false });
  await index.sync();
}, 600_000);

afterAll(async () => {
  await index?.close();
  await store?.close();
  cleanup?.();
});

describe('HNSW recall', () => {
  it('finds at least 95% of the exact top 10 on 20k clustered 512-d vectors', async () => {
    expect(await index.status()).toMatchObject({ state: 'ready', mode: 'hnsw', vectors: N });
    let found = 0;
    for (let q = 0; q < QUERIES; q++) {
      const query = row(data, MODEL.dims, N + q);
      const exact = await store.exactVectorHits(MODEL.id, query, { limit: 10 });
      const approx = (await index.search(query, 10))!;
      const truth = new Set(exact.map((h) => h.key));
      found += approx.filter((h) => truth.has(h.key)).length;
      // Scores agree where the neighbours agree (both are cosine on the same stored vectors).
      const exactScore = new Map(exact.map((h) => [h.key, h.score]));
      for (const h of approx.filter((a) => exactScore.has(a.key)))
        expect(h.score).toBeCloseTo(exactScore.get(h.key)!, 3);
    }
    const recall = found / (QUERIES * 10);
    console.log(`HNSW recall@10 on ${N} x ${MODEL.dims}: ${recall.toFixed(4)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
