/**
 * Switching the default between use-lite (fp32) and use-lite-int8 on a real core (LanceDB on a temp dir,
 * both built-in models on ONNX Runtime): a library embedded with one variant keeps searching and
 * ingesting with it (never a second variant covering only new documents, never a query of one variant
 * against vectors of the other), is offered the re-embed, and the re-embed job replaces the vectors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import type { EmbedLibrarySummary } from '../../../src/main/core/library/embedWithModel';

let root: string;
let core: Core;

const notes = [
  ['wings.txt', 'Swept wings delay the rise in drag near the speed of sound on transonic aircraft.'],
  ['bread.txt', 'Sourdough bread rises slowly because wild yeast ferments the dough overnight.'],
  ['stars.txt', 'Neutron stars are the collapsed cores of massive stars after a supernova.'],
] as const;

async function add(file: string, text: string): Promise<void> {
  const dir = path.join(root, 'notes');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), `${text}\n`);
  await core.jobs.wait((await core.handlers['library.add']({ paths: [dir] })).jobId);
}

async function storedModels(): Promise<Record<string, number>> {
  const status = await core.handlers['library.status']({});
  return Object.fromEntries(status.models.map((m) => [m.id, m.vectors]));
}

async function semanticTop(q: string): Promise<{ model: string; top: string | undefined }> {
  const r = await core.search.search({
    q,
    k: 3,
    mode: 'semantic',
    filters: {},
    groupBy: 'document',
    offset: 0,
  });
  if (r.empty) throw new Error('empty library');
  return { model: r.model, top: r.response.hits[0]?.path && path.basename(r.response.hits[0].path) };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-variants-'));
  core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  await core.handlers['settings.set']({ defaultModel: 'use-lite' });
  for (const [file, text] of notes.slice(0, 2)) await add(file, text);
});

afterAll(async () => {
  await core?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('use-lite variants in a library', () => {
  it('a library embedded with fp32 stays on fp32 after the default becomes int8, and is offered the re-embed', async () => {
    expect(await storedModels()).toEqual({ 'use-lite': 2 });
    await core.handlers['settings.set']({ defaultModel: 'use-lite-int8' });
    const status = await core.handlers['library.status']({});
    expect(status.reembed).toEqual({ from: 'use-lite', to: 'use-lite-int8' });
    expect(await semanticTop('aircraft drag at transonic speed')).toEqual({
      model: 'use-lite',
      top: 'wings.txt',
    });

    // New documents are embedded with the library's variant only: no int8 vectors for a part of it.
    await add(...notes[2]);
    expect(await storedModels()).toEqual({ 'use-lite': 3 });
    expect(await semanticTop('collapsed stellar cores')).toEqual({ model: 'use-lite', top: 'stars.txt' });
  });

  it('the re-embed job embeds every document with int8 and drops the fp32 vectors', async () => {
    const { jobId } = await core.handlers['models.embedLibrary']({ model: 'use-lite-int8' });
    const summary = (await core.jobs.wait(jobId)) as EmbedLibrarySummary;
    expect(summary).toMatchObject({
      model: 'use-lite-int8',
      embedded: 3,
      cancelled: false,
      replaced: ['use-lite'],
    });
    expect(await storedModels()).toEqual({ 'use-lite-int8': 3 });
    expect((await core.handlers['library.status']({})).reembed).toBeNull();
    expect(await semanticTop('aircraft drag at transonic speed')).toEqual({
      model: 'use-lite-int8',
      top: 'wings.txt',
    });
  });

  it('a query of one variant is never run against the other variant’s vectors: search refuses it', async () => {
    const explicit = core.search.search({
      q: 'aircraft drag',
      k: 3,
      mode: 'semantic',
      filters: {},
      groupBy: 'document',
      offset: 0,
      model: 'use-lite',
    });
    await expect(explicit).rejects.toMatchObject({ code: 'MODEL_NOT_INDEXED' });
    // Keyword search does not involve vectors and still answers.
    const keyword = await core.search.search({
      q: 'sourdough',
      k: 3,
      mode: 'keyword',
      filters: {},
      groupBy: 'document',
      offset: 0,
      model: 'use-lite',
    });
    expect(keyword.empty ? [] : keyword.response.hits.map((h) => path.basename(h.path))).toEqual([
      'bread.txt',
    ]);
  });
});
