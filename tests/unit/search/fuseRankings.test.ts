import { describe, expect, it } from 'vitest';
import { fuseRankings, type RankedList } from '../../../src/main/core/search/fuseRankings';

const keyword: RankedList = {
  branch: 'keyword',
  items: [
    { id: 'a', score: 12.0 },
    { id: 'b', score: 6.0 },
    { id: 'c', score: 5.5 },
  ],
};
const semantic: RankedList = {
  branch: 'semantic',
  items: [
    { id: 'c', score: 0.81 },
    { id: 'd', score: 0.8 },
    { id: 'e', score: 0.5 },
  ],
};

describe('fuseRankings', () => {
  it('RRF rewards items both rankings retrieved, using ranks only', () => {
    const fused = fuseRankings([keyword, semantic], { method: 'rrf', k: 60 });
    expect(fused.map((f) => f.id)).toEqual(['c', 'a', 'b', 'd', 'e']);
    const c = fused[0]!;
    expect(c.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(c.ranks).toEqual({ keyword: 3, semantic: 1 });
    expect(c.scores).toEqual({ keyword: 5.5, semantic: 0.81 });
    // b and d were each retrieved once at rank 2: a tie, broken deterministically by id.
    expect(fused[2]!.score).toBe(fused[3]!.score);
  });

  it('z-score fusion standardises each branch; a missing branch counts as its weakest hit', () => {
    const fused = fuseRankings([keyword, semantic], { method: 'zscore', alpha: 0.5 });
    const z = (x: number, xs: number[]) => {
      const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
      return (x - mean) / sd;
    };
    const kw = [12, 6, 5.5];
    const sem = [0.81, 0.8, 0.5];
    const a = fused.find((f) => f.id === 'a')!;
    expect(a.score).toBeCloseTo(0.5 * z(12, kw) + 0.5 * z(0.5, sem), 12);
    const c = fused.find((f) => f.id === 'c')!;
    expect(c.score).toBeCloseTo(0.5 * z(5.5, kw) + 0.5 * z(0.81, sem), 12);
    // BM25's lead of a (twice the next score) outweighs c's top cosine: min-max keeps no such margin.
    expect(fused[0]!.id).toBe('a');
  });

  it('convex fusion weighs min-max normalised scores by alpha', () => {
    const even = fuseRankings([keyword, semantic], { method: 'convex', alpha: 0.5 });
    const a = even.find((f) => f.id === 'a')!;
    expect(a.score).toBeCloseTo(0.5 * 1, 12); // best BM25, not retrieved semantically
    const c = even.find((f) => f.id === 'c')!;
    expect(c.score).toBeCloseTo(0.5 * 0 + 0.5 * 1, 12); // worst BM25, best cosine
    const d = even.find((f) => f.id === 'd')!;
    expect(d.score).toBeCloseTo(0.5 * ((0.8 - 0.5) / (0.81 - 0.5)), 6);
    const semanticOnly = fuseRankings([keyword, semantic], { method: 'convex', alpha: 1 });
    expect(semanticOnly.slice(0, 2).map((f) => f.id)).toEqual(['c', 'd']);
    const keywordOnly = fuseRankings([keyword, semantic], { method: 'convex', alpha: 0 });
    expect(keywordOnly[0]!.id).toBe('a');
  });

  it('handles a single ranking, constant scores, duplicates and empty input', () => {
    expect(fuseRankings([semantic]).map((f) => f.id)).toEqual(['c', 'd', 'e']);
    const flat = fuseRankings(
      [
        {
          branch: 'keyword',
          items: [
            { id: 'x', score: 2 },
            { id: 'y', score: 2 },
          ],
        },
      ],
      { method: 'convex' },
    );
    expect(flat.map((f) => f.score)).toEqual([0.5, 0.5]);
    const dup = fuseRankings([
      {
        branch: 'keyword',
        items: [
          { id: 'x', score: 3 },
          { id: 'x', score: 1 },
        ],
      },
    ]);
    expect(dup).toHaveLength(1);
    expect(dup[0]!.ranks.keyword).toBe(1);
    expect(fuseRankings([])).toEqual([]);
  });
});
