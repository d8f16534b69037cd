import { describe, expect, it } from 'vitest';
import { averagePrecisionAt, ndcgAt, recallAt, summarize } from '../../../src/main/eval/retrievalMetrics';

// Hand-computed cases with known answers.
describe('retrieval metrics', () => {
  const gains = new Map([
    [1, 3],
    [2, 2],
    [3, 1],
  ]);

  it('nDCG is 1 for the ideal order and lower when the best doc is late', () => {
    expect(ndcgAt([1, 2, 3], gains, 10)).toBeCloseTo(1);
    // DCG = 2/log2(2) + 3/log2(3) + 1/log2(4) = 2 + 1.8928 + 0.5 ; IDCG = 3 + 2/1.585 + 0.5 = 4.7619
    expect(ndcgAt([2, 1, 3], gains, 10)).toBeCloseTo(4.3928 / 4.7619, 3);
    expect(ndcgAt([9, 8], gains, 10)).toBe(0);
  });

  it('AP and recall follow their textbook definitions', () => {
    const relevant = new Set([1, 3]);
    // hits at ranks 1 and 3: (1/1 + 2/3) / 2
    expect(averagePrecisionAt([1, 2, 3], relevant, 100)).toBeCloseTo((1 + 2 / 3) / 2);
    expect(recallAt([1, 2], relevant, 100)).toBe(0.5);
    expect(recallAt([2, 1], relevant, 1)).toBe(0);
  });

  it('summarize averages over queries with relevant docs only', () => {
    const qrels = new Map([
      [1, new Map([[10, 4]])],
      [2, new Map([[20, 1]])], // only a low grade: not relevant for binary metrics at minGain 2
    ]);
    const runs = new Map([[1, [10]]]);
    const s = summarize(runs, qrels);
    expect(s.queries).toBe(1);
    expect(s.ndcg10).toBeCloseTo(1);
    expect(s.map100).toBeCloseTo(1);
  });
});
