import { describe, expect, it } from 'vitest';
import { hitRects } from '../../../src/renderer/src/viewer/ocrHighlight';

// A hit on a scanned page is marked from its words' boxes: only the words in the hit's character
// range, joined into one band per line.
describe('hitRects', () => {
  // "alpha beta\ngamma delta": two lines of two words.
  const boxes = {
    starts: [0, 6, 11, 17],
    ends: [5, 10, 16, 22],
    rects: [0.1, 0.1, 0.1, 0.02, 0.25, 0.1, 0.1, 0.02, 0.1, 0.15, 0.12, 0.02, 0.25, 0.15, 0.1, 0.02],
  };

  it('joins the words of one line and starts a band per line', () => {
    const rects = hitRects(boxes, 0, 22);
    expect(rects).toHaveLength(2);
    expect(rects[0]!.x).toBeCloseTo(0.1);
    expect(rects[0]!.w).toBeCloseTo(0.25);
    expect(rects[1]!.y).toBeCloseTo(0.15);
  });

  it('marks only the words overlapping the range', () => {
    const rects = hitRects(boxes, 7, 14); // "eta\ngam": the ends of words 2 and 3
    expect(rects).toHaveLength(2);
    expect(rects[0]!.x).toBeCloseTo(0.25);
    expect(rects[1]!.x).toBeCloseTo(0.1);
    expect(rects[1]!.w).toBeCloseTo(0.12);
    expect(hitRects(boxes, 5, 6)).toEqual([]); // the space between words
  });
});
