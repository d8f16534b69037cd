import { describe, expect, it } from 'vitest';
import {
  aggregateByDocument,
  aggregateScores,
  aggregationName,
} from '../../../src/main/core/search/aggregateDocuments';
import { mergePassages } from '../../../src/main/core/search/mergePassages';

const item = (id: string, score: number) => ({ id, score });
const docOf = (i: { id: string }) => i.id.split(':')[0]!;

describe('aggregateByDocument', () => {
  // doc a: one excellent chunk; doc b: three good ones; doc c: one weak one.
  const ranked = [item('a:1', 1.0), item('b:1', 0.8), item('b:2', 0.75), item('b:3', 0.7), item('c:1', 0.3)];

  it('max ranks by the best chunk and keeps each document once, its items best first', () => {
    const groups = aggregateByDocument(ranked, docOf, { method: 'max' });
    expect(groups.map((g) => g.docId)).toEqual(['a', 'b', 'c']);
    expect(groups[1]!.items.map((i) => i.id)).toEqual(['b:1', 'b:2', 'b:3']);
    expect(groups[1]!.score).toBe(0.8);
  });

  it('a damped sum lets several good passages beat one excellent one, a deeper decay more so', () => {
    expect(aggregateByDocument(ranked, docOf, { method: 'damped', decay: 0.2 }).map((g) => g.docId)).toEqual([
      'a',
      'b',
      'c',
    ]);
    const half = aggregateByDocument(ranked, docOf, { method: 'damped', decay: 0.5 });
    expect(half.map((g) => g.docId)).toEqual(['b', 'a', 'c']);
    expect(half[0]!.score).toBeCloseTo(0.8 + 0.5 * 0.75 + 0.25 * 0.7);
  });

  it('damped depth caps how many chunks count, so volume alone cannot win', () => {
    const many = Array.from({ length: 50 }, (_, i) => item(`long:${i}`, 0.5));
    const score = aggregateScores(
      many.map((m) => m.score),
      { method: 'damped', decay: 0.9, depth: 3 },
    );
    expect(score).toBeCloseTo(0.5 * (1 + 0.9 + 0.81));
  });

  it('mean of the top k counts missing chunks as zero', () => {
    const groups = aggregateByDocument(ranked, docOf, { method: 'meanTop', k: 3 });
    expect(groups.map((g) => g.docId)).toEqual(['b', 'a', 'c']);
    expect(groups[1]!.score).toBeCloseTo(1 / 3);
  });

  it('ties keep the order of each document best item', () => {
    const tied = [item('x:1', 0.5), item('y:1', 0.5), item('x:2', 0.1)];
    expect(aggregateByDocument(tied, docOf, { method: 'max' }).map((g) => g.docId)).toEqual(['x', 'y']);
  });

  it('names settings for the tables', () => {
    expect(aggregationName({ method: 'damped', decay: 0.35 })).toBe('damped d=0.35');
    expect(aggregationName({ method: 'meanTop', k: 2 })).toBe('mean top 2');
  });
});

describe('mergePassages', () => {
  const chunk = (id: string, score: number, page: number | null, ordinal: number) => ({
    id,
    score,
    page,
    ordinal,
  });

  it('merges every chunk of one PDF page into one passage, best chunk first', () => {
    const merged = mergePassages(
      [chunk('c5', 0.9, 3, 5), chunk('c1', 0.8, 1, 1), chunk('c7', 0.7, 3, 7), chunk('c6', 0.6, 3, 6)],
      true,
    );
    expect(merged.map((p) => [p.page, p.chunks.map((c) => c.id)])).toEqual([
      [3, ['c5', 'c7', 'c6']],
      [1, ['c1']],
    ]);
    expect(merged[0]!.score).toBe(0.9);
  });

  it('without real pages only neighbouring chunks merge', () => {
    const merged = mergePassages(
      [chunk('c5', 0.9, 1, 5), chunk('c9', 0.8, 1, 9), chunk('c6', 0.7, 1, 6)],
      false,
    );
    expect(merged.map((p) => p.chunks.map((c) => c.id))).toEqual([['c5', 'c6'], ['c9']]);
  });
});
