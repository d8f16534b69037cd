/**
 * The map's switch time against its cold build, on a real library (LanceDB on a temp dir, the real
 * core, layouts in the projection worker): `chunks` synthetic 512-d passages (clustered unit vectors,
 * 20 per document, texts with per-topic words for the labels).
 *
 * Cold: the passages map (2D) asked for on a library that has never been mapped: map.get answers
 * `computing`, the job builds it (what switching cost on every switch before layouts were kept).
 * Switch: once the background jobs have built the other views, map.get for documents / passages in
 * 2D / 3D, plus encoding the answer as the HTTP server does; in the same core (memory) and in a
 * restarted one (the stored answers on disk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract, type InputOf, type MethodName, type OutputOf } from '../src/shared/api/contract';
import { encodeWire } from '../src/shared/api/wire';
import { sourceResourcesDir } from '../src/main/core/config';
import { createCore, type Core } from '../src/main/core/createCore';
import { documentIdForPath } from '../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import type { DocumentUpsert } from '../src/main/core/store/storeTypes';
import { clusteredVectors } from '../tests/support/clusteredVectors';

const DIMS = 512;
const CHUNKS_PER_DOC = 20;
const TOPIC_WORDS = [
  'aerofoil lift drag wing',
  'sonata chord harmony tempo',
  'contract court appeal statute',
  'galaxy telescope orbit stellar',
  'enzyme protein membrane cell',
  'bread oven dough yeast',
  'glacier sediment erosion basin',
  'compiler parser syntax grammar',
];

async function writeLibrary(dir: string, chunks: number): Promise<void> {
  const vectors = clusteredVectors(chunks, { dims: DIMS, seed: 5 });
  const model = { id: 'bench-512', dims: DIMS, fingerprint: 'bench-512-f1' };
  const store = await LibraryStore.open(dir);
  try {
    const docs = Math.ceil(chunks / CHUNKS_PER_DOC);
    for (let start = 0; start < docs; start += 50) {
      const batch: DocumentUpsert[] = [];
      for (let d = start; d < Math.min(docs, start + 50); d++) {
        // clusteredVectors orders points by topic (500 per topic): a document stays in its topic.
        const topic = TOPIC_WORDS[Math.floor((d * CHUNKS_PER_DOC) / 500) % TOPIC_WORDS.length] as string;
        const file = `/bench/topic-${topic.split(' ')[0]}/doc-${d}.pdf`;
        const texts = Array.from(
          { length: CHUNKS_PER_DOC },
          (_, c) => `Passage ${c} of document ${d} on ${topic} with notes ${(d * 7 + c) % 13}.`,
        );
        let at = 0;
        batch.push({
          doc: {
            id: documentIdForPath(file),
            source: '/bench',
            path: file,
            title: `Document ${d} (${topic.split(' ')[0]})`,
            kind: 'pdf',
            size: 1000,
            mtime: 1_700_000_000_000 + d,
            sha256: String(d).padStart(64, '0'),
            pages: CHUNKS_PER_DOC,
            status: 'ok',
            reason: null,
          },
          chunks: texts.map((text, ordinal) => {
            const chunk = {
              ordinal,
              page: ordinal + 1,
              charStart: at,
              charEnd: at + text.length,
              headingPath: [],
              text,
            };
            at += text.length + 1;
            return chunk;
          }),
          vectors: [
            {
              model,
              vectors: texts.map((_, c) => {
                const row = d * CHUNKS_PER_DOC + c;
                return vectors.slice(row * DIMS, (row + 1) * DIMS);
              }),
            },
          ],
        });
      }
      await store.upsertDocuments(batch);
    }
  } finally {
    await store.close();
  }
}

export async function switchBench(chunks: number): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-map-switch-'));
  const libraryDir = path.join(root, 'library');
  let core: Core | null = null;
  const open = () =>
    createCore({
      appVersion: 'bench',
      dataDir: path.join(root, 'data'),
      libraryDir,
      resourcesDir: sourceResourcesDir(),
      threads: 2,
    });
  const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> =>
    (core!.handlers[method] as (i: never) => Promise<OutputOf<M>>)(
      contract[method].input.parse(input) as never,
    );
  const layoutsSettled = async () => {
    for (const job of core!.jobs.list())
      if (job.kind === 'map.layout' && job.state === 'running') await core!.jobs.wait(job.jobId);
  };
  try {
    await writeLibrary(libraryDir, chunks);
    core = await open();
    console.log(
      `\n== Map switch vs cold build: ${chunks.toLocaleString()} passages (load ${os.loadavg()[0]?.toFixed(1)}) ==`,
    );
    let started = performance.now();
    const first = await call('map.get', { level: 'chunks', dims: 2 });
    if (first.status !== 'computing') throw new Error('expected a cold build');
    await core.jobs.wait(first.jobId);
    const ready = await call('map.get', { level: 'chunks', dims: 2 });
    if (ready.status !== 'ready') throw new Error('not ready after its job');
    const coldMs = performance.now() - started;
    started = performance.now();
    await layoutsSettled();
    const othersMs = performance.now() - started;
    console.log(
      `cold build, passages 2D (UMAP, clusters, labels; map.get -> job -> ready): ${(coldMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `the other three views (documents 2D/3D, passages 3D) built in the background after it: ${(othersMs / 1000).toFixed(2)} s`,
    );
    const views: Array<InputOf<'map.get'>> = [
      { level: 'chunks', dims: 3 },
      { level: 'chunks', dims: 2 },
      { level: 'documents', dims: 2 },
      { level: 'documents', dims: 3 },
      { level: 'chunks', dims: 2 },
    ];
    const measure = async (label: string) => {
      const times: number[] = [];
      for (const view of views) {
        const t = performance.now();
        const answer = await call('map.get', view);
        if (answer.status !== 'ready') throw new Error(`${JSON.stringify(view)} was not ready`);
        encodeWire(answer);
        times.push(performance.now() - t);
      }
      const worst = Math.max(...times);
      console.log(
        `switch (${label}): ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}; worst ${worst.toFixed(0)} ms; worst / cold build = ${(worst / coldMs).toFixed(4)}`,
      );
    };
    await measure('same process, from memory');
    await core.close();
    core = await open();
    await measure('restarted, from the stored layouts on disk');
  } finally {
    await core?.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
