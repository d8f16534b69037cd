import { describe, expect, it } from 'vitest';
import { BatchQueue } from '../../../src/main/core/embed/batchQueue';

const drain = (q: BatchQueue<string>): string[][] => {
  const out: string[][] = [];
  for (let b = q.nextBatch(); b; b = q.nextBatch()) out.push(b.map((i) => i.payload));
  return out;
};

describe('BatchQueue', () => {
  it('sorts a call by length so batches hold texts of similar length', () => {
    const q = new BatchQueue<string>({ maxBatchSize: 2, maxBatchTokens: 1_000 });
    q.add(1, ['l100', 's5', 'm50', 's6'], [100, 5, 50, 6]);
    expect(drain(q)).toEqual([
      ['s5', 's6'],
      ['m50', 'l100'],
    ]);
    expect(q.isEmpty).toBe(true);
  });

  it('keeps padded tokens under the budget but always takes at least one text', () => {
    const q = new BatchQueue<string>({ maxBatchSize: 32, maxBatchTokens: 100 });
    q.add(1, ['a', 'b', 'c', 'huge'], [30, 30, 30, 500]);
    expect(drain(q)).toEqual([['a', 'b', 'c'], ['huge']]);
  });

  it('lets calls take turns, and tops up a batch from the next call', () => {
    const q = new BatchQueue<string>({ maxBatchSize: 3, maxBatchTokens: 1_000 });
    q.add(1, ['i1', 'i2', 'i3', 'i4', 'i5', 'i6'], [10, 10, 10, 10, 10, 10]);
    q.add(2, ['query'], [5]);
    q.add(3, ['x1', 'x2'], [10, 10]);
    // Ingest leads batch 1; the query leads batch 2 and is topped up with the third call.
    expect(drain(q)).toEqual([
      ['i1', 'i2', 'i3'],
      ['query', 'x1', 'x2'],
      ['i4', 'i5', 'i6'],
    ]);
  });

  it('forgets a removed call', () => {
    const q = new BatchQueue<string>({ maxBatchSize: 2, maxBatchTokens: 1_000 });
    q.add(1, ['a', 'b', 'c'], [1, 1, 1]);
    q.add(2, ['z'], [1]);
    expect(q.nextBatch()!.map((i) => i.payload)).toEqual(['a', 'b']);
    q.remove(1);
    expect(drain(q)).toEqual([['z']]);
  });
});
