import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { readSidecar, sidecarPath } from '../../../src/main/core/store/indexFiles';
import { INDEX_SCALARS, type IndexScalar } from '../../../src/main/core/store/indexScalar';
import { usearch } from '../../../src/main/core/store/loadUsearch';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import type { VectorModel } from '../../../src/main/core/store/storeTypes';
import { clusteredVectors, row } from '../../support/clusteredVectors';
import { makeChunks, makeDoc, makeTempDir } from './libraryFixtures';

/**
 * The vector index with each scalar kind (f32, f16, i8, b1), on real LanceDB and real USearch in the
 * real index worker: a saved index loads back with its kind, quantised kinds rescore their candidates
 * with the exact f32 vectors, and a library keeps the kind its index was built with until a rebuild.
 */

const MODEL: VectorModel = { id: 'quant-model', dims: 64, fingerprint: 'quant-fp' };
const TABLE = vectorsTableName(MODEL.id);
const N = 3000; // above EXACT_SEARCH_BELOW: an HNSW graph is built
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const vectors = clusteredVectors(N + 40, { dims: MODEL.dims, seed: 11 });
const queries = Array.from({ length: 40 }, (_, q) => row(vectors, MODEL.dims, N + q));

/** A library of N vectors in 12 documents of 250 chunks (chunk j of doc i holds row i*250+j). */
async function library(): Promise<LibraryStore> {
  const { cleanup, dir } = makeTempDir('loci-quant-');
  cleanups.push(cleanup);
  const store = await LibraryStore.open(dir);
  cleanups.push(() => store.close());
  const batch = [];
  for (let i = 0; i < 12; i++) {
    const chunks = makeChunks(Array.from({ length: 250 }, (_, j) => `doc ${i} chunk ${j}`));
    const vs = chunks.map((_, j) => row(vectors, MODEL.dims, i * 250 + j));
    batch.push({ doc: makeDoc(`doc${i}.txt`), chunks, vectors: [{ model: MODEL, vectors: vs }] });
  }
  await store.upsertDocuments(batch);
  return store;
}

async function open(store: LibraryStore, scalar: IndexScalar): Promise<VectorIndex> {
  const index = await VectorIndex.open(store, MODEL, { autoSync: false, scalar });
  cleanups.push(() => index.close());
  return index;
}

/** Exact top 10 (keys) of a query by f32 inner product, from the stored vectors. */
async function exactTop(
  store: LibraryStore,
  q: Float32Array,
): Promise<Array<{ key: bigint; score: number }>> {
  return (await store.exactVectorHits(MODEL.id, q, { limit: 10 })).map((h) => ({
    key: h.key,
    score: h.score,
  }));
}

describe.each(INDEX_SCALARS)('an index of %s vectors', (scalar) => {
  it('round-trips through its files, rescored to exact scores, with recall@10 >= 0.9', async () => {
    const store = await library();
    let index = await open(store, scalar);
    await index.sync();
    expect(await index.status()).toMatchObject({ mode: 'hnsw', scalar, vectors: N });
    await index.close();
    expect(readSidecar(store.indexDir, TABLE)).toMatchObject({ scalar, count: N });

    // Loaded back from its files (no rebuild), still of its kind, answering as before.
    index = await open(store, scalar);
    expect(await index.status()).toMatchObject({ state: 'ready', scalar, loadedFrom: 'file' });
    let found = 0;
    for (const q of queries) {
      const hits = (await index.search(q, 10))!;
      const exact = await exactTop(store, q);
      const truth = new Set(exact.map((h) => h.key));
      found += hits.filter((h) => truth.has(h.key)).length;
      // Scores are exact f32 cosines whatever the kind (the rescoring path reads the f32 rows).
      const top = exact.find((h) => h.key === hits[0]!.key);
      if (top) expect(hits[0]!.score).toBeCloseTo(top.score, 5);
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.9);

    // Dense feedback reads stored vectors through the index: a quantised kind's rows file gives the
    // very f32 values of the vectors table; an f32 graph keeps no rows file and gives none.
    const keys = (await index.search(queries[1]!, 7))!.map((h) => h.key);
    const fromIndex = await index.vectors([...keys, 12345n]);
    if (scalar === 'f32') expect(fromIndex.size).toBe(0);
    else expect(fromIndex).toEqual(await store.vectorsByKeys(MODEL.id, keys));
  });
});

describe('quantised index', () => {
  it("answers with the exact f32 scores, not the one-byte vectors' approximations", async () => {
    const store = await library();
    const index = await open(store, 'i8');
    await index.sync();
    // The graph on its own: USearch's i8 cosine distances of the same candidates differ from the
    // exact ones; the index's answers carry the exact f32 scores.
    const q = queries[0]!;
    const hits = (await index.search(q, 5))!;
    const exact = await store.vectorsByKeys(
      MODEL.id,
      hits.map((h) => h.key),
    );
    for (const h of hits) {
      const v = exact.get(h.key)!;
      expect(h.score).toBeCloseTo(
        v.reduce((s, x, d) => s + x * q[d]!, 0),
        6,
      );
    }
    const quantised = new usearch.Index({
      dimensions: MODEL.dims,
      metric: usearch.MetricKind.Cos,
      quantization: usearch.ScalarKind.I8,
      connectivity: 16,
      expansion_add: 64,
      expansion_search: 64,
      multi: false,
    });
    quantised.add(
      BigUint64Array.from(hits.map((h) => h.key)),
      Float32Array.from(hits.flatMap((h) => [...exact.get(h.key)!])),
    );
    const raw = quantised.search(q, 5, 1);
    const rawScores = Array.from(raw.distances, (d) => 1 - d);
    expect(rawScores.some((s, i) => Math.abs(s - hits[i]!.score) > 1e-4)).toBe(true);
  });

  it('an existing f32 index is kept; a rebuild switches it to the new default', async () => {
    const store = await library();
    let index = await open(store, 'f32');
    await index.sync();
    await index.close();
    // A sidecar as written before quantisation existed: no `scalar`, no rows.
    const file = sidecarPath(store.indexDir, TABLE);
    const { scalar: _dropped, ...old } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify(old));

    index = await open(store, 'i8');
    expect(await index.status()).toMatchObject({ state: 'ready', scalar: 'f32', loadedFrom: 'file' });
    // Catching up with a small write keeps the f32 graph (no rebuild)...
    await store.removeDocument(makeDoc('doc0.txt').id);
    expect((await index.sync()).lastSync).toMatchObject({ removed: 250, rebuilt: false });
    expect(await index.status()).toMatchObject({ scalar: 'f32' });
    // ...while a rebuild (here: tombstones past 20% of the graph) builds the new default.
    for (const i of [1, 2, 3]) await store.removeDocument(makeDoc(`doc${i}.txt`).id);
    expect((await index.sync()).lastSync).toMatchObject({ rebuilt: true });
    expect(await index.status()).toMatchObject({ scalar: 'i8', vectors: 2000 });
    await index.close();
    expect(readSidecar(store.indexDir, TABLE)).toMatchObject({ scalar: 'i8', count: 2000 });
  });

  it('a second process appends to its own copy of the f32 rows and saves a loadable index', async () => {
    const store = await library();
    let index = await open(store, 'i8');
    await index.sync();
    await index.close();
    const first = readSidecar(store.indexDir, TABLE)!.rows!.file;

    index = await open(store, 'i8');
    const extra = clusteredVectors(250, { dims: MODEL.dims, seed: 99 });
    const chunks = makeChunks(Array.from({ length: 250 }, (_, j) => `late chunk ${j}`));
    await store.upsertDocuments([
      {
        doc: makeDoc('late.txt'),
        chunks,
        vectors: [{ model: MODEL, vectors: chunks.map((_, j) => row(extra, MODEL.dims, j)) }],
      },
    ]);
    expect((await index.sync()).lastSync).toMatchObject({ added: 250, rebuilt: false });
    const hit = (await index.search(row(extra, MODEL.dims, 7), 1))![0]!;
    expect(hit.score).toBeCloseTo(1, 5);
    await index.close();
    const saved = readSidecar(store.indexDir, TABLE)!;
    expect(saved.rows!.file).not.toBe(first);
    expect(saved.rows!.count).toBe(N + 250);

    index = await open(store, 'i8');
    expect(await index.status()).toMatchObject({ state: 'ready', loadedFrom: 'file', vectors: N + 250 });
    expect((await index.search(row(extra, MODEL.dims, 7), 1))![0]!.key).toBe(hit.key);
  });
});
