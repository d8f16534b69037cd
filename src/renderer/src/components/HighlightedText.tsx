import type { ReactNode } from 'react';
import { displayText } from './displayText';

/**
 * Sorts, clamps and merges [start, end) ranges so they can be rendered left to right without overlap.
 * Ranges outside the text or empty ones are dropped.
 */
export function normaliseRanges(ranges: ReadonlyArray<readonly [number, number]>, length: number) {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, length)), Math.max(0, Math.min(e, length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/**
 * Renders untrusted text with some ranges marked. Every piece is a React text node inside a <span> or
 * <mark>: document text is never parsed as HTML, so markup in a PDF stays visible characters.
 */
export function HighlightedText({
  text,
  ranges,
  markClassName,
}: {
  text: string;
  ranges: ReadonlyArray<readonly [number, number]>;
  markClassName?: string;
}) {
  // Same length as `text`, so the ranges still fit (see displayText).
  text = displayText(text);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of normaliseRanges(ranges, text.length)) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className={markClassName}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
