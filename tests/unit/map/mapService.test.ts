import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/events';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import type { MapLayout } from '../../../src/shared/api/methods/map';
import { decodeWire, encodeWire } from '../../../src/shared/api/wire';
import { mapCacheDir } from '../../../src/main/core/store/mapCacheFiles';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { writePdfCorpus } from '../../support/pdfCorpus';

/**
 * The map through the contract on a real core: PDFs ingested with the built-in model into LanceDB on a
 * temp dir, layouts computed in the projection worker, UMAP as a job, caches in index/map.
 */
describe('map.get / map.recompute / map.project on a real library', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-map-'));
  let core: Core;
  const progress: JobProgress[] = [];

  async function openCore(): Promise<Core> {
    const c = await createCore({
      appVersion: 'test',
      dataDir: path.join(root, 'data'),
      libraryDir: path.join(root, 'library'),
      resourcesDir: sourceResourcesDir(),
      threads: 2,
      // 18 documents stay 3D by default, their 36+ passages are above it and open in 2D.
      map3dMaxPoints: 30,
    });
    c.events.on('job.progress', (p) => progress.push(p));
    return c;
  }

  async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    const parsed = contract[method].input.parse(input) as never;
    return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
  }

  async function add(folder: string): Promise<void> {
    const { jobId } = await call('library.add', { paths: [folder] });
    await core.jobs.wait(jobId);
  }

  /** Waits until no layout job is queued or running. */
  async function layoutsSettled(): Promise<void> {
    for (const job of core.jobs.list())
      if (job.kind === 'map.layout' && job.state === 'running')
        await core.jobs.wait(job.jobId).catch(() => {});
  }

  /** map.get, waiting for the UMAP job if one is started. */
  async function ready(input: InputOf<'map.get'>): Promise<MapLayout> {
    const first = await call('map.get', input);
    if (first.status === 'ready') return first.layout;
    await core.jobs.wait(first.jobId);
    const again = await call('map.get', input);
    if (again.status !== 'ready') throw new Error('still computing after the job ended');
    return again.layout;
  }

  const titleOf = (layout: MapLayout, i: number) => layout.docs[layout.doc[i] as number]?.title ?? '';

  beforeAll(async () => {
    core = await openCore();
    // An empty library maps to an empty map, not an error.
    const empty = await call('map.get', { method: 'pca' });
    expect(empty).toMatchObject({ status: 'ready', layout: { points: 0 } });
    writePdfCorpus(path.join(root, 'first'), 18, 2);
    await add(path.join(root, 'first'));
  });

  afterAll(async () => {
    await core?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers PCA at once with coordinates, clusters named by their topics, and hover data', async () => {
    const answer = await call('map.get', { method: 'pca' });
    expect(answer.status).toBe('ready');
    if (answer.status !== 'ready') return;
    const layout = answer.layout;
    expect(layout.points).toBe(18);
    expect(layout.coords).toBeInstanceOf(Float32Array);
    expect(layout.coords.length).toBe(18 * 3);
    expect(layout.explained?.[0]).toBeGreaterThan(0);
    expect(layout.clusters.length).toBeGreaterThanOrEqual(2);
    expect(layout.clusters.reduce((s, c) => s + c.size, 0)).toBe(18);
    // Each cluster's label names topics of its own documents ("Report 3: cooking" -> cooking).
    for (const cluster of layout.clusters) {
      const topics = new Set(
        Array.from(layout.cluster.entries())
          .filter(([, c]) => c === cluster.id)
          .map(([i]) => titleOf(layout, i).split(': ')[1]),
      );
      expect(cluster.terms.some((t) => topics.has(t))).toBe(true);
    }
    expect(layout.snippets[0]).toMatch(/^Document \d+ about /);
    expect(layout.docs[0]?.kind).toBe('pdf');
    // What crosses HTTP: the binary envelope, typed arrays intact, far smaller than the vectors.
    const bytes = encodeWire(answer);
    expect(bytes.byteLength).toBeLessThan(18 * 512 * 4);
    const back = decodeWire(bytes) as typeof answer;
    expect(Array.from(back.layout.coords)).toEqual(Array.from(layout.coords));
  });

  it('computes UMAP as a job with progress, then serves it from its cache (also after a restart)', async () => {
    const first = await call('map.get', {});
    expect(first.status).toBe('computing');
    if (first.status !== 'computing') return;
    // Asking again while it runs joins the same job.
    expect(await call('map.get', {})).toEqual({ status: 'computing', jobId: first.jobId });
    await core.jobs.wait(first.jobId);
    const events = progress.filter((p) => p.jobId === first.jobId);
    expect(events.at(-1)).toMatchObject({ kind: 'map.layout', state: 'done' });
    expect(events.some((p) => p.state === 'running' && p.done > 0 && p.done < p.total)).toBe(true);

    const layout = await ready({});
    expect(layout.method).toBe('umap');
    expect(layout.points).toBe(18);
    expect(
      fs.readdirSync(mapCacheDir(path.join(root, 'library', 'index'))).some((f) => f.startsWith('layout-')),
    ).toBe(true);
    await core.close();
    core = await openCore();
    const reopened = await call('map.get', {});
    expect(reopened.status).toBe('ready');
    if (reopened.status === 'ready') {
      expect(reopened.layout.layoutId).toBe(layout.layoutId);
      expect(Array.from(reopened.layout.coords)).toEqual(Array.from(layout.coords));
    }
  });

  it('builds every view once in the background, so switching answers from the cache at once', async () => {
    await ready({});
    await layoutsSettled();
    // Documents and passages, 2D and 3D: all built by now; each answer is ready without a job.
    // From the cache: every answer is ready at once and no job starts (the time a switch takes is
    // measured by bench:map, not here: a timed test fails on a busy machine).
    const jobsAtStart = core.jobs.list().length;
    for (const input of [{ dims: 2 }, { level: 'chunks' }, { level: 'chunks', dims: 3 }, {}] as const) {
      const answer = await call('map.get', input);
      expect(answer.status).toBe('ready');
    }
    expect(core.jobs.list().length).toBe(jobsAtStart);
    // Without dimensions the passages (more than 30 here) open in 2D, the 18 documents in 3D.
    const chunks = await call('map.get', { level: 'chunks' });
    expect(chunks.status === 'ready' && chunks.layout.dims).toBe(2);
    const docs = await call('map.get', {});
    expect(docs.status === 'ready' && docs.layout.dims).toBe(3);
    // A restarted core answers from the stored views (no worker, no job).
    await core.close();
    core = await openCore();
    const jobsBefore = core.jobs.list().length;
    const again = await call('map.get', { level: 'chunks', dims: 3 });
    expect(again.status).toBe('ready');
    expect(core.jobs.list().length).toBe(jobsBefore);
  });

  it('places new documents into the layout without moving the old ones; recompute starts afresh', async () => {
    const before = await ready({});
    const position = new Map<string, number[]>();
    for (let i = 0; i < before.points; i++)
      position.set(titleOf(before, i), Array.from(before.coords.subarray(i * 3, i * 3 + 3)));

    writePdfCorpus(path.join(root, 'second'), 24, 2); // same topics; files 18..23 are new documents
    for (let i = 0; i < 18; i++)
      fs.rmSync(path.join(root, 'second', fs.readdirSync(path.join(root, 'second')).sort()[0]!));
    await add(path.join(root, 'second'));

    // The layout is brought up to date by a background job (never the old map as if current).
    const after = { layout: await ready({}) };
    expect(after.layout.points).toBe(24);
    expect(after.layout.placed).toBe(6);
    expect(after.layout.layoutId).not.toBe(before.layoutId);
    for (let i = 0; i < after.layout.points; i++) {
      const old = position.get(titleOf(after.layout, i));
      const now = Array.from(after.layout.coords.subarray(i * 3, i * 3 + 3));
      if (old) expect(now).toEqual(old);
    }

    const again = await call('map.recompute', {});
    expect(again.status).toBe('computing');
    const fresh = await ready({});
    expect(fresh.placed).toBe(0);
    expect(fresh.points).toBe(24);
    expect(fresh.layoutId).not.toBe(after.layout.layoutId);
  });

  it('places a query on the map next to the documents about it', async () => {
    const layout = await ready({});
    const projection = await call('map.project', {
      q: 'the circle of fifths orders keys by sharps and flats',
      k: 4,
    });
    expect(projection.layoutId).toBe(layout.layoutId);
    expect(projection.coords).toHaveLength(3);
    expect(projection.hits).toHaveLength(4);
    for (const hit of projection.hits) expect(titleOf(layout, hit.point)).toMatch(/: music$/);
  });

  it('maps passages (chunks) with their page and place in the page, and honours filters', async () => {
    const chunks = await ready({ level: 'chunks', method: 'pca' });
    expect(chunks.points).toBeGreaterThanOrEqual(24 * 2);
    expect(Array.from(chunks.page).every((p) => p === 1 || p === 2)).toBe(true);
    expect(Array.from(chunks.charEnd).every((end, i) => end > (chunks.charStart[i] as number))).toBe(true);
    const filtered = await ready({ method: 'pca', filters: { pathPrefix: path.join(root, 'second') } });
    expect(filtered.points).toBe(6);
    const none = await ready({ method: 'pca', filters: { kinds: ['docx'] } });
    expect(none.points).toBe(0);
  });

  it('cancels a UMAP job', async () => {
    const started = await call('map.recompute', { dims: 2 });
    expect(started.status).toBe('computing');
    if (started.status !== 'computing') return;
    expect((await call('jobs.cancel', { jobId: started.jobId })).cancelled).toBe(true);
    await expect(core.jobs.wait(started.jobId)).rejects.toThrow();
    expect(progress.filter((p) => p.jobId === started.jobId).at(-1)?.state).toBe('cancelled');
  });

  it('refuses a model the library has no vectors of', async () => {
    await expect(call('map.get', { model: 'no-such-model' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
