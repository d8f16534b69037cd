/**
 * The optional int8 conversion (`quantizeWeights`): smaller, and its vectors stay close to the float
 * model's (it is not shipped by default; these numbers are what an opt-in would trade).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import { useLiteSource } from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import { convertTfjsGraph } from '../../../../src/main/core/embed/use-lite/convertTfjsGraph';
import { SentencePieceTokenizer } from '../../../../src/main/core/embed/use-lite/sentencePiece';
import { loadTfjsModel } from '../../../../src/main/core/embed/use-lite/tfjsModelFiles';
import {
  useLiteRunnerFromSession,
  type UseLiteRunner,
} from '../../../../src/main/core/embed/use-lite/useLiteRunner';
import { cranfieldQueries, EDGE_SENTENCES } from './parityCorpus';

const outputs = { embeddings: 'module_apply_default/Encoder_en/hidden_layers/l2_normalize' };
const info = {
  id: 'use-lite',
  name: 'test',
  kind: 'use-lite' as const,
  dims: 512,
  maxTokens: 128,
  normalized: true,
  fingerprint: 'test',
};
let floatRunner: UseLiteRunner;
let int8Runner: UseLiteRunner;
let sizes: { float: number; int8: number };

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

beforeAll(async () => {
  const dir = (await useLiteSource()).dir;
  const model = await loadTfjsModel(dir);
  const float = convertTfjsGraph(model, { outputs });
  const int8 = convertTfjsGraph(model, { outputs, quantizeWeights: true });
  sizes = { float: float.bytes.length, int8: int8.bytes.length };
  const vocab = JSON.parse(await readFile(path.join(dir, 'vocab.json'), 'utf8')) as [string, number][];
  const tokenizer = new SentencePieceTokenizer(vocab);
  const open = (bytes: Uint8Array) => ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  floatRunner = useLiteRunnerFromSession(await open(float.bytes), tokenizer, info);
  int8Runner = useLiteRunnerFromSession(await open(int8.bytes), tokenizer, info);
});

afterAll(async () => {
  await floatRunner?.close();
  await int8Runner?.close();
});

describe('int8 weight quantisation (opt-in)', () => {
  it('halves the file and keeps every vector within cosine 0.995 of the float model', async () => {
    expect(sizes.int8).toBeLessThan(sizes.float * 0.55);
    const texts = [...cranfieldQueries().slice(0, 60), ...EDGE_SENTENCES];
    const a = await floatRunner.embed(texts);
    const b = await int8Runner.embed(texts);
    const cosines = a.vectors.map((v, i) => dot(v, b.vectors[i]!));
    expect(Math.min(...cosines)).toBeGreaterThan(0.995);
    for (const v of b.vectors) expect(dot(v, v)).toBeCloseTo(1, 4);
  });

  it('still separates paraphrases from unrelated text', async () => {
    const { vectors } = await int8Runner.embed([
      'How old are you?',
      'What is your age?',
      'Quantum chromodynamics describes quarks.',
    ]);
    const [x, y, z] = vectors as [Float32Array, Float32Array, Float32Array];
    expect(dot(x, y) - Math.max(dot(x, z), dot(y, z))).toBeGreaterThan(0.5);
  });
});
