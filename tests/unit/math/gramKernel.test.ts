import { afterAll, describe, expect, it } from 'vitest';
import { gramNaive, gramRows, splitRows } from '../../../src/main/core/math/gramKernel';
import { normalizeRows } from '../../../src/main/core/math/vectorRows';
import { CrossModelError, modelMatrix } from '../../../src/main/core/similarity/modelSpace';
import { SimilarityPool } from '../../../src/main/core/similarity/similarityPool';
import { seededRandom } from '../../../src/main/core/math/seededRandom';

function randomRows(rows: number, dims: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return normalizeRows(
    Float32Array.from({ length: rows * dims }, () => random() - 0.5),
    dims,
  );
}

const maxDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);

describe('tiled Gram kernel', () => {
  // Sizes that are not multiples of the 4x4 tile or the 64-row block exercise every edge path.
  it.each([
    [1, 1, 3],
    [7, 5, 13],
    [70, 67, 33],
    [133, 129, 64],
  ])('A (%i rows) x B (%i rows), %i dims: equals the naive loop', (n, m, dims) => {
    const a = randomRows(n, dims, n);
    const b = randomRows(m, dims, m + 1);
    const out = new Float32Array(n * m);
    gramRows({ a, b, bRows: m, dims, symmetric: false, rowStart: 0, rowEnd: n, out });
    expect(maxDiff(out, gramNaive(a, n, b, m, dims))).toBeLessThan(1e-5);
  });

  it('a symmetric product split into row ranges fills the whole matrix, mirrored', () => {
    const n = 150;
    const dims = 24;
    const a = randomRows(n, dims, 9);
    const out = new Float32Array(n * n).fill(NaN);
    for (const [rowStart, rowEnd] of splitRows(n, 3, true))
      gramRows({ a, b: a, bRows: n, dims, symmetric: true, rowStart, rowEnd, out });
    expect(maxDiff(out, gramNaive(a, n, a, n, dims))).toBeLessThan(1e-5);
    for (let i = 0; i < n; i++) expect(out[i * n + i]).toBeCloseTo(1, 5);
  });

  it('splits rows so each part of a triangle gets about the same work', () => {
    const n = 2000;
    const ranges = splitRows(n, 2, true);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(n);
    const work = ranges.map(([s, e]) => {
      let w = 0;
      for (let i = s; i < e; i++) w += n - i;
      return w;
    });
    expect(Math.abs(work[0]! - work[1]!) / (work[0]! + work[1]!)).toBeLessThan(0.01);
    expect(ranges[0]![1] % 4).toBe(0);
    // Not symmetric: equal row counts.
    expect(splitRows(10, 2, false)).toEqual([
      [0, 4],
      [4, 10],
    ]);
  });
});

describe('similarity pool (worker threads)', () => {
  const pool = new SimilarityPool(2, 1_000);
  afterAll(() => pool.close());
  const model = { id: 'm', dims: 48, fingerprint: 'fp-m' };

  it('computes a large product in the workers with the same values as the naive loop', async () => {
    const n = 300;
    const a = randomRows(n, model.dims, 4);
    const out = await pool.gram(modelMatrix(model, a));
    expect(out.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(maxDiff(out, gramNaive(a, n, a, n, model.dims))).toBeLessThan(1e-5);
  });

  it('refuses to multiply vectors of two different models, even of the same dimension', async () => {
    const a = modelMatrix(model, randomRows(10, 48, 1));
    const other = modelMatrix({ id: 'm', dims: 48, fingerprint: 'fp-other' }, randomRows(10, 48, 2));
    await expect(pool.gram(a, other)).rejects.toBeInstanceOf(CrossModelError);
    await expect(pool.gram(a, modelMatrix({ ...model, id: 'n' }, randomRows(10, 48, 3)))).rejects.toThrow(
      /cannot be compared/,
    );
  });
});
