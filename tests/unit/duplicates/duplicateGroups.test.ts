import { describe, expect, it } from 'vitest';
import { annPairs } from '../../../src/main/core/duplicates/annPairs';
import {
  groupByKey,
  groupPairs,
  pairsAbove,
  UnionFind,
} from '../../../src/main/core/duplicates/duplicateGroups';
import { gramNaive } from '../../../src/main/core/math/gramKernel';
import { normalizeRows } from '../../../src/main/core/math/vectorRows';
import { seededRandom } from '../../../src/main/core/math/seededRandom';

describe('near-duplicate grouping', () => {
  it('union-find joins chains into one group (A~B, B~C: A, B, C together)', () => {
    const sets = new UnionFind(6);
    sets.union(0, 1);
    sets.union(1, 2);
    sets.union(4, 5);
    expect(sets.find(0)).toBe(sets.find(2));
    expect(sets.find(3)).not.toBe(sets.find(0));
    expect(sets.union(2, 0)).toBe(false);
  });

  it('groups pairs into connected components, best group first, pairs best first', () => {
    const groups = groupPairs(
      [
        { a: 0, b: 1, score: 0.96 },
        { a: 2, b: 1, score: 0.97 },
        { a: 5, b: 4, score: 0.99 },
        { a: 1, b: 0, score: 0.96 }, // the same pair again, from the other side
      ],
      7,
    );
    expect(groups.map((g) => g.members)).toEqual([
      [4, 5],
      [0, 1, 2],
    ]);
    expect(groups[1]!.pairs).toEqual([
      { a: 1, b: 2, score: 0.97 },
      { a: 0, b: 1, score: 0.96 },
    ]);
    expect(groups[0]!.best).toBe(0.99);
  });

  it('exact duplicates: items sharing a key, only keys held twice or more', () => {
    expect(groupByKey(['x', 'y', 'x', '', '', 'z', 'y', 'x'])).toEqual([
      [0, 2, 7],
      [1, 6],
    ]);
  });

  it('the HNSW path finds the planted near-copies the exact matrix finds', () => {
    const dims = 64;
    const rows = 600;
    const random = seededRandom(3);
    const data = Float32Array.from({ length: rows * dims }, () => random() - 0.5);
    // Rows 100..109 are near-copies of rows 0..9 (tiny noise).
    for (let i = 0; i < 10; i++)
      for (let d = 0; d < dims; d++)
        data[(100 + i) * dims + d] = data[i * dims + d]! + 0.01 * (random() - 0.5);
    normalizeRows(data, dims);
    const exact = pairsAbove(gramNaive(data, rows, data, rows, dims), rows, 0.95);
    expect(exact.map((p) => [p.a, p.b])).toEqual(Array.from({ length: 10 }, (_, i) => [i, 100 + i]));
    const found = annPairs(data, rows, dims, 8, 0.95);
    expect(Array.from(found.a)).toEqual(exact.map((p) => p.a));
    expect(Array.from(found.b)).toEqual(exact.map((p) => p.b));
    found.score.forEach((s, i) => expect(s).toBeCloseTo(exact[i]!.score, 4));
  });
});
