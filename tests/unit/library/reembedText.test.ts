import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { isIndexed } from '../../../src/main/core/store/storeTypes';
import { embeddedTexts } from '../../../src/main/core/ingest/embeddedText';

/**
 * The embedded-text setting (title / headings in the embedded text) and its re-embed offer, like the
 * model-variant offer: a library keeps its vectors when the setting changes, is offered the job, and
 * the job switches every vector at once. Real core: LanceDB, the built-in model, USearch.
 */
const FILES: Record<string, string> = {
  'wings.md': '# Swept wings\n\nThe sweep of a wing delays the rise in drag near the speed of sound.',
  'boundary.md': '# Boundary layers\n\nA laminar boundary layer thickens downstream along a flat plate.',
  'rules.md':
    '# Table rules\n\nUse heavier rules at the top and bottom of a table, a thin one below the head.',
};

let root: string;
let core: Core;

async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const parsed = contract[method].input.parse(input) as never;
  return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
}

/** Every visible chunk's stored vector, by document path, and the chunks' generations. */
async function storedVectors(): Promise<{
  model: string;
  vectors: Map<string, Float32Array>;
  /** The text "title" context embeds for each document's first chunk. */
  titled: Map<string, string>;
  generations: string[];
}> {
  const store = await LibraryStore.open(path.join(root, 'library'), { readonly: true });
  try {
    const [model] = await store.listModels();
    const docs = [...(await store.catalog()).byId.values()].filter((d) => isIndexed(d.status));
    const vectors = new Map<string, Float32Array>();
    const titled = new Map<string, string>();
    const generations: string[] = [];
    for (const doc of docs) {
      const [chunk] = await store.getChunks(doc.id);
      generations.push(doc.generation);
      const v = (await store.vectorsByKeys(model!.id, [chunk!.key])).get(chunk!.key);
      vectors.set(path.basename(doc.path), v!);
      const [text] = await embeddedTexts([chunk!], doc.title, 'title', (t) => t.split(/\s+/).length);
      titled.set(path.basename(doc.path), text!);
    }
    return { model: model!.id, vectors, titled, generations };
  } finally {
    await store.close();
  }
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-reembed-text-'));
  const folder = path.join(root, 'notes');
  fs.mkdirSync(folder);
  for (const [name, text] of Object.entries(FILES)) fs.writeFileSync(path.join(folder, name), text);
  core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const { jobId } = await call('library.add', { paths: [folder] });
  await core.jobs.wait(jobId);
}, 60_000);

afterAll(async () => {
  await core?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('re-embed offer when the embedded-text setting changes', () => {
  it('keeps the vectors when the setting changes, offers the job, and switches every vector when it runs', async () => {
    expect((await call('library.status', {})).reembedText).toBeNull();
    const before = await storedVectors();

    await call('settings.set', { embeddedText: 'title' });
    expect((await call('library.status', {})).reembedText).toEqual({ from: 'none', to: 'title' });
    // Nothing changed yet: the same vectors, the same recipe.
    const kept = await storedVectors();
    expect(kept.generations).toEqual(before.generations);
    for (const [name, v] of before.vectors) expect(kept.vectors.get(name)).toEqual(v);
    expect(await core.library.chunkContext()).toBe('none');

    const { jobId } = await call('library.reembedText', {});
    await core.jobs.wait(jobId);
    expect((await call('library.status', {})).reembedText).toBeNull();
    expect(await core.library.chunkContext()).toBe('title');

    // Every document switched (no mix), and its vector is now that of "title — text".
    const after = await storedVectors();
    expect(after.generations.every((g) => g.endsWith('-title'))).toBe(true);
    const embedder = await core.registry.getEmbedder(after.model);
    for (const [name, v] of after.vectors) {
      const titled = after.titled.get(name)!;
      const [expected] = (await embedder.embed([titled], { purpose: 'passage' })).vectors;
      expect(cosine(v, expected!)).toBeGreaterThan(0.999);
      expect(cosine(v, before.vectors.get(name)!)).toBeLessThan(0.99);
    }

    // Search answers from the new vectors.
    const result = await call('search.query', { q: 'drag of swept wings', mode: 'semantic', k: 3 });
    expect(path.basename(result.results[0]!.path)).toBe('wings.md');
    expect(result.results[0]!.chunkId).toMatch(/-title\.0$/);

    // Nothing left to offer; asking again is NOT_FOUND.
    await expect(call('library.reembedText', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);

  it('a run killed before its commit leaves nothing visible: the next writer removes what it staged', async () => {
    const dir = path.join(root, 'library');
    const before = await storedVectors();
    const writer = await LibraryStore.open(dir);
    const docs = [...(await writer.catalog()).byId.values()].filter((d) => isIndexed(d.status));
    const entries = [];
    for (const doc of docs) entries.push({ doc, chunks: await writer.getChunks(doc.id), vectors: [] });
    const staged = await writer.stageDocuments(entries, 'title-headings');
    expect(staged.every((d) => d.generation.endsWith('-title-headings'))).toBe(true);
    await writer.close(); // killed here: never committed

    const reopened = await LibraryStore.open(dir);
    expect(reopened.recovery.orphanChunks).toBe(staged.reduce((n, d) => n + d.chunkCount, 0));
    expect(await reopened.chunkContext()).toBe('title');
    await reopened.close();
    expect((await storedVectors()).generations).toEqual(before.generations);
  }, 30_000);
});
