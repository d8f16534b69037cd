import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { openEmbedder } from '../../../src/main/core/embed/openEmbedder';
import { DEFAULT_MODEL_ID } from '../../../src/main/core/embed/registry';
import { openTokenCounter } from '../../../src/main/core/embed/tokenCounter';
import type { Embedder } from '../../../src/main/core/embed/types';
import { writeTinyBertModelFolder } from '../../support/tinyBert';

// Extraction workers chunk with their own copy of the model's tokenizer (tokenCounter.ts); chunks fit
// the model only if that copy counts exactly as the embed worker does. Both real, side by side.

let root: string;
const opened: Embedder[] = [];

const texts = [
  '',
  '   ',
  'Gliders need lift.',
  'Ünïcödé façade — naïve “quotes” and ﬁ ligatures, ½ and ２ full-width.',
  'NUL\u0000inside and a lone surrogate \ud800 here',
  'emoji 🙂🚀 and CJK 東京 text',
  'x'.repeat(40_000), // past the character cap: cut before counting, on both sides
  `${'word '.repeat(3000)}tail`,
  '\\begin{tabular}{ll} \\toprule a & b \\\\ \\midrule \\end{tabular}',
];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-token-counter-'));
});
afterAll(async () => {
  await Promise.all(opened.map((e) => e.close()));
  await fs.rm(root, { recursive: true, force: true });
});

async function expectSameCounts(embedder: Embedder): Promise<void> {
  expect(embedder.source).toBeDefined();
  const counter = await openTokenCounter(embedder.source!);
  const fromWorker = await Promise.all(texts.map((t) => embedder.countTokens(t)));
  expect(texts.map((t) => counter.count(t))).toEqual(fromWorker);
  expect(fromWorker[7]).toBeGreaterThan(1000); // long texts really are counted in full
}

describe('openTokenCounter', () => {
  it('counts like the built-in model’s embed worker', async () => {
    const dir = path.join(sourceResourcesDir(), 'models', DEFAULT_MODEL_ID);
    const embedder = await openEmbedder({ kind: 'use-lite', dir, id: DEFAULT_MODEL_ID }, { threads: 1 });
    opened.push(embedder);
    await expectSameCounts(embedder);
  });

  it('counts like a Hugging Face model’s embed worker, passage prefix included', async () => {
    const dir = await writeTinyBertModelFolder(path.join(root, 'prefixed'), {
      seed: 3,
      lociModel: { prefixes: { query: 'query: ', passage: 'passage: ' } },
    });
    const embedder = await openEmbedder({ kind: 'hf-onnx', dir }, { threads: 1 });
    opened.push(embedder);
    await expectSameCounts(embedder);
    // The prefix is counted (the same folder without one counts fewer tokens).
    const bare = await openTokenCounter({
      kind: 'hf-onnx',
      dir: await writeTinyBertModelFolder(path.join(root, 'bare'), { seed: 3 }),
    });
    const counter = await openTokenCounter(embedder.source!);
    expect(counter.count('Gliders need lift.')).toBeGreaterThan(bare.count('Gliders need lift.'));
  });

  it('fails as the embedder does on a folder that is not a model', async () => {
    await expect(openTokenCounter({ kind: 'use-lite', dir: root })).rejects.toThrow();
  });
});
