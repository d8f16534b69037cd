/**
 * onnx/quantizeStatic.ts on a small generated model run by the real ONNX Runtime: which MatMuls it
 * rewrites, how close the int8 result stays to float, and that a row's result does not depend on the
 * other rows of the batch (the point of fixed activation ranges).
 */
import { describe, it, expect } from 'vitest';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import { OnnxGraphBuilder } from '../../../../src/main/core/embed/onnx/graphBuilder';
import { encodeModel, type ModelDesc } from '../../../../src/main/core/embed/onnx/onnxProto';
import {
  activationParams,
  quantizableMatMuls,
  quantizeStatic,
  withObservedOutputs,
  type ActivationRange,
} from '../../../../src/main/core/embed/onnx/quantizeStatic';

/** Deterministic values in [-1, 1). */
function noise(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

/** x[batch, 256] -> MatMul W1 -> Relu -> MatMul Reshape(K2 [1,1,512,256]) -> MatMul small W3 -> y. */
function toyModel(): ModelDesc {
  const b = new OnnxGraphBuilder({ name: 'toy' });
  const x = b.addInput('x', 'float32', ['batch', 256]);
  const w1 = b.addInitializer('w1', 'float32', [256, 512], noise(256 * 512, 1));
  const h = b.op('Relu', [b.op('MatMul', [x, w1], {}, { name: 'big1' })]);
  const k2 = b.addInitializer('k2', 'float32', [1, 1, 512, 256], noise(512 * 256, 2));
  const w2 = b.op('Reshape', [k2, b.addConstant('shape', 'int64', [2], [512, 256])]);
  const z = b.op('MatMul', [h, w2], {}, { name: 'big2' });
  const w3 = b.addInitializer('w3', 'float32', [256, 16], noise(256 * 16, 3));
  b.addOutput(b.op('MatMul', [z, w3], {}, { name: 'small' }), 'float32', ['batch', 16]);
  return b.build();
}

async function run(model: ModelDesc, x: Float32Array, rows: number): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(encodeModel(model), { logSeverityLevel: 3 });
  try {
    return await session.run({ x: new ort.Tensor('float32', x, [rows, 256]) });
  } finally {
    await session.release();
  }
}

/** Observed min/max of every quantisable activation on `x`. */
async function calibrate(
  model: ModelDesc,
  x: Float32Array,
  rows: number,
): Promise<Record<string, ActivationRange>> {
  const names = quantizableMatMuls(model).map((m) => m.activation);
  const out = await run(withObservedOutputs(model, names), x, rows);
  return Object.fromEntries(
    names.map((n) => {
      const d = out[n]!.data as Float32Array;
      return [n, { min: Math.min(...d), max: Math.max(...d) }];
    }),
  );
}

describe('quantizeStatic', () => {
  it('finds the large constant MatMuls (a Reshape of a constant included) and leaves small ones', () => {
    const found = quantizableMatMuls(toyModel());
    expect(found.map((m) => [m.node, m.k, m.n])).toEqual([
      ['big1', 256, 512],
      ['big2', 512, 256],
    ]);
    expect(found[0]!.activation).toBe('x');
  });

  it('rewrites them to QuantizeLinear + MatMulIntegerToFloat with results close to float', async () => {
    const model = toyModel();
    const x = noise(8 * 256, 9);
    const ranges = await calibrate(model, x, 8);
    const q = quantizeStatic(model, ranges);
    const ops = q.graph.nodes.map((n) => n.opType);
    expect(ops.filter((o) => o === 'MatMulIntegerToFloat')).toHaveLength(2);
    expect(ops.filter((o) => o === 'QuantizeLinear')).toHaveLength(2);
    expect(ops.filter((o) => o === 'MatMul')).toHaveLength(1); // the small one
    expect(ops).not.toContain('Reshape'); // the weight's Reshape went with the float kernel
    expect(q.graph.initializers.map((t) => t.name)).not.toEqual(expect.arrayContaining(['w1']));
    expect(q.graph.initializers.map((t) => t.name)).not.toEqual(expect.arrayContaining(['k2']));
    expect(encodeModel(q).length).toBeLessThan(encodeModel(model).length * 0.4);

    const f = (await run(model, x, 8))[model.graph.outputs[0]!.name]!.data as Float32Array;
    const i8 = (await run(q, x, 8))[model.graph.outputs[0]!.name]!.data as Float32Array;
    const norm = Math.sqrt(f.reduce((s, v) => s + v * v, 0));
    const err = Math.sqrt(f.reduce((s, v, i) => s + (v - i8[i]!) ** 2, 0));
    expect(err / norm).toBeLessThan(0.02);
    expect(err).toBeGreaterThan(0); // it really is quantised
  });

  it('computes each row the same, bit for bit, alone or with other rows', async () => {
    const model = toyModel();
    const x = noise(40 * 256, 4);
    const q = quantizeStatic(model, await calibrate(model, x, 40));
    const name = model.graph.outputs[0]!.name;
    const all = (await run(q, x, 40))[name]!.data as Float32Array;
    for (const row of [0, 17, 39]) {
      const alone = (await run(q, x.slice(row * 256, (row + 1) * 256), 1))[name]!.data as Float32Array;
      expect(Buffer.from(alone.buffer).equals(Buffer.from(all.slice(row * 16, (row + 1) * 16).buffer))).toBe(
        true,
      );
    }
  });

  it('refuses a graph whose activation has no calibrated range, naming it', () => {
    expect(() => quantizeStatic(toyModel(), {})).toThrow(/no calibrated range for activation "x"/);
  });

  it('maps ranges to uint8 parameters that represent zero exactly', () => {
    expect(activationParams({ min: 0, max: 10 })).toEqual({ scale: Math.fround(10 / 255), zeroPoint: 0 });
    expect([127, 128]).toContain(activationParams({ min: -1, max: 1 }).zeroPoint);
    expect(activationParams({ min: 2, max: 3 })).toEqual({ scale: Math.fround(3 / 255), zeroPoint: 0 });
    expect(() => activationParams({ min: 0, max: 0 })).toThrow(/invalid activation range/);
  });
});
