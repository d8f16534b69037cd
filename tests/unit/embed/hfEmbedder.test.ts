import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ort } from '../../../src/main/core/embed/loadOrt';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import type { Embedder } from '../../../src/main/core/embed/types';
import { miniLmTokenizerPath, writeTinyBertModelFolder } from '../../support/tinyBert';

let root: string;
let mean: Embedder;
let cls: Embedder;
let tokenizer: Tokenizer;

const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const maxDiff = (a: Float32Array, b: Float32Array): number =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

/** The model run directly through ONNX Runtime on one unpadded text: the reference for pooling. */
async function referenceTokenVectors(
  dir: string,
  text: string,
): Promise<{ hidden: Float32Array; seq: number; dims: number }> {
  const session = await ort.InferenceSession.create(path.join(dir, 'model.onnx'));
  const ids = tokenizer.encode(text).ids;
  const t = (values: number[]) =>
    new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);
  const out = await session.run({
    input_ids: t(ids),
    attention_mask: t(ids.map(() => 1)),
    token_type_ids: t(ids.map(() => 0)),
  });
  const hidden = out.last_hidden_state!;
  await session.release();
  return { hidden: hidden.data as Float32Array, seq: ids.length, dims: hidden.dims[2]! };
}

function normalized(v: Float32Array): Float32Array {
  const n = norm(v);
  return v.map((x) => x / n);
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-hf-embed-'));
  tokenizer = new Tokenizer(JSON.parse(await fs.readFile(miniLmTokenizerPath(), 'utf8')), {});
  const meanDir = await writeTinyBertModelFolder(path.join(root, 'mean'), {
    seed: 7,
    pooling: 'mean',
    maxSeqLength: 16,
  });
  const clsDir = await writeTinyBertModelFolder(path.join(root, 'cls'), {
    seed: 7,
    pooling: 'cls',
    maxSeqLength: 16,
  });
  [mean, cls] = await Promise.all([
    openEmbedder({ kind: 'hf-onnx', dir: meanDir }),
    openEmbedder({ kind: 'hf-onnx', dir: clsDir }),
  ]);
});

afterAll(async () => {
  await Promise.all([mean?.close(), cls?.close()]);
  await fs.rm(root, { recursive: true, force: true });
});

describe('Hugging Face folder embedder', () => {
  it('returns one normalised vector of the model width per text, with token counts', async () => {
    const texts = ['hello world', 'boundary layer transition', ''];
    const r = await mean.embed(texts, { purpose: 'passage' });
    expect(mean.info).toMatchObject({ kind: 'hf-onnx', dims: 128, maxTokens: 16, normalized: true });
    expect(mean.info.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.vectors).toHaveLength(3);
    for (const v of r.vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(128);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(r.tokens).toEqual(texts.map((t) => tokenizer.encode(t).ids.length));
    expect(r.truncated).toEqual([false, false, false]);
    expect(await mean.countTokens('hello world')).toBe(4);
  });

  it('pools the mean of the token vectors, or the CLS vector, as 1_Pooling/config.json says', async () => {
    const text = 'pressure distribution on a wing';
    const ref = await referenceTokenVectors(path.join(root, 'mean'), text);
    const expectedMean = new Float32Array(ref.dims);
    for (let t = 0; t < ref.seq; t++)
      for (let d = 0; d < ref.dims; d++) expectedMean[d]! += ref.hidden[t * ref.dims + d]! / ref.seq;
    const expectedCls = ref.hidden.slice(0, ref.dims);

    const [m] = (await mean.embed([text], { purpose: 'passage' })).vectors;
    const [c] = (await cls.embed([text], { purpose: 'passage' })).vectors;
    expect(maxDiff(m!, normalized(expectedMean))).toBeLessThan(1e-5);
    expect(maxDiff(c!, normalized(expectedCls))).toBeLessThan(1e-5);
    expect(maxDiff(m!, c!)).toBeGreaterThan(0.01);
  });

  it('gives a text the same vector alone and padded in a batch next to a much longer text', async () => {
    const short = 'shock wave';
    const long = 'the effect of a normal shock wave on the turbulent boundary layer of a flat plate';
    const alone = (await mean.embed([short], { purpose: 'passage' })).vectors[0]!;
    const batched = await mean.embed([long, short, long], { purpose: 'passage' });
    expect(maxDiff(alone, batched.vectors[1]!)).toBeLessThan(1e-6);
    expect(maxDiff(batched.vectors[0]!, batched.vectors[2]!)).toBeLessThan(1e-6);
    expect(maxDiff(alone, batched.vectors[0]!)).toBeGreaterThan(0.01);
  });

  it('truncates at the model length, keeps the closing special token, and flags it', async () => {
    // Every word below is one WordPiece token; with [CLS] and [SEP] a text of n words is n + 2 tokens.
    const words =
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen'.split(
        ' ',
      );
    const fits = words.slice(0, 14).join(' ');
    const over = words.join(' ');
    const r = await mean.embed([fits, over], { purpose: 'passage' });
    expect(r.tokens).toEqual([16, 18]);
    expect(r.truncated).toEqual([false, true]);
    // The model sees the first 14 words of the long text, exactly like the text that fits.
    expect(maxDiff(r.vectors[0]!, r.vectors[1]!)).toBeLessThan(1e-6);
  });

  it('is deterministic across calls and across sessions', async () => {
    const texts = ['lift and drag', 'heat transfer in hypersonic flow'];
    const a = await mean.embed(texts, { purpose: 'query' });
    const b = await mean.embed(texts, { purpose: 'query' });
    const again = await openEmbedder({ kind: 'hf-onnx', dir: path.join(root, 'mean') });
    try {
      const c = await again.embed(texts, { purpose: 'query' });
      expect(again.info.fingerprint).toBe(mean.info.fingerprint);
      texts.forEach((_, i) => {
        expect(Array.from(b.vectors[i]!)).toEqual(Array.from(a.vectors[i]!));
        expect(Array.from(c.vectors[i]!)).toEqual(Array.from(a.vectors[i]!));
      });
    } finally {
      await again.close();
    }
  });

  it('reads a pooled sentence_embedding output when the model has one', async () => {
    const dir = await writeTinyBertModelFolder(path.join(root, 'pooled'), {
      seed: 7,
      output: 'sentence_embedding',
      pooling: null,
      maxSeqLength: 16,
    });
    const pooled = await openEmbedder({ kind: 'hf-onnx', dir });
    try {
      const texts = ['compressible flow', 'a slender body of revolution at incidence'];
      const p = await pooled.embed(texts, { purpose: 'passage' });
      const m = await mean.embed(texts, { purpose: 'passage' });
      texts.forEach((_, i) => expect(maxDiff(p.vectors[i]!, m.vectors[i]!)).toBeLessThan(1e-5));
    } finally {
      await pooled.close();
    }
  });

  it('opens a second, wider model side by side with its own fingerprint', async () => {
    const dir = await writeTinyBertModelFolder(path.join(root, 'wide'), {
      hidden: 384,
      layers: 1,
      seed: 3,
      name: 'tiny-bert-384',
    });
    const wide = await openEmbedder({ kind: 'hf-onnx', dir });
    try {
      expect(wide.info).toMatchObject({ id: 'tiny-bert-384', dims: 384, maxTokens: 128 });
      expect(wide.info.fingerprint).not.toBe(mean.info.fingerprint);
      const [v] = (await wide.embed(['hello'], { purpose: 'query' })).vectors;
      expect(v!.length).toBe(384);
    } finally {
      await wide.close();
    }
  });
});
