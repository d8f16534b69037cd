import type { WordBoxes } from '../../../shared/api/methods/documents';

/** A rectangle as fractions (0..1) of the page's width and height, origin top left. */
export interface PageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The rectangles to mark for a hit on a scanned page: the boxes of the words that overlap the hit's
 * character range [start, end), joined into one band per line (consecutive words whose vertical
 * extents overlap), so the passage reads as marked lines, like the text layer's marks.
 */
export function hitRects(boxes: WordBoxes, start: number, end: number): PageRect[] {
  const rects: PageRect[] = [];
  for (let i = 0; i < boxes.starts.length; i++) {
    if (boxes.ends[i]! <= start || boxes.starts[i]! >= end) continue;
    const [x, y, w, h] = [0, 1, 2, 3].map((k) => boxes.rects[i * 4 + k] ?? 0) as [
      number,
      number,
      number,
      number,
    ];
    const last = rects[rects.length - 1];
    const sameLine = last && y < last.y + last.h && y + h > last.y && x >= last.x;
    if (last && sameLine) {
      const top = Math.min(last.y, y);
      const bottom = Math.max(last.y + last.h, y + h);
      last.w = Math.max(last.x + last.w, x + w) - last.x;
      last.y = top;
      last.h = bottom - top;
    } else rects.push({ x, y, w, h });
  }
  return rects;
}

/**
 * Draws `rects` as <mark class="hit"> elements in a layer over a rendered page (`.ocrLayer`, sized by
 * the page box, positioned in percent so it follows the page at any zoom). Returns the marks.
 */
export function drawOcrMarks(layer: HTMLElement, rects: readonly PageRect[]): HTMLElement[] {
  const pad = 0.002; // a hair of margin, so the band does not cut the glyphs' edges
  return rects.map((r) => {
    const mark = document.createElement('mark');
    mark.className = 'hit';
    mark.style.left = `${(r.x - pad) * 100}%`;
    mark.style.top = `${(r.y - pad) * 100}%`;
    mark.style.width = `${(r.w + 2 * pad) * 100}%`;
    mark.style.height = `${(r.h + 2 * pad) * 100}%`;
    layer.append(mark);
    return mark;
  });
}
