/**
 * What reusing stored vectors of identical chunk texts costs an ingest job (storedTextVectors.ts):
 * a library of N chunks (default 10,000: 200 documents of 50 chunks of ~500 characters, random unit
 * vectors) is written once; then, as a job would, the stored-text map is loaded (one scan of the chunk
 * texts, hashed) and a step of 256 new texts, 10% of them stored boilerplate, is looked up.
 *
 *   node --expose-gc bin/run-ts.mjs bench/ingestReuse.ts -- [--chunks N]   (--expose-gc: exact heap)
 *
 * Prints the load time and memory of the map and the time of a lookup step, against the time the
 * model takes to embed the 256 texts it would otherwise embed again (for scale).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceResourcesDir } from '../src/main/core/config';
import { createModelRegistry, DEFAULT_MODEL_ID } from '../src/main/core/embed/registry';
import type { ModelInfo } from '../src/main/core/embed/types';
import { textHash } from '../src/main/core/library/reusedVectors';
import { loadTextKeys, StoredTextVectors } from '../src/main/core/library/storedTextVectors';
import { documentIdForPath } from '../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import type { DocumentUpsert } from '../src/main/core/store/storeTypes';

const argv = process.argv.slice(2);
const at = argv.indexOf('--chunks');
const total = at >= 0 ? Number(argv[at + 1]) : 10_000;
const PER_DOC = 50;
const DIMS = 512;
const model = { id: DEFAULT_MODEL_ID, dims: DIMS, fingerprint: 'bench-fingerprint' };

/** A distinct ~500-character passage per (doc, chunk). */
const passage = (d: number, c: number): string =>
  Array.from({ length: 12 }, (_, w) =>
    createHash('sha1').update(`${d}.${c}.${w}`).digest('hex').slice(0, 36),
  ).join(' ');

function randomUnit(): Float32Array {
  const v = new Float32Array(DIMS).map(() => Math.random() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-reuse-'));
try {
  const store = await LibraryStore.open(path.join(work, 'library'));
  const started = performance.now();
  const docs = Math.ceil(total / PER_DOC);
  for (let d0 = 0; d0 < docs; d0 += 50) {
    const batch: DocumentUpsert[] = [];
    for (let d = d0; d < Math.min(docs, d0 + 50); d++) {
      const file = `/bench/doc-${d}.txt`;
      const chunks = Array.from({ length: PER_DOC }, (_, c) => {
        const text = passage(d, c);
        return { ordinal: c, page: 1, charStart: 0, charEnd: text.length, headingPath: [], text };
      });
      batch.push({
        doc: {
          id: documentIdForPath(file),
          source: '/bench',
          path: file,
          title: `doc ${d}`,
          kind: 'text',
          size: 1,
          mtime: 1,
          sha256: String(d),
          pages: 1,
          status: 'ok',
          reason: null,
        },
        chunks,
        vectors: [{ model, vectors: chunks.map(() => randomUnit()) }],
      });
    }
    await store.upsertDocuments(batch);
  }
  await store.maintain({ force: true });
  console.log(
    `bench:ingest-reuse  library of ${docs * PER_DOC} chunks written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const map = await loadTextKeys(store);
  const loadMs = performance.now() - t;
  gc();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `stored-text map: ${map.size} texts loaded in ${loadMs.toFixed(0)} ms (scan + sha256), heap +${heapMb.toFixed(1)} MB`,
  );

  // One step of a job: 256 new texts, every 10th one stored boilerplate.
  const texts = Array.from({ length: 256 }, (_, i) =>
    i % 10 === 0 ? passage(i % docs, 7) : `new text ${i} ${passage(-1, i)}`,
  );
  const lender = new StoredTextVectors(store, [
    { info: { ...model, name: 'bench', maxTokens: 128 } as ModelInfo },
  ]);
  t = performance.now();
  const first = await lender.lend(texts.map(textHash)); // includes loading the map
  const firstMs = performance.now() - t;
  const next = Array.from({ length: 256 }, (_, i) =>
    i % 10 === 0 ? passage((i + 1) % docs, 8) : `other ${i}`,
  );
  t = performance.now();
  const second = await lender.lend(next.map(textHash));
  const stepMs = performance.now() - t;
  console.log(
    `first step (map load + lookup): ${firstMs.toFixed(0)} ms, ${first.length} vectors lent; ` +
      `a later step: ${stepMs.toFixed(1)} ms, ${second.length} vectors lent`,
  );
  await store.close();

  const registry = createModelRegistry({
    dataDir: path.join(work, 'data'),
    resourcesDir: sourceResourcesDir(),
  });
  try {
    const embedder = await registry.getEmbedder(DEFAULT_MODEL_ID);
    await embedder.embed(texts.slice(0, 16), { purpose: 'passage' });
    t = performance.now();
    await embedder.embed(texts, { purpose: 'passage' });
    const embedMs = performance.now() - t;
    console.log(
      `for scale: ${DEFAULT_MODEL_ID} embeds these 256 texts in ${embedMs.toFixed(0)} ms ` +
        `(${(embedMs / 256).toFixed(1)} ms a text; the ${first.length} lent texts would cost ~${((embedMs / 256) * first.length).toFixed(0)} ms)`,
    );
  } finally {
    await registry.closeAll();
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
