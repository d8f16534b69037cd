import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import { createCore, type Core } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import {
  createModelRegistry,
  DEFAULT_MODEL_ID,
  type ModelRegistry,
} from '../../src/main/core/embed/registry';
import type { EmbedOptions, Embedder } from '../../src/main/core/embed/types';
import { embedOnce, textHash, VectorReuse } from '../../src/main/core/library/reusedVectors';
import { LibraryStore } from '../../src/main/core/store/libraryStore';
import { checkLibraryInvariants } from '../support/libraryInvariants';
import { makeTempDir } from '../support/tempDir';

// Identical chunk texts are embedded once, with the real built-in model: within one call, across the
// documents of a job, against the stored chunks of a file's previous version and of a stored copy,
// and against any stored chunk of an earlier job (boilerplate).

const tmp = makeTempDir('loci-reuse-');
let registry: ModelRegistry;
let model: Embedder;

beforeAll(async () => {
  registry = createModelRegistry({ dataDir: path.join(tmp.dir, 'data'), resourcesDir: sourceResourcesDir() });
  // The model a new library is embedded with (its stored vectors are compared with this one's).
  model = await registry.getEmbedder(DEFAULT_MODEL_ID);
});
afterAll(async () => {
  await registry.closeAll();
  tmp.cleanup();
});

/** The real model, counting the texts it is asked to embed (every call goes through to it). */
function counted(embedder: Embedder): { embedder: Embedder; texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    embedder: {
      ...embedder,
      embed: (batch: readonly string[], options: EmbedOptions) => {
        texts.push(...batch);
        return embedder.embed(batch, options);
      },
    },
  };
}

const cosine = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('embedOnce', () => {
  it('sends each distinct text to the model once and gives repeats the same vector', async () => {
    const { embedder, texts: seen } = counted(model);
    const reuse = new VectorReuse();
    const texts = ['Page 3 of 10', 'Gliders need lift.', 'Page 3 of 10', 'Page 3 of 10', 'Wings bend.'];
    const first = await embedOnce(embedder, texts, texts.map(textHash), reuse);
    expect(seen).toEqual(['Page 3 of 10', 'Gliders need lift.', 'Wings bend.']);
    expect(first).toMatchObject({ embedded: 3, reused: 2 });
    expect([...first.vectors[2]!]).toEqual([...first.vectors[0]!]);
    expect([...first.vectors[3]!]).toEqual([...first.vectors[0]!]);

    // A later call (the next document) reuses what the job has seen; only the new text is embedded.
    const next = ['Wings bend.', 'Page 3 of 10', 'Tails steer.'];
    const second = await embedOnce(embedder, next, next.map(textHash), reuse);
    expect(seen.slice(3)).toEqual(['Tails steer.']);
    expect(second).toMatchObject({ embedded: 1, reused: 2 });
    expect([...second.vectors[1]!]).toEqual([...first.vectors[0]!]);

    // The reused vector is the text's own vector: embedded alone it agrees.
    const alone = (await model.embed(['Page 3 of 10'], { purpose: 'passage' })).vectors[0]!;
    expect(cosine(alone, second.vectors[1]!)).toBeGreaterThan(0.99999);
  });

  it('never lends a vector across model fingerprints', async () => {
    const reuse = new VectorReuse();
    reuse.set('other-model', textHash('Gliders need lift.'), new Float32Array(model.info.dims).fill(1));
    const { embedder, texts: seen } = counted(model);
    const out = await embedOnce(embedder, ['Gliders need lift.'], [textHash('Gliders need lift.')], reuse);
    expect(seen).toEqual(['Gliders need lift.']);
    expect(out.vectors[0]![0]).not.toBe(1);
  });

  it('forgets the least recently used text beyond its capacity', () => {
    const reuse = new VectorReuse(2);
    const v = new Float32Array(2);
    reuse.set('m', 'a', v);
    reuse.set('m', 'b', v);
    reuse.get('m', 'a'); // a is now the most recent
    reuse.set('m', 'c', v);
    expect(reuse.get('m', 'b')).toBeUndefined();
    expect(reuse.get('m', 'a')).toBe(v);
    expect(reuse.size).toBe(2);
  });
});

describe('ingest embeds repeated chunk texts once', () => {
  const licence =
    'This manual may be distributed under the LaTeX Project Public Licence, version 1.3c or later.';
  const doc = (topic: string, extra = '') =>
    `# ${topic}\n\n${topic} are described here in some detail for the reader.${extra}\n\n## Licence\n\n${licence}\n`;

  async function run(core: Core, start: 'library.add' | 'library.sync', paths: string[] = []) {
    const { jobId } =
      start === 'library.add'
        ? await core.handlers['library.add']({ paths })
        : await core.handlers['library.sync']({});
    return (await core.jobs.wait(jobId)) as IngestSummary;
  }

  /** Every stored vector of the model, by chunk text (texts that repeat must map to one vector). */
  async function vectorsByText(libraryDir: string): Promise<Map<string, Float32Array[]>> {
    const store = await LibraryStore.open(libraryDir, { readonly: true });
    try {
      const out = new Map<string, Float32Array[]>();
      for (const doc of await store.listDocuments()) {
        const chunks = await store.getChunks(doc.id);
        const vectors = await store.vectorsByKeys(
          DEFAULT_MODEL_ID,
          chunks.map((c) => c.key),
        );
        for (const c of chunks) out.set(c.text, [...(out.get(c.text) ?? []), vectors.get(c.key)!]);
      }
      return out;
    } finally {
      await store.close();
    }
  }

  it('within a job, against an edited file’s previous version, a stored copy and an earlier job’s chunks', async () => {
    const docs = path.join(tmp.dir, 'docs');
    const later = path.join(tmp.dir, 'later');
    fs.mkdirSync(docs, { recursive: true });
    fs.mkdirSync(later, { recursive: true });
    for (const topic of ['Gliders', 'Rotors', 'Balloons'])
      fs.writeFileSync(path.join(docs, `${topic}.md`), doc(topic));
    const libraryDir = path.join(tmp.dir, 'library');
    const core = await createCore({
      appVersion: 't',
      dataDir: path.join(tmp.dir, 'core-data'),
      libraryDir,
      resourcesDir: sourceResourcesDir(),
    });
    try {
      // Three documents of two chunks each, the licence chunk identical in all three.
      const first = await run(core, 'library.add', [docs]);
      expect(first).toMatchObject({ added: 3, chunks: 6 });
      expect(first.budget).toMatchObject({ embeddedChunks: 4, reusedChunks: 2 });
      const stored = await vectorsByText(libraryDir);
      const licenceChunk = [...stored.keys()].find((t) => t.endsWith(licence))!;
      const copies = stored.get(licenceChunk)!;
      expect(copies).toHaveLength(3);
      expect([...copies[1]!]).toEqual([...copies[0]!]);
      expect([...copies[2]!]).toEqual([...copies[0]!]);
      const alone = (await model.embed([licenceChunk], { purpose: 'passage' })).vectors[0]!;
      expect(cosine(alone, copies[0]!)).toBeGreaterThan(0.99999);

      // An edited file: its unchanged chunks come from its stored previous version; only the changed
      // chunk goes to the model (the licence chunk is known from the store, not from this job).
      fs.writeFileSync(path.join(docs, 'Rotors.md'), doc('Rotors', ' Blades are twisted.'));
      const edited = await run(core, 'library.sync');
      expect(edited).toMatchObject({ updated: 1, chunks: 2 });
      expect(edited.budget).toMatchObject({ embeddedChunks: 1, reusedChunks: 1 });

      // The same file at another path, added later: every chunk comes from the stored copy.
      fs.copyFileSync(path.join(docs, 'Gliders.md'), path.join(later, 'Gliders copy.md'));
      const copy = await run(core, 'library.add', [later]);
      expect(copy).toMatchObject({ added: 1, chunks: 2 });
      expect(copy.budget).toMatchObject({ embeddedChunks: 0, reusedChunks: 2 });
      const after = await vectorsByText(libraryDir);
      const gliders = [...after.keys()].find((t) => t.includes('Gliders are described'))!;
      expect(after.get(gliders)).toHaveLength(2);
      expect([...after.get(gliders)![1]!]).toEqual([...after.get(gliders)![0]!]);

      // A new, different file that shares the licence chunk with documents stored by EARLIER jobs
      // (not its own previous version, not a copy): the licence vector comes from the store.
      const kites = path.join(tmp.dir, 'kites');
      fs.mkdirSync(kites);
      fs.writeFileSync(path.join(kites, 'Kites.md'), doc('Kites'));
      const boilerplate = await run(core, 'library.add', [kites]);
      expect(boilerplate).toMatchObject({ added: 1, chunks: 2 });
      expect(boilerplate.budget).toMatchObject({ embeddedChunks: 1, reusedChunks: 1 });
      const licences = (await vectorsByText(libraryDir)).get(licenceChunk)!;
      expect(licences).toHaveLength(5);
      for (const v of licences) expect([...v]).toEqual([...copies[0]!]);
    } finally {
      await core.close();
    }
    expect((await checkLibraryInvariants(libraryDir)).problems).toEqual([]);
  });
});
