import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import {
  LibraryNotFoundError,
  ModelMismatchError,
  ReadonlyLibraryError,
} from '../../../src/main/core/store/storeErrors';
import { TEST_MODEL, makeChunks, makeDoc, makeTempDir, vectorsFor } from './libraryFixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function openTemp(): Promise<{ store: LibraryStore; dir: string }> {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  const store = await LibraryStore.open(dir, { command: 'test' });
  cleanups.push(() => store.close());
  return { store, dir };
}

/** Row counts straight from LanceDB, bypassing the store's visibility rules. */
async function rawCounts(dir: string): Promise<{ documents: number; chunks: number; vectors: number }> {
  const db = await lancedb.connect(libraryPaths(dir).lanceDir);
  const count = async (name: string): Promise<number> =>
    (await db.tableNames()).includes(name) ? (await db.openTable(name)).countRows() : 0;
  const out = {
    documents: await count('documents'),
    chunks: await count('chunks'),
    vectors: await count(vectorsTableName(TEST_MODEL.id)),
  };
  db.close();
  return out;
}

const textsA = [
  'Wings generate lift through pressure differences.',
  'Boundary layers thicken downstream.',
  'Shock waves form at supersonic speeds.',
];
const textsB = [
  'Heat transfer in laminar flow.',
  'Turbulent mixing increases drag.',
  'Nozzles accelerate gas.',
  'Flutter is an aeroelastic instability.',
  'Panels vibrate.',
];

describe('LibraryStore writes', () => {
  it('stores a document with its chunks and vectors and reads them back in order', async () => {
    const { store } = await openTemp();
    const doc = makeDoc('wings.pdf', { pages: 3 });
    const chunks = makeChunks(textsA).reverse(); // out of order on purpose
    const record = await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
    expect(record.chunkCount).toBe(3);
    expect(record.status).toBe('ok');
    const back = await store.getChunks(doc.id);
    expect(back.map((c) => c.text)).toEqual(textsA);
    expect(back[0]?.headingPath).toEqual(['Intro']);
    expect(back[0]?.page).toBe(1);
    expect(await store.getDocument(doc.id)).toMatchObject({ path: '/docs/wings.pdf', kind: 'pdf', pages: 3 });
    const counts = await store.counts();
    expect(counts).toMatchObject({ documents: 1, chunks: 3 });
    expect(counts.models).toEqual([expect.objectContaining({ id: TEST_MODEL.id, vectors: 3 })]);
  });

  it('is idempotent: retrying the same batch never duplicates rows', async () => {
    const { store, dir } = await openTemp();
    const batch = [textsA, textsB].map((texts, i) => {
      const chunks = makeChunks(texts);
      return { doc: makeDoc(`doc${i}.txt`), chunks, vectors: [vectorsFor(chunks)] };
    });
    await store.upsertDocuments(batch);
    await store.upsertDocuments(batch);
    await store.upsertDocuments([batch[1]!, batch[1]!]); // a batch repeating a document
    expect(await rawCounts(dir)).toEqual({ documents: 2, chunks: 8, vectors: 8 });
    expect((await store.counts()).chunks).toBe(8);
  });

  it('replacing a document swaps all its chunks at once and removes the old generation', async () => {
    const { store, dir } = await openTemp();
    const doc = makeDoc('report.md');
    const a = makeChunks(textsA);
    const first = await store.upsertDocument(doc, a, [vectorsFor(a)]);
    const b = makeChunks(textsB);
    const second = await store.upsertDocument({ ...doc, size: 2000 }, b, [vectorsFor(b)]);
    expect(second.generation).not.toBe(first.generation);
    expect((await store.getChunks(doc.id)).map((c) => c.text)).toEqual(textsB);
    expect(await rawCounts(dir)).toEqual({ documents: 1, chunks: 5, vectors: 5 });
  });

  it('a concurrent reader only ever sees one whole version of a document being replaced', async () => {
    const { store, dir } = await openTemp();
    const doc = makeDoc('flip.txt');
    const versions = [textsA, textsB].map((texts) => makeChunks(texts));
    await store.upsertDocument(doc, versions[0]!, [vectorsFor(versions[0]!)]);
    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 6; i++) {
        const chunks = versions[i % 2]!;
        await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
      }
      writing = false;
    })();
    const seen = new Set<string>();
    while (writing) {
      const texts = (await reader.getChunks(doc.id)).map((c) => c.text);
      expect([JSON.stringify(textsA), JSON.stringify(textsB)]).toContain(JSON.stringify(texts));
      seen.add(texts[0]!);
    }
    await writer;
    expect(seen.size).toBe(2); // the reader really watched the document flip
    expect((await reader.getChunks(doc.id)).map((c) => c.text)).toEqual(textsA);
  });

  it('removes a document, its chunks and its vectors', async () => {
    const { store, dir } = await openTemp();
    const doc = makeDoc('gone.txt');
    const chunks = makeChunks(textsA);
    await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
    expect(await store.removeDocument(doc.id)).toBe(true);
    expect(await store.removeDocument(doc.id)).toBe(false);
    expect(await store.getDocument(doc.id)).toBeNull();
    expect(await store.getChunks(doc.id)).toEqual([]);
    expect(await rawCounts(dir)).toEqual({ documents: 0, chunks: 0, vectors: 0 });
  });

  it('stores failed documents without chunks, and a document that starts failing loses its chunks', async () => {
    const { store } = await openTemp();
    const doc = makeDoc('scan.pdf');
    const chunks = makeChunks(textsA);
    await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
    await store.upsertDocument({ ...doc, status: 'encrypted', reason: 'password protected' }, chunks, [
      vectorsFor(chunks),
    ]);
    expect(await store.getDocument(doc.id)).toMatchObject({
      status: 'encrypted',
      reason: 'password protected',
      chunkCount: 0,
    });
    expect(await store.getChunks(doc.id)).toEqual([]);
    const counts = await store.counts();
    expect(counts.byStatus).toMatchObject({ ok: 0, encrypted: 1 });
    expect(counts.chunks).toBe(0);
    expect(counts.models[0]?.vectors).toBe(0);
  });

  it('refuses vectors from a different model under the same id, before writing anything', async () => {
    const { store, dir } = await openTemp();
    const chunks = makeChunks(textsA);
    await store.upsertDocument(makeDoc('a.txt'), chunks, [vectorsFor(chunks)]);
    const other = { ...TEST_MODEL, fingerprint: 'another-fingerprint' };
    await expect(
      store.upsertDocument(makeDoc('b.txt'), chunks, [vectorsFor(chunks, other)]),
    ).rejects.toBeInstanceOf(ModelMismatchError);
    expect(await rawCounts(dir)).toEqual({ documents: 1, chunks: 3, vectors: 3 });
  });

  it('adds a second model later without rewriting chunks', async () => {
    const { store } = await openTemp();
    const doc = makeDoc('two-models.txt');
    const chunks = makeChunks(textsA);
    await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
    const before = await store.getChunks(doc.id);
    const second = { id: 'second-model', dims: 8, fingerprint: 'fp-2' };
    await store.upsertDocument(doc, chunks, [vectorsFor(chunks, second)]);
    expect((await store.getChunks(doc.id)).map((c) => c.id)).toEqual(before.map((c) => c.id));
    const models = (await store.counts()).models.map((m) => [m.id, m.vectors]).sort();
    expect(models).toEqual([
      ['second-model', 3],
      [TEST_MODEL.id, 3],
    ]);
    await store.dropModel('second-model');
    expect((await store.counts()).models.map((m) => m.id)).toEqual([TEST_MODEL.id]);
    expect(await store.vectorsVersion('second-model')).toBeNull();
    expect(await store.upsertDocuments([])).toEqual([]);
  });
});

describe('LibraryStore reads and sources', () => {
  it("streams a model's vectors, unit length, keyed like their chunks", async () => {
    const { store } = await openTemp();
    const doc = makeDoc('v.txt');
    const chunks = makeChunks(textsB);
    const given = vectorsFor(chunks).vectors.map((v) => v.map((x) => x * 3)); // not unit length
    await store.upsertDocument(doc, chunks, [{ model: TEST_MODEL, vectors: given }]);
    const keys: bigint[] = [];
    const rows: Float32Array[] = [];
    for await (const batch of store.iterateVectors(TEST_MODEL.id)) {
      keys.push(...batch.keys);
      for (let i = 0; i < batch.keys.length; i++) rows.push(batch.vectors.slice(i * 16, (i + 1) * 16));
    }
    const stored = await store.getChunks(doc.id);
    expect(new Set(keys)).toEqual(new Set(stored.map((c) => c.key)));
    for (const [i, key] of keys.entries()) {
      const ordinal = stored.find((c) => c.key === key)!.ordinal;
      const expected = vectorsFor(chunks).vectors[ordinal]!;
      rows[i]!.forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
    }
  });

  it('lists documents with filters on source, kind and path prefix', async () => {
    const { store } = await openTemp();
    const docs = [
      makeDoc('a.pdf'),
      makeDoc('b.txt'),
      makeDoc("it's.pdf", { path: "/papers/it's.pdf", source: '/papers' }),
      makeDoc('100%_done.pdf', { path: '/papers/100%_done.pdf', source: '/papers' }),
    ];
    for (const doc of docs)
      await store.upsertDocument(doc, makeChunks(['x']), [vectorsFor(makeChunks(['x']))]);
    const paths = async (filters: Parameters<LibraryStore['listDocuments']>[0]): Promise<string[]> =>
      (await store.listDocuments(filters)).map((d) => d.path);
    expect(await paths({ kinds: ['pdf'] })).toEqual([
      '/docs/a.pdf',
      '/papers/100%_done.pdf',
      "/papers/it's.pdf",
    ]);
    expect(await paths({ sources: ['/docs'] })).toEqual(['/docs/a.pdf', '/docs/b.txt']);
    expect(await paths({ pathPrefix: "/papers/it'" })).toEqual(["/papers/it's.pdf"]);
    expect(await paths({ pathPrefix: '/papers/100%_' })).toEqual(['/papers/100%_done.pdf']);
    expect(await paths({ pathPrefix: '/papers/1%' })).toEqual([]);
  });

  it('adds, lists and removes sources; removing a source removes its documents', async () => {
    const { store } = await openTemp();
    await store.addSource('/docs');
    await store.addSource('/docs');
    await store.addSource('/papers');
    await store.upsertDocument(makeDoc('a.txt'), makeChunks(['x']), [vectorsFor(makeChunks(['x']))]);
    expect((await store.listSources()).map((s) => s.path)).toEqual(['/docs', '/papers']);
    await store.removeSource('/docs');
    expect((await store.listSources()).map((s) => s.path)).toEqual(['/papers']);
    expect(await store.listDocuments()).toEqual([]);
  });

  it('read-only stores refuse writes and need an existing library', async () => {
    const { store, dir } = await openTemp();
    await store.addSource('/docs');
    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    expect((await reader.listSources()).map((s) => s.path)).toEqual(['/docs']);
    await expect(reader.addSource('/x')).rejects.toBeInstanceOf(ReadonlyLibraryError);
    const { dir: empty, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    await expect(LibraryStore.open(empty, { readonly: true })).rejects.toBeInstanceOf(LibraryNotFoundError);
    // Caught mid-creation by the first writer: a table's folder exists, its first version does not.
    fs.mkdirSync(path.join(libraryPaths(empty).lanceDir, 'meta.lance'), { recursive: true });
    await expect(LibraryStore.open(empty, { readonly: true })).rejects.toBeInstanceOf(LibraryNotFoundError);
  });

  it('a reader sees models registered and dropped by a writer (its model records are cached per meta version)', async () => {
    const { store, dir } = await openTemp();
    const chunks = makeChunks(textsA);
    await store.upsertDocument(makeDoc('a.txt'), chunks, [vectorsFor(chunks)]);
    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    expect((await reader.models.get(TEST_MODEL.id))?.fingerprint).toBe(TEST_MODEL.fingerprint);
    expect(await reader.models.get('second-model')).toBeNull();
    const second = { id: 'second-model', dims: 8, fingerprint: 'fp-2' };
    await store.upsertDocument(makeDoc('a.txt'), chunks, [vectorsFor(chunks, second)]);
    expect((await reader.models.get('second-model'))?.fingerprint).toBe('fp-2');
    expect((await reader.listModels()).map((m) => m.id).sort()).toEqual(['second-model', TEST_MODEL.id]);
    await store.dropModel('second-model');
    expect(await reader.models.get('second-model')).toBeNull();
    expect((await reader.listModels()).map((m) => m.id)).toEqual([TEST_MODEL.id]);
    // Registered again under another fingerprint: the reader must see the new one, not a kept record.
    await store.upsertDocument(makeDoc('a.txt'), chunks, [
      vectorsFor(chunks, { ...second, fingerprint: 'fp-3' }),
    ]);
    expect((await reader.models.get('second-model'))?.fingerprint).toBe('fp-3');
  });

  it('dataVersion changes on every committed write', async () => {
    const { store } = await openTemp();
    const v0 = await store.dataVersion();
    await store.upsertDocument(makeDoc('a.txt'), makeChunks(['x']), [vectorsFor(makeChunks(['x']))]);
    const v1 = await store.dataVersion();
    await store.removeDocument(makeDoc('a.txt').id);
    const v2 = await store.dataVersion();
    expect(new Set([v0, v1, v2]).size).toBe(3);
  });
});
