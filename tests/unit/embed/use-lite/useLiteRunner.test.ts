/**
 * The runner as a user of the embedder sees it: (e) the acceptance case, one unit-length vector per
 * text in order whatever the batch holds, well-defined vectors for empty text, truncation reporting,
 * and vectors that do not depend on the rest of the batch.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import {
  buildUseLiteModel,
  type UseLiteManifest,
} from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import {
  createUseLiteRunner,
  type UseLiteRunner,
} from '../../../../src/main/core/embed/use-lite/useLiteRunner';
import { cranfieldQueries, EDGE_SENTENCES } from './parityCorpus';

let outDir: string;
let manifest: UseLiteManifest;
let runner: UseLiteRunner;

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'loci-use-lite-runner-'));
  manifest = (await buildUseLiteModel({ outDir })).manifest;
  runner = await createUseLiteRunner(outDir, { threads: 1 });
});

afterAll(async () => {
  await runner?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('useLiteRunner', () => {
  it('puts paraphrases far closer together than an unrelated sentence (acceptance)', async () => {
    const { vectors } = await runner.embed([
      'How old are you?',
      'What is your age?',
      'Quantum chromodynamics describes quarks.',
    ]);
    const [age1, age2, quarks] = vectors as [Float32Array, Float32Array, Float32Array];
    for (const v of vectors) {
      expect(v).toHaveLength(512);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
    const paraphrase = dot(age1, age2);
    expect(paraphrase).toBeGreaterThan(0.7);
    expect(paraphrase - dot(age1, quarks)).toBeGreaterThan(0.5);
    expect(paraphrase - dot(age2, quarks)).toBeGreaterThan(0.5);
  });

  it('describes itself from the manifest', () => {
    expect(runner.info).toEqual({
      id: 'use-lite',
      name: 'Universal Sentence Encoder Lite',
      kind: 'use-lite',
      dims: 512,
      maxTokens: 128,
      normalized: true,
      fingerprint: manifest.fingerprint,
    });
  });

  it('returns exactly one unit vector per text, in order, with empty texts anywhere in the batch', async () => {
    const texts = ['', 'Heat transfer in slabs.', '', 'Shock waves.', '', ''];
    const { vectors, tokens, truncated } = await runner.embed(texts);
    expect(vectors).toHaveLength(texts.length);
    expect(tokens).toEqual(texts.map((t) => runner.countTokens(t)));
    expect(tokens.filter((n) => n === 0)).toHaveLength(4);
    expect(truncated).toEqual(texts.map(() => false));
    for (const v of vectors) expect(dot(v, v)).toBeCloseTo(1, 5);
    // Every empty text gets the same, well-defined vector: never a zero vector.
    for (const i of [2, 4, 5]) expect(maxDiff(vectors[i]!, vectors[0]!)).toBe(0);
    expect(maxDiff(vectors[1]!, vectors[0]!)).toBeGreaterThan(0.01);
    const alone = await runner.embed(['Heat transfer in slabs.']);
    expect(maxDiff(alone.vectors[0]!, vectors[1]!)).toBeLessThanOrEqual(1e-6);
  });

  it('handles an all-empty batch and an empty call', async () => {
    const allEmpty = await runner.embed(['', '']);
    expect(allEmpty.vectors).toHaveLength(2);
    expect(dot(allEmpty.vectors[0]!, allEmpty.vectors[0]!)).toBeCloseTo(1, 5);
    const mixed = await runner.embed(['x', '']);
    expect(maxDiff(allEmpty.vectors[0]!, mixed.vectors[1]!)).toBe(0);
    expect(await runner.embed([])).toEqual({ vectors: [], tokens: [], truncated: [] });
  });

  it('embeds whitespace-only text as its word-start tokens, distinct from empty text', async () => {
    const { vectors, tokens } = await runner.embed(['   ', '']);
    expect(tokens[0]).toBeGreaterThan(0);
    expect(dot(vectors[0]!, vectors[0]!)).toBeCloseTo(1, 5);
    expect(maxDiff(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.01);
  });

  it('reports tokens before truncation and embeds what the graph itself keeps of a long text', async () => {
    const long = cranfieldQueries().slice(0, 20).join(' ');
    const ids = runner.tokenize(long);
    expect(ids.length).toBeGreaterThan(128);
    const { vectors, tokens, truncated } = await runner.embed([long, 'short text']);
    expect(tokens[0]).toBe(ids.length);
    expect(truncated).toEqual([true, false]);
    expect(runner.countTokens(long)).toBe(ids.length);
    // The untruncated feed through the model: the graph drops positions >= 128 on its own.
    const session = await ort.InferenceSession.create(path.join(outDir, 'model.onnx'), {
      logSeverityLevel: 3,
    });
    const indices = Int32Array.from(ids.flatMap((_, pos) => [0, pos]));
    const out = await session.run({
      indices: new ort.Tensor('int32', indices, [ids.length, 2]),
      values: new ort.Tensor('int32', Int32Array.from(ids), [ids.length]),
    });
    await session.release();
    expect(maxDiff(vectors[0]!, (out.embeddings!.data as Float32Array).slice(0, 512))).toBeLessThanOrEqual(
      1e-6,
    );
  });

  it('gives a text the same vector whatever else is in its batch', async () => {
    const texts = [...EDGE_SENTENCES, ...cranfieldQueries().slice(0, 30), ''];
    const together = await runner.embed(texts);
    const reversed = await runner.embed([...texts].reverse());
    const picks = [0, 5, 17, 40, 60, texts.length - 1];
    for (const i of picks) {
      const alone = await runner.embed([texts[i]!]);
      expect(maxDiff(alone.vectors[0]!, together.vectors[i]!)).toBeLessThanOrEqual(1e-6);
    }
    texts.forEach((_, i) => {
      expect(maxDiff(reversed.vectors[texts.length - 1 - i]!, together.vectors[i]!)).toBeLessThanOrEqual(
        1e-6,
      );
    });
  });
});
