import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentPagesReader } from '../../../src/main/core/library/documentPages';
import type { DocumentRecord, OcrPageRecord } from '../../../src/main/core/store/storeTypes';
import { writeMixedPdf, writePng } from '../../support/makeScanFixtures';
import { makeTempDir } from '../../support/tempDir';

// document.pages re-extracts the file in a worker. Many calls at once must share one small pool:
// calls for the same document join one extraction, and a repeat is answered from the cache.
describe('document pages reader', () => {
  const tmp = makeTempDir();
  const reader = createDocumentPagesReader({ workers: 1 });
  afterAll(async () => {
    await reader.close();
    tmp.cleanup();
  });
  const record = (name: string, text: string, generation = 'g1'): DocumentRecord => {
    const file = path.join(tmp.dir, name);
    fs.writeFileSync(file, text);
    return { id: name, path: file, kind: 'text', sha256: '', generation } as unknown as DocumentRecord;
  };

  it('joins parallel calls for one document into one extraction and caches the result', async () => {
    const doc = record('notes.txt', 'Tide tables for the northern harbour.\n');
    const answers = await Promise.all(Array.from({ length: 20 }, () => reader.read(doc)));
    expect(reader.extractions).toBe(1);
    for (const pages of answers) expect(pages[0]!.text).toContain('Tide tables for the northern harbour.');
    await reader.read(doc);
    expect(reader.extractions).toBe(1);
    // A re-indexed version (new generation) is read again.
    await reader.read({ ...doc, generation: 'g2' });
    expect(reader.extractions).toBe(2);
  });

  it('queues different documents on the one worker and answers each with its own text', async () => {
    const docs = Array.from({ length: 6 }, (_, i) => record(`doc-${i}.txt`, `Document number ${i} text.\n`));
    const before = reader.extractions;
    const answers = await Promise.all(docs.map((d) => reader.read(d)));
    expect(reader.extractions - before).toBe(6);
    answers.forEach((pages, i) => expect(pages[0]!.text).toContain(`Document number ${i} text.`));
  });
});

// A scanned document's OCR'd pages are in the store: the viewer gets them from there (with their word
// boxes), and the file is read again without OCR, which would cost seconds a page on every open.
describe('document pages reader with stored OCR pages', () => {
  const tmp = makeTempDir();
  const boxes = { starts: [0], ends: [6], rects: [0.1, 0.1, 0.2, 0.03] };
  const stored = (doc: DocumentRecord): OcrPageRecord[] => [
    { docId: doc.id, generation: doc.generation, page: 2, text: 'STORED', boxes },
  ];
  const reader = createDocumentPagesReader({ workers: 1, ocrPages: async (doc) => stored(doc) });
  afterAll(async () => {
    await reader.close();
    tmp.cleanup();
  });

  it('puts the stored pages, with boxes, into a PDF read without OCR', async () => {
    const file = writeMixedPdf(
      path.join(tmp.dir, 'mixed.pdf'),
      'A page with a real text layer.',
      'Scanned words',
    );
    const doc = {
      id: 'm',
      path: file,
      kind: 'pdf',
      sha256: '',
      generation: 'g',
      pages: 2,
    } as unknown as DocumentRecord;
    const started = Date.now();
    const pages = await reader.read(doc);
    expect(pages.map((p) => p.text)).toEqual([expect.stringContaining('real text layer'), 'STORED']);
    expect(pages[1]!.boxes).toEqual(boxes);
    expect(pages[0]!.boxes).toBeUndefined();
    // No OCR ran: the scanned page's own text would have been "Scanned words".
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('builds the pages of an image from the store alone', async () => {
    const file = writePng(path.join(tmp.dir, 'note.png'), 'Image words');
    const doc = {
      id: 'i',
      path: file,
      kind: 'image',
      sha256: '',
      generation: 'g',
      pages: 2,
    } as unknown as DocumentRecord;
    const pages = await reader.read(doc);
    expect(pages.map((p) => [p.page, p.text])).toEqual([
      [1, ''],
      [2, 'STORED'],
    ]);
  });
});
