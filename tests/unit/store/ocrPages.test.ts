import { afterEach, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import type { OcrPageInput } from '../../../src/main/core/store/storeTypes';
import { makeChunks, makeDoc, makeTempDir, vectorsFor } from './libraryFixtures';

// OCR'd pages' text and word boxes live in the store beside the chunks and follow their commit
// protocol: visible with the committed generation only, replaced with it, removed with the document.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const page = (n: number, text: string): OcrPageInput => {
  const words = text.split(' ');
  const starts: number[] = [];
  const ends: number[] = [];
  const rects: number[] = [];
  let at = 0;
  words.forEach((w, i) => {
    starts.push(at);
    ends.push(at + w.length);
    rects.push(0.1 + i * 0.1, 0.2, 0.08, 0.02);
    at += w.length + 1;
  });
  return { page: n, text, boxes: { starts, ends, rects } };
};

async function rawRows(dir: string): Promise<number> {
  const db = await lancedb.connect(libraryPaths(dir).lanceDir);
  try {
    return (await db.tableNames()).includes('ocr_pages')
      ? await (await db.openTable('ocr_pages')).countRows()
      : 0;
  } finally {
    db.close();
  }
}

function tempLibrary(): string {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('store: OCR pages', () => {
  it('keeps the word boxes of an indexed document, replaces them with a new version, drops them on removal', async () => {
    const dir = tempLibrary();
    const store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    const doc = makeDoc('scan.pdf', { pages: 2 });
    const v1 = makeChunks(['old scan words']);
    await store.upsertDocuments([
      { doc, chunks: v1, vectors: [vectorsFor(v1)], ocrPages: [page(2, 'old scan words')] },
    ]);
    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    const first = await reader.getOcrPages(doc.id);
    expect(first.map((p) => [p.page, p.text])).toEqual([[2, 'old scan words']]);
    expect(first[0]!.boxes.starts).toEqual([0, 4, 9]);
    expect(first[0]!.boxes.rects.slice(0, 4)).toEqual([0.1, 0.2, 0.08, 0.02]);

    // A re-read with other text (a new generation) replaces the pages; the old rows are deleted.
    const v2 = makeChunks(['new scan text here']);
    await store.upsertDocuments([
      { doc, chunks: v2, vectors: [vectorsFor(v2)], ocrPages: [page(1, 'new scan text here')] },
    ]);
    expect((await reader.getOcrPages(doc.id)).map((p) => [p.page, p.text])).toEqual([
      [1, 'new scan text here'],
    ]);
    expect(await rawRows(dir)).toBe(1);

    await store.removeDocuments([doc.id]);
    expect(await reader.getOcrPages(doc.id)).toEqual([]);
    expect(await rawRows(dir)).toBe(0);
  });

  it('stores no pages for a document that is not indexed', async () => {
    const dir = tempLibrary();
    const store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    const doc = makeDoc('blank.pdf', { status: 'skipped', reason: 'OCR found no text' });
    await store.upsertDocuments([{ doc, chunks: [], vectors: [], ocrPages: [page(1, 'noise')] }]);
    expect(await store.getOcrPages(doc.id)).toEqual([]);
    expect(await rawRows(dir)).toBe(0);
  });

  it('reads a library written before OCR pages were stored, and gains the table on the next write', async () => {
    const dir = tempLibrary();
    let store = await LibraryStore.open(dir);
    const text = makeDoc('notes.txt');
    const chunks = makeChunks(['plain text']);
    await store.upsertDocument(text, chunks, [vectorsFor(chunks)]);
    await store.close();
    // What an older version left: no ocr_pages table at all.
    const db = await lancedb.connect(libraryPaths(dir).lanceDir);
    await db.dropTable('ocr_pages');
    db.close();

    const reader = await LibraryStore.open(dir, { readonly: true });
    cleanups.push(() => reader.close());
    expect(await reader.getOcrPages(text.id)).toEqual([]);

    store = await LibraryStore.open(dir);
    cleanups.push(() => store.close());
    const scan = makeDoc('scan.png', { kind: 'image' });
    const scanChunks = makeChunks(['scanned words']);
    await store.upsertDocuments([
      {
        doc: scan,
        chunks: scanChunks,
        vectors: [vectorsFor(scanChunks)],
        ocrPages: [page(1, 'scanned words')],
      },
    ]);
    // The reader opened before the table existed finds it now.
    expect((await reader.getOcrPages(scan.id)).map((p) => p.text)).toEqual(['scanned words']);
  });
});
