/**
 * The static int8 build of use-lite (`use-lite-int8`, built by buildUseLiteModel with the committed
 * activation ranges): close to the float model, and batch-independent to the bit — a text's vector is
 * the same alone and inside any batch, through the real engine (worker, length batching, ONNX Runtime
 * with the engine's session options) and under every graph optimisation level and thread count.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import { openEmbedder } from '../../../../src/main/core/embed/openEmbedder';
import type { Embedder } from '../../../../src/main/core/embed/types';
import { buildUseLiteModel, USE_LITE_IDS } from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import { SentencePieceTokenizer } from '../../../../src/main/core/embed/use-lite/sentencePiece';
import {
  createUseLiteRunner,
  useLiteRunnerFromSession,
  type UseLiteRunner,
} from '../../../../src/main/core/embed/use-lite/useLiteRunner';
import { cranfieldQueries, EDGE_SENTENCES } from './parityCorpus';

let root: string;
const dirs = { fp32: '', int8: '' };
let floatRunner: UseLiteRunner;
let int8Runner: UseLiteRunner;

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const bits = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

/** Batch-mates of varied length: Cranfield queries alone (short) and three joined (long, ~100 tokens). */
function mates(): string[] {
  const q = cranfieldQueries();
  return q.slice(0, 80).map((x, i) => (i % 8 === 7 ? `${x} ${q[i + 80]} ${q[i + 160]}` : x));
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'loci-int8-'));
  for (const variant of ['fp32', 'int8'] as const) {
    dirs[variant] = path.join(root, USE_LITE_IDS[variant]);
    await buildUseLiteModel({ outDir: dirs[variant], variant });
  }
  floatRunner = await createUseLiteRunner(dirs.fp32, { threads: 2 });
  int8Runner = await createUseLiteRunner(dirs.int8, { threads: 2 });
});

afterAll(async () => {
  await floatRunner?.close();
  await int8Runner?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('use-lite-int8 (static int8)', () => {
  it('is half the size and keeps every vector within cosine 0.995 of the float model', async () => {
    const size = async (v: 'fp32' | 'int8') => (await stat(path.join(dirs[v], 'model.onnx'))).size;
    expect(await size('int8')).toBeLessThan((await size('fp32')) * 0.55);
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

  it('gives a text bit-identical vectors alone and inside batches of 1 to 64 (engine, 2 threads)', async () => {
    const embedder: Embedder = await openEmbedder(
      { kind: 'use-lite', dir: dirs.int8, id: USE_LITE_IDS.int8 },
      { threads: 2 },
    );
    try {
      const others = mates();
      const long = `${cranfieldQueries()[200]} ${cranfieldQueries()[201]}`;
      const short = 'heat transfer in hypersonic flow';
      for (const target of [long, short]) {
        const alone = bits((await embedder.embed([target], { purpose: 'passage' })).vectors[0]!);
        const sizes = target === long ? Array.from({ length: 64 }, (_, i) => i + 1) : [2, 5, 17, 33, 64];
        for (const n of sizes) {
          const batch = others.slice(n % 13, (n % 13) + n - 1);
          const at = (n * 5 + 3) % n;
          batch.splice(at, 0, target);
          const { vectors } = await embedder.embed(batch, { purpose: 'passage' });
          expect(bits(vectors[at]!), `batch of ${n}, position ${at}`).toBe(alone);
        }
      }
    } finally {
      await embedder.close();
    }
  });

  it('is batch-independent and identical under every graph optimisation level and thread count', async () => {
    const tokenizer = await SentencePieceTokenizer.fromFile(path.join(dirs.int8, 'vocab.json'));
    const info = JSON.parse(await readFile(path.join(dirs.int8, 'manifest.json'), 'utf8')) as never;
    const others = mates();
    const target = cranfieldQueries()[42]!;
    let reference: string | undefined;
    for (const level of ['disabled', 'basic', 'all'] as const) {
      for (const threads of [1, 2]) {
        const session = await ort.InferenceSession.create(path.join(dirs.int8, 'model.onnx'), {
          graphOptimizationLevel: level,
          intraOpNumThreads: threads,
          logSeverityLevel: 3,
        });
        const runner = useLiteRunnerFromSession(session, tokenizer, info);
        try {
          const alone = bits((await runner.embed([target])).vectors[0]!);
          reference ??= alone;
          expect(alone, `${level}, ${threads} threads`).toBe(reference);
          for (const n of [3, 40]) {
            const batch = [...others.slice(0, n - 1), target];
            expect(bits((await runner.embed(batch)).vectors[n - 1]!), `${level}/${threads}/${n}`).toBe(alone);
          }
        } finally {
          await runner.close();
        }
      }
    }
  });
});
