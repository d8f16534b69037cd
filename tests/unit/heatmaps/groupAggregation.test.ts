import { describe, expect, it } from 'vitest';
import { gramNaive } from '../../../src/main/core/math/gramKernel';
import {
  centroidSimilarity,
  groupMeanSimilarity,
  groupSums,
} from '../../../src/main/core/heatmaps/groupAggregation';
import { normalizeRows } from '../../../src/main/core/math/vectorRows';
import { seededRandom } from '../../../src/main/core/math/seededRandom';

describe('group (cluster, time window) aggregation', () => {
  it('equals the mean over all pairs of the full matrix, self-pairs excluded on the diagonal', () => {
    const dims = 16;
    const rows = 40;
    const random = seededRandom(2);
    const data = normalizeRows(
      Float32Array.from({ length: rows * dims }, () => random() - 0.5),
      dims,
    );
    const groupOf = Int32Array.from({ length: rows }, (_, i) => i % 3);
    const values = groupMeanSimilarity(groupSums(data, rows, dims, groupOf, 3));
    const full = gramNaive(data, rows, data, rows, dims);
    for (let a = 0; a < 3; a++)
      for (let b = 0; b < 3; b++) {
        let sum = 0;
        let count = 0;
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < rows; j++)
            if (i !== j && groupOf[i] === a && groupOf[j] === b) {
              sum += full[i * rows + j]!;
              count++;
            }
        expect(values[a * 3 + b]).toBeCloseTo(sum / count, 5);
      }
  });

  it('gives a known answer on hand-made vectors', () => {
    // Group 0: two copies of e1 (mean similarity 1). Group 1: e1 and e2 (orthogonal: 0 inside).
    // Between: pairs (e1,e1) x2 = 1, (e1,e2) x2 = 0 -> 0.5.
    const data = Float32Array.from([1, 0, 1, 0, 1, 0, 0, 1]);
    const groupOf = Int32Array.from([0, 0, 1, 1]);
    const sums = groupSums(data, 4, 2, groupOf, 2);
    expect(Array.from(groupMeanSimilarity(sums))).toEqual([1, 0.5, 0.5, 0]);
    // Centroid directions: (1,0) and (1,1)/sqrt2 -> cos 0.7071.
    expect(centroidSimilarity(sums)[1]).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('a group of one has no pairs: NaN on its diagonal; rows with group -1 are left out', () => {
    const data = Float32Array.from([1, 0, 0, 1, 1, 0]);
    const sums = groupSums(data, 3, 2, Int32Array.from([0, 1, -1]), 2);
    const values = groupMeanSimilarity(sums);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBe(0);
    expect(Array.from(sums.counts)).toEqual([1, 1]);
  });
});
