import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import { DEFAULT_MODEL_ID } from '../../../src/main/core/embed/registry';
import type { Embedder } from '../../../src/main/core/embed/types';
import { createExtractPool } from '../../../src/main/core/ingest/extractPool';
import type { SourceFile } from '../../../src/main/core/ingest/types';
import { ingestFiles, type IngestItem } from '../../../src/main/core/library/ingestFiles';
import type { DocumentUpsert } from '../../../src/main/core/store/storeTypes';
import { makePdf } from '../../support/makePdf';
import { makeTempDir } from '../../support/tempDir';

// Ingest chunks each document in the extraction worker that extracted it, counting tokens with the
// worker's own copy of the model's tokenizer; the embed worker is never asked for a count (each such
// count used to wait for the model run in progress). The chunks and their vectors must be exactly
// those of chunking on the main thread with the embed worker's counts, which is still what happens
// when a model does not say where its files are. Real pool, real pdf.js, real model.

const tmp = makeTempDir('loci-chunk-in-worker-');
let model: Embedder;

const sentence = (i: number): string =>
  `Sentence ${i} says that gliders with long wings sink slowly and climb in thermals over fields.`;

beforeAll(async () => {
  const dir = path.join(sourceResourcesDir(), 'models', DEFAULT_MODEL_ID);
  model = await openEmbedder({ kind: 'use-lite', dir, id: DEFAULT_MODEL_ID }, { threads: 1 });
  const pages = Array.from({ length: 6 }, (_, p) =>
    Array.from({ length: 14 }, (_, i) => sentence(p * 100 + i)).join(' '),
  );
  fs.writeFileSync(path.join(tmp.dir, 'gliders.pdf'), makePdf(pages, { title: 'Gliders' }));
  const body = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
  fs.writeFileSync(path.join(tmp.dir, 'notes.md'), `# Lift\n\n${body}\n\n## Drag\n\n${body}\n`);
});
afterAll(async () => {
  await model.close();
  tmp.cleanup();
});

function item(name: string): IngestItem {
  const p = path.join(tmp.dir, name);
  const stat = fs.statSync(p);
  const file: SourceFile = {
    path: p,
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    kind: name.endsWith('.pdf') ? 'pdf' : 'markdown',
  };
  return { file, source: tmp.dir };
}

/** Ingests both files with `embedder`, returning what would be written and the counts it was asked. */
async function ingest(embedder: Embedder): Promise<{ written: DocumentUpsert[]; counts: number }> {
  let counts = 0;
  const watched: Embedder = {
    ...embedder,
    countTokens: (text) => {
      counts++;
      return embedder.countTokens(text);
    },
  };
  const written: DocumentUpsert[] = [];
  const pool = createExtractPool({ workers: 2 });
  try {
    await ingestFiles([item('gliders.pdf'), item('notes.md')], {
      pool,
      embedders: [watched],
      signal: new AbortController().signal,
      // The writes are collected here instead of going to a library: what is compared is what
      // ingest hands its store.
      target: { known: () => undefined, write: async (batch) => void written.push(...batch) },
      onProgress: () => undefined,
    });
  } finally {
    await pool.close();
  }
  return { written: written.sort((a, b) => a.doc.path.localeCompare(b.doc.path)), counts };
}

describe('chunking in the extraction workers', () => {
  it('asks the embed worker for no token count and gives the chunks and vectors of main-thread chunking', async () => {
    const inWorkers = await ingest(model);
    const { source: _source, ...withoutSource } = model;
    const onMain = await ingest(withoutSource);

    expect(inWorkers.counts).toBe(0);
    expect(onMain.counts).toBeGreaterThan(20);
    expect(inWorkers.written.map((u) => u.doc.status)).toEqual(['ok', 'ok']);
    const chunks = (r: { written: DocumentUpsert[] }) => r.written.map((u) => u.chunks);
    expect(chunks(inWorkers)).toEqual(chunks(onMain));
    expect(inWorkers.written.map((u) => u.chunks.length).every((n) => n >= 8)).toBe(true);
    const vectors = (r: { written: DocumentUpsert[] }) =>
      r.written.map((u) => u.vectors[0]!.vectors.map((v) => [...v]));
    expect(vectors(inWorkers)).toEqual(vectors(onMain));
  });
});
