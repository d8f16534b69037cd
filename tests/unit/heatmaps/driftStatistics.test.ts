import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  driftRows,
  overlapAtK,
  spearman,
  topK,
} from '../../../src/main/core/heatmaps/driftStatistics';

/** A symmetric n x n matrix with s(i, j) = f(i, j) off the diagonal and 1 on it. */
function matrix(n: number, f: (i: number, j: number) => number): Float32Array {
  const m = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] = i === j ? 1 : f(i, j);
  return m;
}

describe('model drift statistics', () => {
  it('top-k skips the document itself and breaks ties by index', () => {
    expect(Array.from(topK([0.9, 1, 0.5, 0.9, 0.1], 5, 1, 3))).toEqual([0, 3, 2]);
    // Fewer neighbours than k: all there are.
    expect(Array.from(topK([1, 0.2], 2, 0, 10))).toEqual([1]);
  });

  it('overlap@10: identical rankings 1, disjoint 0, a known partial overlap 0.4', () => {
    const n = 31;
    const row = Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 1 - j / 100)); // neighbours 1..10 best
    expect(overlapAtK(row, row, n, 0, 10)).toBe(1);
    const reversed = Array.from({ length: n }, (_, j) => (j === 0 ? 1 : j / 100)); // 21..30 best
    expect(overlapAtK(row, reversed, n, 0, 10)).toBe(0);
    // B's top 10: 7..16 -> shares 7, 8, 9, 10 with A's 1..10.
    const shifted = Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 1 - Math.abs(j - 11.5) / 100));
    expect(overlapAtK(row, shifted, n, 0, 10)).toBeCloseTo(0.4, 10);
  });

  it('Spearman: 1 for the same order (whatever the scale), -1 reversed, and a hand-computed case', () => {
    const x = [0.1, 0.5, 0.3, 0.9, 0.7];
    expect(
      spearman(
        x,
        x.map((v) => v * v),
        5,
      ),
    ).toBeCloseTo(1, 10);
    expect(
      spearman(
        x,
        x.map((v) => -v),
        5,
      ),
    ).toBeCloseTo(-1, 10);
    // Ranks x: [1,3,2,5,4], y ranks: [2,1,3,4,5]; d^2 = 1+4+1+1+1 = 8; rho = 1 - 6*8/(5*24) = 0.6
    expect(spearman(x, [0.2, 0.1, 0.3, 0.4, 0.5], 5)).toBeCloseTo(0.6, 10);
  });

  it('ties get the average of their ranks, and the skipped index is left out', () => {
    expect(Array.from(averageRanks([3, 1, 3, 2], 4))).toEqual([3.5, 1, 3.5, 2]);
    expect(Array.from(averageRanks([9, 3, 1, 3], 4, 0))).toEqual([2.5, 1, 2.5]);
  });

  it('per-document rows of two similarity matrices: the document that moved scores worst', () => {
    const n = 12;
    const a = matrix(n, (i, j) => 1 - Math.abs(i - j) / n); // neighbours by distance on a line
    // Model B agrees, except that document 5 is now closest to the far end of the line.
    const b = matrix(n, (i, j) => (i === 5 || j === 5 ? (i + j - 5) / n / 2 : 1 - Math.abs(i - j) / n));
    const { overlap, spearman: rho } = driftRows(a, b, n, 0, n, 3);
    // Document 0 keeps its 3 nearest neighbours; only document 5's place in its ranking changed.
    expect(overlap[0]).toBe(1);
    expect(rho[0]).toBeGreaterThan(0.5);
    expect(overlap[5]).toBe(0);
    expect(rho[5]).toBeLessThan(0);
    const worst = Array.from(rho).indexOf(Math.min(...rho));
    expect(worst).toBe(5);
  });
});
