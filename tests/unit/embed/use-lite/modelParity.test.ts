/**
 * (b) The whole converted model against the original TF.js graph model (CPU backend, loaded from the
 * installed package's files): 230+ varied texts through the full pipeline (reference tokenizer + TF.js
 * vs our tokenizer + runner + ONNX Runtime), plus raw sparse feeds with empty sentences in the middle
 * and at the end, a 360-token sentence and a sentence of only unknown characters.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import type { GraphModel } from '@tensorflow/tfjs';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { buildUseLiteModel, useLiteSource } from '../../../../src/main/core/embed/use-lite/buildUseLiteModel';
import {
  createUseLiteRunner,
  type UseLiteRunner,
} from '../../../../src/main/core/embed/use-lite/useLiteRunner';
import { loadTfjsGraphModelFromDir, runTfjs } from '../../../support/tfjsGraphModel';
import { cachedReference, modelKey } from '../../../support/tfjsReferenceCache';
import { cranfieldQueries, EDGE_SENTENCES, shortCranfieldSentences } from './parityCorpus';

const OUTPUT = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';
const DIMS = 512;

let outDir: string;
let runner: UseLiteRunner;
let session: ort.InferenceSession;
let tfModel: GraphModel;
let reference: Tokenizer;
let tfKey: string;

/** Sparse feed exactly as the reference `UniversalSentenceEncoder.embed` builds it (no truncation). */
function sparse(batch: number[][]): { indices: number[]; values: number[] } {
  const indices: number[] = [];
  const values: number[] = [];
  batch.forEach((ids, row) => ids.forEach((id, pos) => (indices.push(row, pos), values.push(id))));
  return { indices, values };
}

/** TF.js output rows for a batch (through the content-addressed reference cache). */
async function tfjsRows(batch: number[][]): Promise<Float32Array[]> {
  const { indices, values } = sparse(batch);
  const out = await cachedReference(tfKey, { indices, values }, async () => {
    const [t] = await runTfjs(
      tfModel,
      {
        indices: { dtype: 'int32', shape: [values.length, 2], values: indices },
        values: { dtype: 'int32', shape: [values.length], values },
      },
      [OUTPUT],
    );
    return { dims: t!.dims, data: Float32Array.from(t!.data) };
  });
  return Array.from({ length: out.dims[0]! }, (_, r) => out.data.slice(r * DIMS, (r + 1) * DIMS));
}

async function ortRows(batch: number[][]): Promise<Float32Array[]> {
  const { indices, values } = sparse(batch);
  const out = await session.run({
    indices: new ort.Tensor('int32', Int32Array.from(indices), [values.length, 2]),
    values: new ort.Tensor('int32', Int32Array.from(values), [values.length]),
  });
  const t = out[session.outputNames[0]!]!;
  const data = t.data as Float32Array;
  return Array.from({ length: t.dims[0]! }, (_, r) => data.slice(r * DIMS, (r + 1) * DIMS));
}

function compare(a: Float32Array, b: Float32Array): { maxDiff: number; cosine: number } {
  let maxDiff = 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return { maxDiff, cosine: dot / Math.sqrt(na * nb) };
}

function longSentence(ref: Tokenizer, tokens: number): string {
  const words = cranfieldQueries().join(' ').split(' ');
  let text = '';
  for (let i = 0; ref.encode(text).length < tokens; i++) text += `${words[i % words.length]} `;
  while (ref.encode(text).length > tokens) text = text.slice(0, -1);
  return text;
}

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'loci-use-lite-parity-'));
  await buildUseLiteModel({ outDir });
  runner = await createUseLiteRunner(outDir);
  session = await ort.InferenceSession.create(path.join(outDir, 'model.onnx'), { logSeverityLevel: 3 });
  const source = await useLiteSource();
  tfModel = await loadTfjsGraphModelFromDir(source.dir);
  tfKey = await modelKey(source.dir);
  reference = new Tokenizer(
    JSON.parse(await readFile(path.join(outDir, 'vocab.json'), 'utf8')) as [string, number][],
  );
});

afterAll(async () => {
  await runner?.close();
  await session?.release();
  tfModel?.dispose();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('converted USE Lite matches the TF.js model', () => {
  it('on 230+ varied texts through the whole pipeline (max |diff| <= 1e-5, cosine >= 0.99999)', async () => {
    const long = longSentence(reference, 360);
    const unknownOnly = '😀🎉🚀♞♛';
    const texts = [...shortCranfieldSentences(200), ...EDGE_SENTENCES, long, unknownOnly];
    expect(texts.length).toBeGreaterThanOrEqual(200);
    expect(reference.encode(long)).toHaveLength(360);
    // Only unknown characters: the word-start piece, then one merged unknown.
    expect(reference.encode(unknownOnly)).toEqual([reference.encode(' ')[0], 0]);

    // TF.js, fed exactly like the reference implementation, in length-sorted batches of at most ~256
    // dense positions: its CPU kernels run over the padded [batch, length] grid and cost ~30 ms a position.
    const ids = texts.map((t) => reference.encode(t));
    const expected: Float32Array[] = new Array(texts.length);
    const order = texts.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
    const seen = (i: number): number => Math.min(ids[i]!.length, 128);
    for (let s = 0; s < order.length;) {
      let e = s + 1;
      while (e < order.length && (e - s + 1) * seen(order[e]!) <= 256) e++;
      const rows = order.slice(s, e);
      const out = await tfjsRows(rows.map((i) => ids[i]!));
      rows.forEach((i, r) => (expected[i] = out[r]!));
      s = e;
    }

    const result = await runner.embed(texts);
    expect(result.vectors).toHaveLength(texts.length);
    let maxDiff = 0;
    let minCosine = 1;
    result.vectors.forEach((v, i) => {
      const c = compare(v, expected[i]!);
      maxDiff = Math.max(maxDiff, c.maxDiff);
      minCosine = Math.min(minCosine, c.cosine);
    });
    console.log(
      `use-lite parity over ${texts.length} texts: max |diff| ${maxDiff.toExponential(2)}, min cosine ${minCosine.toFixed(8)}`,
    );
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(minCosine).toBeGreaterThanOrEqual(0.99999);
    expect(result.tokens[texts.length - 2]).toBe(360);
    expect(result.truncated[texts.length - 2]).toBe(true);
  });

  it('on raw sparse feeds with empty sentences in the middle and at the end', async () => {
    const a = reference.encode('Supersonic flow over a wedge.');
    const b = reference.encode('Heat transfer in laminar boundary layers.');
    const long = reference.encode(longSentence(reference, 360));
    const unknown = reference.encode('😀🎉');
    const batches = [[a, [], b], [a, b, []], [[], a, [], [], unknown, []], [long], [[], long, []]];
    for (const batch of batches) {
      const exp = await tfjsRows(batch);
      const got = await ortRows(batch);
      // The graph yields rows up to the last non-empty sentence, in both runtimes.
      expect(got.length).toBe(exp.length);
      got.forEach((row, r) => expect(compare(row, exp[r]!).maxDiff).toBeLessThanOrEqual(1e-5));
    }
  });

  it('gives an empty text the vector TF.js computes for an empty sentence, wherever it sits', async () => {
    const [, emptyRow] = await tfjsRows([reference.encode('first'), [], reference.encode('third')]);
    const result = await runner.embed(['', 'first', '', 'third', '']);
    expect(result.vectors).toHaveLength(5);
    for (const i of [0, 2, 4])
      expect(compare(result.vectors[i]!, emptyRow!).maxDiff).toBeLessThanOrEqual(1e-5);
    expect(result.tokens).toEqual(
      [0, 1, 0, 1, 0].map((n, i) => (n ? reference.encode(['', 'first', '', 'third', ''][i]!).length : 0)),
    );
  });
});
