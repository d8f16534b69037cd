import { describe, expect, it } from 'vitest';
import { colourRange } from '../../../src/renderer/src/heatmap/colourRange';

const auto = { zmin: null, zmax: null };

// The heatmaps' colour bar: a cosine lies in [-1, 1], so the bar never promises more (an "Over time"
// heatmap of one window drew a bar up to 1.2).
describe('heatmap colour range', () => {
  it("follows the data's range when the user set none", () => {
    expect(colourRange([-0.2, 0.9], auto)).toEqual([-0.2, 0.9]);
  });

  it('widens a single value inside [-1, 1] instead of leaving the padding to Plotly', () => {
    expect(colourRange([1, 1], auto)).toEqual([0.9, 1]);
    expect(colourRange([-1, -1], auto)).toEqual([-1, -0.9]);
    const [lo, hi] = colourRange([0.3, 0.3], auto);
    expect(lo).toBeCloseTo(0.25, 6);
    expect(hi).toBeCloseTo(0.35, 6);
  });

  it("clamps the user's bounds to [-1, 1] and orders them", () => {
    expect(colourRange([0, 1], { zmin: -3, zmax: 1.5 })).toEqual([-1, 1]);
    expect(colourRange([0, 1], { zmin: 0.8, zmax: 0.2 })).toEqual([0.2, 0.8]);
    expect(colourRange([0, 1], { zmin: 0.5, zmax: null })).toEqual([0.5, 1]);
  });

  it('falls back to the full range when nothing is finite', () => {
    expect(colourRange([Number.NaN, Number.NaN], auto)).toEqual([-1, 1]);
  });
});
