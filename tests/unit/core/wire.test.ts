import { describe, expect, it } from 'vitest';
import { containsTypedArray, decodeWire, encodeWire } from '../../../src/shared/api/wire';

describe('wire envelope for typed arrays over HTTP', () => {
  it('round-trips nested typed arrays of several kinds with exact values', () => {
    const value = {
      ids: ['a', 'b', 'c'],
      coords: new Float32Array([0.5, -1.25, 3e-8, 7]),
      nested: { clusters: new Int32Array([3, -1, 2]), bytes: new Uint8Array([1, 2, 3, 4, 5]) },
      list: [new Float64Array([Math.PI]), { n: 1 }],
    };
    const back = decodeWire(encodeWire(value)) as typeof value;
    expect(back.ids).toEqual(value.ids);
    expect(back.coords).toBeInstanceOf(Float32Array);
    expect(Array.from(back.coords)).toEqual(Array.from(value.coords));
    expect(Array.from(back.nested.clusters)).toEqual([3, -1, 2]);
    expect(Array.from(back.nested.bytes)).toEqual([1, 2, 3, 4, 5]);
    expect((back.list[0] as Float64Array)[0]).toBe(Math.PI);
  });

  it('sends raw bytes: 100k floats take ~400 KB, not megabytes of JSON', () => {
    const coords = new Float32Array(100_000).map((_, i) => Math.sin(i));
    const bytes = encodeWire({ coords });
    expect(bytes.byteLength).toBeLessThan(400_000 + 200);
    expect(JSON.stringify(Array.from(coords)).length).toBeGreaterThan(1_500_000);
  });

  it('knows when a value needs the envelope', () => {
    expect(containsTypedArray({ a: [1, 2], b: 'x' })).toBe(false);
    expect(containsTypedArray({ a: [{ b: new Float32Array(1) }] })).toBe(true);
  });

  it('refuses bytes that are not an envelope', () => {
    expect(() => decodeWire(new Uint8Array([1, 2, 3, 4, 0, 0, 0, 0]))).toThrow(/wire/);
  });
});
