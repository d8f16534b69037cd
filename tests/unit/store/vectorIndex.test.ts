import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { readSidecar } from '../../../src/main/core/store/indexFiles';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import type { VectorModel } from '../../../src/main/core/store/storeTypes';
import { clusteredVectors, row } from '../../support/clusteredVectors';
import { makeChunks, makeDoc, makeTempDir } from './libraryFixtures';

/**
 * Real LanceDB, real USearch in the real index worker. Libraries of 3,000+ vectors get an HNSW index
 * (EXACT_SEARCH_BELOW is 2,000); smaller ones are searched exactly in memory.
 */

const MODEL: VectorModel = { id: 'idx-model', dims: 32, fingerprint: 'idx-fp' };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Writes `docs` documents of `perDoc` chunks each; chunk j of doc i gets row i*perDoc+j of `vectors`. */
async function fill(
  store: LibraryStore,
  vectors: Float32Array,
  docs: number,
  perDoc: number,
  prefix = 'doc',
): Promise<void> {
  const batch = [];
  for (let i = 0; i < docs; i++) {
    const chunks = makeChunks(Array.from({ length: perDoc }, (_, j) => `${prefix} ${i} chunk ${j}`));
    const vs = chunks.map((_, j) => row(vectors, MODEL.dims, i * perDoc + j));
    batch.push({ doc: makeDoc(`${prefix}${i}.txt`), chunks, vectors: [{ model: MODEL, vectors: vs }] });
  }
  await store.upsertDocuments(batch);
}

async function setup(): Promise<{ dir: string; store: LibraryStore }> {
  const { dir, cleanup } = makeTempDir('loci-index-');
  cleanups.push(cleanup);
  const store = await LibraryStore.open(dir);
  cleanups.push(() => store.close());
  return { dir, store };
}

async function openIndex(store: LibraryStore, autoSync = true): Promise<VectorIndex> {
  const index = await VectorIndex.open(store, MODEL, { autoSync });
  cleanups.push(() => index.close());
  return index;
}

/** The chunk text a vector-index key belongs to. */
async function textOf(store: LibraryStore, key: bigint): Promise<string | undefined> {
  return (await store.chunksByKeys([key]))[0]?.text;
}

describe('VectorIndex', () => {
  it('searches small libraries exactly, with no index file', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(60, { dims: MODEL.dims, seed: 1 });
    await fill(store, vectors, 6, 10);
    const index = await openIndex(store);
    await index.sync();
    expect(await index.status()).toMatchObject({ state: 'ready', mode: 'exact', vectors: 60 });
    const hits = await index.search(row(vectors, MODEL.dims, 23), 3);
    expect(await textOf(store, hits![0]!.key)).toBe('doc 2 chunk 3');
    expect(hits![0]!.score).toBeCloseTo(1, 5);
    expect(fs.existsSync(path.join(store.indexDir, `${vectorsTableName(MODEL.id)}.json`))).toBe(false);

    // The stored vectors of some keys, from memory: the vectors table's values; unknown keys absent.
    const keys = hits!.map((h) => h.key);
    const fromIndex = await index.vectors([...keys, 12345n]);
    expect(fromIndex).toEqual(await store.vectorsByKeys(MODEL.id, keys));
    expect(fromIndex.size).toBe(3);
    // Behind the table (a write it has not synced): nothing, as search() answers null then.
    await fill(store, clusteredVectors(5, { dims: MODEL.dims, seed: 2 }), 1, 5, 'late');
    expect((await index.vectors(keys)).size).toBe(0);
  });

  it('builds an HNSW index, saves it with a verified sidecar, and loads it back without rebuilding', async () => {
    const { dir, store } = await setup();
    const vectors = clusteredVectors(3000, { dims: MODEL.dims, seed: 2 });
    await fill(store, vectors, 12, 250);
    let index = await openIndex(store);
    await index.sync();
    expect(await index.status()).toMatchObject({ state: 'ready', mode: 'hnsw', vectors: 3000 });
    const sidecar = readSidecar(store.indexDir, vectorsTableName(MODEL.id));
    expect(sidecar).toMatchObject({
      count: 3000,
      tableVersion: await store.vectorsVersion(MODEL.id),
      dims: 32,
    });
    expect(sidecar!.index.crc32).toEqual(expect.any(Number));
    await index.close();

    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    index = await openIndex(reader, false);
    expect(await index.status()).toMatchObject({
      state: 'ready',
      mode: 'hnsw',
      vectors: 3000,
      loadedFrom: 'file',
    });
    const hits = await index.search(row(vectors, MODEL.dims, 777), 5); // doc 3 chunk 27
    expect(await textOf(reader, hits![0]!.key)).toBe('doc 3 chunk 27');
  });

  it('detects a corrupt index file, answers through exact search meanwhile, and rebuilds', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(3000, { dims: MODEL.dims, seed: 3 });
    await fill(store, vectors, 12, 250);
    let index = await openIndex(store);
    await index.sync();
    await index.close();
    const sidecar = readSidecar(store.indexDir, vectorsTableName(MODEL.id))!;
    const file = path.join(store.indexDir, sidecar.index.file);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] as number) ^ 0xff; // one flipped bit pattern
    fs.writeFileSync(file, bytes);

    index = await openIndex(store, false);
    const status = await index.status();
    expect(status.state).toBe('stale');
    expect(status.problem).toMatch(/corrupt/);
    const query = row(vectors, MODEL.dims, 450);
    const rebuilding = index.sync();
    expect((await index.status()).state).toBe('rebuilding');
    expect(await index.search(query, 5)).toBeNull(); // the caller must not trust it ...
    const exact = await store.exactVectorHits(MODEL.id, query, { limit: 5 }); // ... and searches exactly
    expect(await textOf(store, exact[0]!.key)).toBe('doc 1 chunk 200');
    const snapshot = await rebuilding;
    expect(snapshot.lastSync).toEqual({ rebuilt: true, added: 3000, removed: 0 });
    expect(await index.status()).toMatchObject({
      state: 'ready',
      mode: 'hnsw',
      vectors: 3000,
      problem: null,
    });
    const hits = await index.search(query, 5);
    expect(hits![0]!.key).toBe(exact[0]!.key);
  });

  it('catches up with writes it has not seen (stale), adding only what is missing', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(3750, { dims: MODEL.dims, seed: 4 });
    await fill(store, vectors.slice(0, 3000 * MODEL.dims), 12, 250);
    let index = await openIndex(store);
    await index.sync();
    await index.close();

    await fill(store, vectors.slice(3000 * MODEL.dims), 3, 250, 'late');
    index = await openIndex(store, false);
    expect(await index.status()).toMatchObject({ state: 'stale', vectors: 3000 });
    const snapshot = await index.sync();
    expect(snapshot.lastSync).toEqual({ added: 750, removed: 0, rebuilt: false });
    expect(await index.status()).toMatchObject({ state: 'ready', vectors: 3750 });
    const hits = await index.search(row(vectors, MODEL.dims, 3125), 1);
    expect(await textOf(store, hits![0]!.key)).toBe('late 0 chunk 125');
    // A write moves the table on: the index stops answering until it has caught up again.
    await store.removeDocument(makeDoc('late2.txt').id);
    expect(await index.search(row(vectors, MODEL.dims, 3125), 1)).toBeNull();
    await index.sync();
    expect(await index.status()).toMatchObject({ state: 'ready', vectors: 3500 });
    await index.close();
    // Saved three times by now; superseded file sets are deleted, not left to pile up. The default
    // kind (i8) keeps the f32 rows for rescoring and the row of each key beside the graph; the rows
    // file this second process copied on its first append replaced the first one.
    const files = fs.readdirSync(store.indexDir).filter((f) => f.startsWith(vectorsTableName(MODEL.id)));
    expect(files.map((f) => path.extname(f)).sort()).toEqual([
      '.f32',
      '.json',
      '.keys',
      '.rowmap',
      '.usearch',
    ]);
    expect(readSidecar(store.indexDir, vectorsTableName(MODEL.id))?.count).toBe(3500);
  });

  it('catches up by loading the newer index a job saved, not by adding its vectors again', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(3750, { dims: MODEL.dims, seed: 8 });
    await fill(store, vectors.slice(0, 3000 * MODEL.dims), 12, 250);
    const served = await openIndex(store, false);
    await served.sync();
    const table = vectorsTableName(MODEL.id);
    const servedSave = readSidecar(store.indexDir, table)!.savedAt;

    // A job writes 750 vectors and brings the saved index up to date with an index of its own (as
    // LibraryService.updateIndexes does), then the served index is asked to catch up.
    await fill(store, vectors.slice(3000 * MODEL.dims), 3, 250, 'late');
    const job = await VectorIndex.open(store, MODEL, { autoSync: false });
    expect((await job.sync()).lastSync).toMatchObject({ added: 750 });
    await job.close();
    const jobSave = readSidecar(store.indexDir, table)!;
    expect(jobSave).toMatchObject({ count: 3750 });
    expect(jobSave.savedAt).not.toBe(servedSave);

    expect(await served.status()).toMatchObject({ state: 'stale', vectors: 3000 });
    const snapshot = await served.sync();
    expect(snapshot.lastSync).toEqual({ added: 0, removed: 0, rebuilt: false });
    expect(await served.status()).toMatchObject({
      state: 'ready',
      vectors: 3750,
      loadedFrom: 'file',
      savedAt: jobSave.savedAt,
    });
    const hits = await served.search(row(vectors, MODEL.dims, 3125), 1);
    expect(await textOf(store, hits![0]!.key)).toBe('late 0 chunk 125');

    // Then its own later writes are added as before, and saved over the job's file.
    await store.removeDocument(makeDoc('late2.txt').id);
    expect((await served.sync()).lastSync).toEqual({ added: 0, removed: 250, rebuilt: false });
    await served.close();
    expect(readSidecar(store.indexDir, table)).toMatchObject({ count: 3500 });
  });

  it('tells its listener when a background sync ends, and is no longer rebuilding by then', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(160, { dims: MODEL.dims, seed: 6 });
    await fill(store, vectors.slice(0, 100 * MODEL.dims), 4, 25);
    const heard: Array<{ ok: boolean; vectors: number; state: string }> = [];
    let statusReads: Array<Promise<void>> = [];
    // exactSearchBelow 50: a real HNSW graph from a small table (the test-only threshold override).
    const index = await VectorIndex.open(store, MODEL, {
      autoSync: false,
      exactSearchBelow: 50,
      onSynced: (outcome) =>
        statusReads.push(
          index
            .status()
            .then((s) => void heard.push({ ok: outcome.ok, vectors: outcome.vectors, state: s.state })),
        ),
    });
    cleanups.push(() => index.close());
    await index.sync();
    await Promise.all(statusReads);
    expect(heard).toEqual([{ ok: true, vectors: 100, state: 'ready' }]);
    expect((await index.status()).mode).toBe('hnsw');

    // A write, then a background catch-up (what LibraryService.updateIndexes asks for after a job).
    await fill(store, vectors.slice(100 * MODEL.dims), 2, 30, 'late');
    statusReads = [];
    index.requestSync();
    expect((await index.status()).state).toBe('rebuilding');
    await expect.poll(() => heard.length).toBe(2);
    await Promise.all(statusReads);
    expect(heard[1]).toEqual({ ok: true, vectors: 160, state: 'ready' });
  });

  it('removing documents removes their keys from the index', async () => {
    const { store } = await setup();
    const vectors = clusteredVectors(3250, { dims: MODEL.dims, seed: 5 });
    await fill(store, vectors, 13, 250);
    const index = await openIndex(store);
    await index.sync();
    const query = row(vectors, MODEL.dims, 3034); // doc 12 chunk 34
    const before = await index.search(query, 1);
    await store.removeDocument(makeDoc('doc12.txt').id);
    await index.sync();
    expect(await index.status()).toMatchObject({
      state: 'ready',
      vectors: 3000,
      lastSync: { removed: 250, rebuilt: false },
    });
    const after = await index.search(query, 10);
    expect(after!.map((h) => h.key)).not.toContain(before![0]!.key);
    expect(await store.chunksByKeys(after!.map((h) => h.key))).toHaveLength(10);
  });
});
