import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedError } from '../../../src/main/core/embed/embedError';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import type { Embedder } from '../../../src/main/core/embed/types';
import { writeTinyBertModelFolder } from '../../support/tinyBert';

let root: string;
let dir: string;
let embedder: Embedder;

const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
const words = ['lift', 'drag', 'wing', 'flow', 'shock', 'boundary', 'layer', 'heat', 'pressure', 'nozzle'];
/** Deterministic texts of varied length (1 to 60 words). */
const textAt = (i: number): string =>
  Array.from({ length: 1 + ((i * 7) % 60) }, (_, k) => words[(i + k * 3) % words.length]).join(' ');

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-embed-inputs-'));
  dir = await writeTinyBertModelFolder(path.join(root, 'm'), { hidden: 64, layers: 1, seed: 5 });
  embedder = await openEmbedder({ kind: 'hf-onnx', dir }, { threads: 1 });
});

afterAll(async () => {
  await embedder?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('embedder input handling', () => {
  it('rejects non-strings and bad purposes with INVALID_INPUT, naming the culprit', async () => {
    const bad = ['fine', 42] as unknown as string[];
    await expect(embedder.embed(bad, { purpose: 'passage' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'text 1 is number, expected a string',
    });
    await expect(
      embedder.embed([null] as unknown as string[], { purpose: 'passage' }),
    ).rejects.toBeInstanceOf(EmbedError);
    await expect(
      embedder.embed('just a string' as unknown as string[], { purpose: 'passage' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(embedder.embed(['x'], { purpose: 'document' as 'passage' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(embedder.countTokens(undefined as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('embeds an empty list to an empty result', async () => {
    expect(await embedder.embed([], { purpose: 'query' })).toEqual({
      vectors: [],
      tokens: [],
      truncated: [],
    });
  });

  it('treats NUL as a space and lone surrogates as U+FFFD', async () => {
    const r = await embedder.embed(
      ['shock\u0000wave', 'shock wave', 'lift \uD83D drag', 'lift \uFFFD drag'],
      { purpose: 'passage' },
    );
    for (const v of r.vectors) expect(v.every(Number.isFinite)).toBe(true);
    expect(maxDiff(r.vectors[0]!, r.vectors[1]!)).toBeLessThan(1e-6);
    expect(maxDiff(r.vectors[2]!, r.vectors[3]!)).toBeLessThan(1e-6);
  });

  it('cuts a 1 MB text before tokenising and reports it truncated', async () => {
    const huge = 'pressure '.repeat(120_000); // ~1 MB
    const start = performance.now();
    const r = await embedder.embed([huge, 'pressure'], { purpose: 'passage' });
    expect(r.truncated).toEqual([true, false]);
    // Tokens are counted on the first charCap characters only: far fewer than the 120,000 words.
    expect(r.tokens[0]).toBeGreaterThan(128);
    expect(r.tokens[0]).toBeLessThan(20_000);
    expect(performance.now() - start).toBeLessThan(30_000);
    // Trailing whitespace past the cap is not content: such a text is not reported as truncated.
    const padded = await embedder.embed(['pressure' + ' '.repeat(1_000_000)], { purpose: 'passage' });
    expect(padded.truncated).toEqual([false]);
  });

  it('embeds 10,000 texts in input order', async () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => textAt(i));
    const r = await embedder.embed(texts, { purpose: 'passage' });
    expect(r.vectors).toHaveLength(10_000);
    const sample = [0, 1, 2, 255, 256, 4999, 9998, 9999];
    const single = await embedder.embed(
      sample.map((i) => texts[i]!),
      { purpose: 'passage' },
    );
    sample.forEach((i, k) => {
      expect(maxDiff(r.vectors[i]!, single.vectors[k]!)).toBeLessThan(1e-5);
      expect(r.tokens[i]).toBe(single.tokens[k]);
    });
  });

  it('serves many concurrent callers, each with its own results', async () => {
    const calls = Array.from({ length: 24 }, (_, c) =>
      Array.from({ length: 1 + (c % 5) }, (_, k) => textAt(c * 10 + k)),
    );
    const together = await Promise.all(
      calls.map((texts, c) => embedder.embed(texts, { purpose: c % 2 ? 'query' : 'passage' })),
    );
    for (const [c, texts] of calls.entries()) {
      const alone = await embedder.embed(texts, { purpose: c % 2 ? 'query' : 'passage' });
      texts.forEach((_, k) =>
        expect(maxDiff(together[c]!.vectors[k]!, alone.vectors[k]!)).toBeLessThan(1e-5),
      );
    }
  });

  it('aborts a long call with an AbortError and keeps serving others', async () => {
    const already = AbortSignal.abort();
    await expect(embedder.embed(['x'], { purpose: 'query', signal: already })).rejects.toMatchObject({
      name: 'AbortError',
    });

    const controller = new AbortController();
    const texts = Array.from({ length: 5_000 }, (_, i) => textAt(i));
    const long = embedder.embed(texts, { purpose: 'passage', signal: controller.signal });
    const other = embedder.embed(['shock wave'], { purpose: 'query' });
    setTimeout(() => controller.abort(), 20);
    await expect(long).rejects.toMatchObject({ name: 'AbortError' });
    expect((await other).vectors).toHaveLength(1);
    expect((await embedder.embed(['after the abort'], { purpose: 'query' })).vectors).toHaveLength(1);
  });

  it('rejects calls after close with EMBEDDER_CLOSED, and fails calls in flight the same way', async () => {
    const e = await openEmbedder({ kind: 'hf-onnx', dir }, { threads: 1 });
    const inFlight = e
      .embed(
        Array.from({ length: 2_000 }, (_, i) => textAt(i)),
        { purpose: 'passage' },
      )
      .catch((err: unknown) => err);
    await e.close();
    expect(await inFlight).toMatchObject({ code: 'EMBEDDER_CLOSED' });
    await expect(e.embed(['x'], { purpose: 'query' })).rejects.toMatchObject({ code: 'EMBEDDER_CLOSED' });
    await e.close();
  });
});
