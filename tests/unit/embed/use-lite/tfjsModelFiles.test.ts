/** Weight decoding matches TF.js's own `decodeWeights`, quantised formats included. */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  decodeWeightGroup,
  type TfjsWeight,
  type TfjsWeightSpec,
} from '../../../../src/main/core/embed/use-lite/tfjsModelFiles';

function half(x: number): number {
  // float32 -> IEEE half bits (round-to-nearest is not needed: the test values are exact in half).
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer)[0]!;
  const sign = (u >> 16) & 0x8000;
  const exp = ((u >> 23) & 0xff) - 127 + 15;
  const frac = (u >> 13) & 0x3ff;
  if (x === 0) return sign;
  return sign | (exp << 10) | frac;
}

describe('decodeWeightGroup', () => {
  it('decodes float32, int32, bool and uint8/uint16/float16-quantised weights like TF.js', async () => {
    const specs: TfjsWeightSpec[] = [
      { name: 'f', shape: [3], dtype: 'float32' },
      { name: 'i', shape: [2], dtype: 'int32' },
      { name: 'b', shape: [3], dtype: 'bool' },
      { name: 'q8', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      { name: 'q16', shape: [2], dtype: 'float32', quantization: { dtype: 'uint16', scale: 0.001, min: 2 } },
      { name: 'qi', shape: [3], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.7, min: -3 } },
      { name: 'h', shape: [3], dtype: 'float32', quantization: { dtype: 'float16' } },
    ];
    const bytes = Buffer.concat([
      Buffer.from(new Float32Array([1.5, -2, 1e-8]).buffer),
      Buffer.from(new Int32Array([-7, 123456]).buffer),
      Buffer.from([1, 0, 1]),
      Buffer.from([0, 1, 2, 255]),
      Buffer.from(new Uint16Array([0, 65535]).buffer),
      Buffer.from([0, 5, 10]),
      Buffer.from(new Uint16Array([half(0.5), half(-3.25), half(1024)]).buffer),
    ]);
    const ours = new Map<string, TfjsWeight>();
    decodeWeightGroup(specs, new Uint8Array(bytes), ours);
    const reference = tf.io.decodeWeights(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      specs as tf.io.WeightsManifestEntry[],
    );
    for (const spec of specs) {
      const expected = Array.from(await reference[spec.name]!.data());
      const got = Array.from(ours.get(spec.name)!.data);
      expect([spec.name, ...got.map((v) => Math.fround(v))]).toEqual([spec.name, ...expected]);
      expect(ours.get(spec.name)!.shape).toEqual(spec.shape);
    }
  });

  it('refuses truncated shards and unknown dtypes', () => {
    const into = new Map<string, TfjsWeight>();
    expect(() =>
      decodeWeightGroup([{ name: 'w', shape: [4], dtype: 'float32' }], new Uint8Array(8), into),
    ).toThrow(/weight w: shards end before its data/);
    expect(() =>
      decodeWeightGroup([{ name: 's', shape: [1], dtype: 'string' }], new Uint8Array(8), into),
    ).toThrow(/weight s: unsupported dtype string/);
  });
});
