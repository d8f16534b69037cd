import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentPagesReader } from '../../../src/main/core/library/documentPages';
import type { DocumentRecord } from '../../../src/main/core/store/storeTypes';
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
