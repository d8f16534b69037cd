import { describe, it, expect } from 'vitest';
import type { InferenceSession } from 'onnxruntime-node';
import { ort } from '../../../../src/main/core/embed/loadOrt';
import { OnnxGraphBuilder, attr } from '../../../../src/main/core/embed/onnx/graphBuilder';

async function run(
  b: OnnxGraphBuilder,
  feeds: Record<string, ort.Tensor>,
): Promise<InferenceSession.OnnxValueMapType> {
  const session = await ort.InferenceSession.create(b.toBytes());
  try {
    return await session.run(feeds);
  } finally {
    await session.release();
  }
}

describe('OnnxGraphBuilder', () => {
  it('builds MatMul + Add + ReduceMean that ONNX Runtime runs with the right numbers', async () => {
    const b = new OnnxGraphBuilder({ name: 'tiny' });
    const x = b.addInput('x', 'float32', ['batch', 3]);
    const w = b.addInitializer('w', 'float32', [3, 2], new Float32Array([1, 2, 3, 4, 5, 6]));
    const bias = b.addInitializer('bias', 'float32', [2], [0.5, -0.5]);
    const y = b.op('Add', [b.op('MatMul', [x, w]), bias]);
    // Opset 17: ReduceMean takes its axes as an attribute (an input only from opset 18).
    const mean = b.op('ReduceMean', [y], { axes: [1], keepdims: 0 });
    b.addOutput(y, 'float32', ['batch', 2]);
    b.addOutput(mean, 'float32', ['batch']);

    const out = await run(b, { x: new ort.Tensor('float32', new Float32Array([1, 0, 0, 1, 1, 1]), [2, 3]) });
    // Row [1,0,0] -> [1,2] + bias; row [1,1,1] -> [9,12] + bias.
    expect(Array.from(out[y]!.data as Float32Array)).toEqual([1.5, 1.5, 9.5, 11.5]);
    expect(out[y]!.dims).toEqual([2, 2]);
    expect(Array.from(out[mean]!.data as Float32Array)).toEqual([1.5, 10.5]);
  });

  it('writes int, float, ints, string and tensor attributes correctly', async () => {
    const b = new OnnxGraphBuilder();
    const x = b.addInput('x', 'float32', [2, 3]);
    const t = b.op('Transpose', [x], { perm: [1, 0] });
    const e = b.op('Elu', [t], { alpha: attr.float(2) });
    const lr = b.op('LeakyRelu', [e], { alpha: 0.25 });
    const c = b.op('Constant', [], { value: attr.tensor('int64', [2], [3n, 2n]) });
    const filled = b.op('ConstantOfShape', [c], { value: attr.tensor('int32', [1], [-7]) });
    const mode = b.op('Pad', [x, b.addConstant('pads', 'int64', [4], [0, 1, 0, 0])], { mode: 'edge' });
    b.addOutput(lr, 'float32', [3, 2]);
    b.addOutput(filled, 'int32', [3, 2]);
    b.addOutput(mode, 'float32', [2, 4]);

    const out = await run(b, {
      x: new ort.Tensor('float32', new Float32Array([-1, 1, 2, 3, -2, 4]), [2, 3]),
    });
    const elu = (v: number): number => (v < 0 ? 2 * (Math.exp(v) - 1) : v);
    const expected = [-1, 3, 1, -2, 2, 4].map(elu).map((v) => (v < 0 ? 0.25 * v : v));
    const got = Array.from(out[lr]!.data as Float32Array);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect(Array.from(out[filled]!.data as Int32Array)).toEqual([-7, -7, -7, -7, -7, -7]);
    expect(out[filled]!.dims).toEqual([3, 2]);
    expect(Array.from(out[mode]!.data as Float32Array)).toEqual([-1, -1, 1, 2, 3, 3, -2, 4]);
  });

  it('round-trips int64 values beyond 32 bits and negative int attributes', async () => {
    const b = new OnnxGraphBuilder();
    const x = b.addInput('x', 'int64', [3]);
    const big = b.addInitializer('big', 'int64', [3], new BigInt64Array([2n ** 40n, -5n, -(2n ** 33n)]));
    const sum = b.op('Add', [x, big]);
    const last = b.op('Gather', [sum, b.addConstant('idx', 'int64', [], [-1])], { axis: -1 });
    b.addOutput(sum, 'int64', [3]);
    b.addOutput(last, 'int64', []);
    const out = await run(b, { x: new ort.Tensor('int64', new BigInt64Array([1n, 2n, 3n]), [3]) });
    expect(Array.from(out[sum]!.data as BigInt64Array)).toEqual([2n ** 40n + 1n, -3n, -(2n ** 33n) + 3n]);
    expect(out[last]!.data[0]).toBe(-(2n ** 33n) + 3n);
  });

  it('carries megabytes of weights intact', async () => {
    const b = new OnnxGraphBuilder();
    const n = 600_000;
    const weights = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const x = b.addInput('x', 'float32', [n]);
    const y = b.op('Mul', [x, b.addInitializer('w', 'float32', [n], weights)]);
    b.addOutput(y, 'float32', [n]);
    const out = await run(b, { x: new ort.Tensor('float32', new Float32Array(n).fill(1), [n]) });
    const got = out[y]!.data as Float32Array;
    expect(got.length).toBe(n);
    expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(weights.buffer))).toBe(
      true,
    );
  });

  it('rejects mistakes early with messages naming the node', () => {
    const b = new OnnxGraphBuilder();
    b.addInput('x', 'float32', [1]);
    expect(() => b.op('Relu', ['nope'], {}, { name: 'relu0' })).toThrow(
      /relu0 \(Relu\): input nope is not defined/,
    );
    expect(() => b.addInitializer('x', 'float32', [1], [1])).toThrow(/defined twice/);
    expect(() => b.addInitializer('w', 'int32', [2], new Float32Array(2))).toThrow(
      /Float32Array does not hold int32/,
    );
    expect(() => b.addOutput('missing', 'float32', [1])).toThrow(/not produced/);
    expect(() => b.toBytes()).toThrow(/no outputs/);
    const z = b.op('Relu', ['x']);
    b.addOutput(z, 'float32', [1]);
    expect(b.toBytes().length).toBeGreaterThan(0);
  });

  it('generates unique names for repeated ops', () => {
    const b = new OnnxGraphBuilder();
    const x = b.addInput('x', 'float32', [1]);
    const a = b.op('Relu', [x]);
    const c = b.op('Relu', [a]);
    expect(a).not.toBe(c);
    expect(b.uniqueName('x')).not.toBe('x');
  });
});
