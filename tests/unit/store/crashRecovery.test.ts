import { afterEach, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { chunkRecordsFor } from '../../../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import { toChunkRow } from '../../../src/main/core/store/rowConversion';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import { buildVectorRows } from '../../../src/main/core/store/vectorRows';
import type { ChunkInput, DocumentInput } from '../../../src/main/core/store/storeTypes';
import { TEST_MODEL, makeChunks, makeDoc, makeTempDir, vectorsFor } from './libraryFixtures';

/**
 * A crash is simulated by writing exactly what the commit protocol writes before its commit point
 * (chunk rows, then vector rows, straight into LanceDB) and then never writing the document row,
 * which is the on-disk state a process killed between those steps leaves behind.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function writeUncommitted(dir: string, doc: DocumentInput, chunks: ChunkInput[]): Promise<void> {
  const { records } = chunkRecordsFor(doc, chunks);
  const db = await lancedb.connect(libraryPaths(dir).lanceDir);
  await (await db.openTable('chunks')).add(records.map(toChunkRow));
  await (
    await db.openTable(vectorsTableName(TEST_MODEL.id))
  ).add(buildVectorRows(records, vectorsFor(chunks)));
  db.close();
}

async function rawRows(dir: string, table: string): Promise<number> {
  const db = await lancedb.connect(libraryPaths(dir).lanceDir);
  const n = await (await db.openTable(table)).countRows();
  db.close();
  return n;
}

describe('crash recovery', () => {
  it('chunks written without their document row are invisible, and cleaned when a writer reopens', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    let store = await LibraryStore.open(dir);
    const kept = makeDoc('kept.txt');
    await store.upsertDocument(kept, makeChunks(['kept text']), [vectorsFor(makeChunks(['kept text']))]);
    await store.close();

    const lost = makeDoc('lost.txt');
    await writeUncommitted(dir, lost, makeChunks(['half written', 'never committed']));
    expect(await rawRows(dir, 'chunks')).toBe(3);

    const reader = await LibraryStore.open(dir, { readonly: true });
    expect(await reader.getDocument(lost.id)).toBeNull();
    expect(await reader.getChunks(lost.id)).toEqual([]);
    expect((await reader.counts()).chunks).toBe(1);
    await reader.close();

    store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    expect(store.recovery).toEqual({ orphanChunks: 2, orphanVectors: 2, orphanOcrPages: 0 });
    expect(await rawRows(dir, 'chunks')).toBe(1);
    expect(await rawRows(dir, vectorsTableName(TEST_MODEL.id))).toBe(1);
    expect((await store.getChunks(kept.id)).map((c) => c.text)).toEqual(['kept text']);
  });

  it('a replacement interrupted before its commit point leaves the old version visible and intact', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    let store = await LibraryStore.open(dir);
    const doc = makeDoc('changing.txt');
    const old = makeChunks(['old first', 'old second']);
    await store.upsertDocument(doc, old, [vectorsFor(old)]);
    await store.close();

    await writeUncommitted(dir, doc, makeChunks(['new first', 'new second', 'new third']));

    store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    expect(store.recovery.orphanChunks).toBe(3);
    expect((await store.getChunks(doc.id)).map((c) => c.text)).toEqual(['old first', 'old second']);
    expect(await rawRows(dir, 'chunks')).toBe(2);

    // And the retried replacement then goes through normally.
    const fresh = makeChunks(['new first', 'new second', 'new third']);
    await store.upsertDocument(doc, fresh, [vectorsFor(fresh)]);
    expect((await store.getChunks(doc.id)).map((c) => c.text)).toEqual([
      'new first',
      'new second',
      'new third',
    ]);
    expect(await rawRows(dir, 'chunks')).toBe(3);
  });

  it('a retry after a crash merges onto the rows the crashed attempt wrote', async () => {
    const { dir, cleanup } = makeTempDir();
    cleanups.push(cleanup);
    const store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    // The crashed attempt got as far as chunks and vectors (the registry must know the model first).
    await store.upsertDocument(makeDoc('other.txt'), makeChunks(['x']), [vectorsFor(makeChunks(['x']))]);
    const doc = makeDoc('retried.txt');
    const chunks = makeChunks(['one', 'two']);
    await writeUncommitted(dir, doc, chunks);
    await store.upsertDocument(doc, chunks, [vectorsFor(chunks)]);
    expect(await rawRows(dir, 'chunks')).toBe(3);
    expect(await rawRows(dir, vectorsTableName(TEST_MODEL.id))).toBe(3);
  });
});
