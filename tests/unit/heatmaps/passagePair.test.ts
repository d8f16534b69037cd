import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { makePdf } from '../../support/makePdf';
import { topics } from '../similarity/topicCorpus';

const music = [
  'The orchestra tuned to the oboe before the conductor raised the baton.',
  'A fugue repeats its theme in every voice, one entry after another.',
  'The string quartet rehearsed the slow movement until the phrasing breathed.',
  'Jazz musicians improvise over the chord changes of a standard tune.',
].join(' ');
const tax = [
  'The tax return lists income, deductions and the credits the household may claim.',
  'Value added tax is collected at every stage of production and sale.',
  'An accountant reconciles the ledger before the annual audit of the company.',
  'Capital gains are taxed when the shares are sold, not while they are held.',
].join(' ');
const sentences = (topic: keyof typeof topics, from: number) =>
  Array.from({ length: 4 }, (_, i) => topics[topic][(from + i) % topics[topic].length]).join(' ');

// heatmap.pair on a real core (LanceDB, use-lite on ONNX Runtime): two PDFs that share one topic on
// different pages; the matching passages are on those pages, not on page 1.
describe('heatmap.pair: where two documents are most alike', () => {
  let root: string;
  let core: Core;
  const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> =>
    (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(
      contract[method].input.parse(input) as never,
    );
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-pair-'));
    const docs = path.join(root, 'docs');
    fs.mkdirSync(docs);
    // A: rivers, baking, aviation (p. 3). B: music, aviation (p. 2), tax. C: aviation elsewhere.
    fs.writeFileSync(
      path.join(docs, 'a.pdf'),
      makePdf([sentences('river', 0), sentences('baking', 0), sentences('aviation', 0)], { title: 'A' }),
    );
    fs.writeFileSync(
      path.join(docs, 'b.pdf'),
      makePdf([music, sentences('aviation', 2), tax], { title: 'B' }),
    );
    fs.writeFileSync(path.join(docs, 'c.pdf'), makePdf([tax, music, sentences('river', 4)], { title: 'C' }));
    core = await createCore({
      appVersion: 'test',
      dataDir: path.join(root, 'data'),
      libraryDir: path.join(root, 'library'),
      resourcesDir: sourceResourcesDir(),
      threads: 2,
    });
    const { jobId } = await call('library.add', { paths: [docs] });
    await core.jobs.wait(jobId);
    const list = await call('library.documents', {});
    for (const d of list.items) ids[path.basename(d.path)] = d.id;
  });
  afterAll(async () => {
    await core?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('finds the shared topic: page 3 of A and page 2 of B, with their text and ranges', async () => {
    const { match } = await call('heatmap.pair', { a: ids['a.pdf']!, b: ids['b.pdf']! });
    expect(match).not.toBeNull();
    expect(match!.a.page).toBe(3);
    expect(match!.b.page).toBe(2);
    expect(match!.a.text).toContain(topics.aviation[0].slice(0, 30));
    expect(match!.a.charEnd).toBeGreaterThan(match!.a.charStart);
    expect(match!.score).toBeGreaterThan(0);
    expect(match!.score).toBeLessThanOrEqual(1);
  });

  it('is symmetric, and pairs other topics where they are shared (B and C: music and tax)', async () => {
    const { match } = await call('heatmap.pair', { a: ids['b.pdf']!, b: ids['a.pdf']! });
    expect([match!.a.page, match!.b.page]).toEqual([2, 3]);
    const bc = (await call('heatmap.pair', { a: ids['b.pdf']!, b: ids['c.pdf']! })).match!;
    // Music (B p. 1, C p. 2) or tax (B p. 3, C p. 1): the same text on both sides, never page 1 blindly.
    expect([
      [1, 2],
      [3, 1],
    ]).toContainEqual([bc.a.page, bc.b.page]);
    expect(bc.score).toBeGreaterThan(0.9);
  });

  it('heatmap.query: the query row is the vector the results were ranked with', async () => {
    // Semantic mode embeds a query's content words: a question and its content words rank alike,
    // and their rows must be alike too (they were not while the row embedded the question as typed).
    const row = async (q: string, mode: 'semantic' | 'hybrid') => {
      const h = await call('heatmap.get', { kind: 'query', q, k: 4, mode });
      if (h.kind !== 'query') throw new Error(h.kind);
      // Query row against each hit, by chunk (two hits holding the same text tie, in either order).
      const values = h.values.slice(1, h.rows.length);
      return new Map(h.rows.slice(1).map((r, i) => [r.id, values[i]!]));
    };
    const question = await row('what is the tax on the shares of a company', 'semantic');
    const words = await row('tax shares company', 'semantic');
    expect([...question.keys()].sort()).toEqual([...words.keys()].sort());
    for (const [id, v] of question) expect(v).toBeCloseTo(words.get(id)!, 5);
    // Hybrid embeds the whole question: there the two differ.
    const hybrid = await row('what is the tax on the shares of a company', 'hybrid');
    expect([...hybrid].some(([id, v]) => words.has(id) && Math.abs(v - words.get(id)!) > 1e-3)).toBe(true);
  });

  it('refuses an unknown document as NOT_FOUND', async () => {
    await expect(call('heatmap.pair', { a: ids['a.pdf']!, b: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
