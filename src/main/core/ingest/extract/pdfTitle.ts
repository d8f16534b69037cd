import type { PositionedText } from './pdfTextLayout';

/**
 * A PDF's title. The info dictionary's Title is often wrong: a file name ("float.dvi"), an author's
 * name, a truncated or run-together string ("CoDiCommutative"), or missing. What a reader calls the
 * title is usually the largest text on page 1. The rule (checked on real PDFs, see the README):
 * 1. the metadata title when page 1 confirms it (most of its words are in the largest text or the
 *    first line), and it is not a file name;
 * 2. else the largest text on page 1 when it looks like a title (3..200 characters, letters);
 * 3. else the metadata title; else the first line (up to 200 characters); else the file name.
 */

/** Lines whose text is this share of the largest size or more count as the largest text. */
const SIZE_TOLERANCE = 0.92;
/** At most this many lines of the largest size form the title (titles wrap; body text does not qualify). */
const MAX_TITLE_LINES = 3;
/** Longest title in words. */
const MAX_TITLE_WORDS = 16;
/** Title text is at least this much larger than the body text. */
const TITLE_OVER_BODY = 1.15;

/** The text set in the largest font on the page, its lines in reading order, joined by spaces. */
export function largestText(items: readonly PositionedText[]): string | undefined {
  const runs = items
    .filter((i) => i.str.trim().length > 0)
    .map((i) => ({ str: i.str, x: i.transform[4] ?? 0, y: i.transform[5] ?? 0, size: runSize(i) }))
    .filter((r) => r.size > 0);
  if (runs.length === 0) return undefined;
  const max = Math.max(...runs.map((r) => r.size));
  // A page set in one size has no title text (a letter, a plain report): the body's size is the
  // median over characters.
  if (max < bodySize(runs) * TITLE_OVER_BODY) return undefined;
  const big = runs.filter((r) => r.size >= max * SIZE_TOLERANCE);
  // Baselines of the big runs; every run on such a baseline belongs to the line (a logo such as
  // LaTeX mixes sizes within one word).
  const baselines: number[] = [];
  for (const r of big) if (!baselines.some((y) => Math.abs(y - r.y) < max * 0.5)) baselines.push(r.y);
  baselines.sort((a, b) => b - a); // top of the page first (PDF y grows upwards)
  if (baselines.length > MAX_TITLE_LINES) return undefined;
  const lines = baselines.map((y) =>
    runs
      .filter((r) => Math.abs(r.y - y) < max * 0.5)
      .sort((a, b) => a.x - b.x)
      .map((r) => r.str)
      .join(' '),
  );
  const text = tidy(lines.join(' '));
  return text.length > 0 ? text : undefined;
}

/** The size most of the page's characters are set in. */
function bodySize(runs: ReadonlyArray<{ str: string; size: number }>): number {
  const bySize = [...runs].sort((a, b) => a.size - b.size);
  const total = bySize.reduce((n, r) => n + r.str.length, 0);
  let seen = 0;
  for (const r of bySize) {
    seen += r.str.length;
    if (seen >= total / 2) return r.size;
  }
  return bySize[bySize.length - 1]?.size ?? 0;
}

function runSize(item: PositionedText): number {
  if (item.height > 0) return item.height;
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d);
}

/** Collapses spaces, drops footnote marks (∗ † ‡) and trailing punctuation, rejoins split logos. */
function tidy(text: string): string {
  return text
    .replace(/[∗*†‡§¶]+/g, ' ')
    .replace(/\bL\s?A\s?TE\s?X/g, 'LaTeX')
    .replace(/\s+/g, ' ')
    .replace(/[\s:;,.]+$/, '')
    .trim();
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function looksLikeTitle(text: string | undefined): text is string {
  if (!text || text.length < 3 || text.length > 200) return false;
  // A title is a line or two, not a paragraph that happens to be set large.
  return (text.match(/\p{L}/gu) ?? []).length >= 3 && words(text).length <= MAX_TITLE_WORDS;
}

function looksLikeFileName(text: string): boolean {
  return /\.(dvi|tex|pdf|ps|docx?|odt|rtf|txt)$/i.test(text) || /^[\w-]+\.\w{1,4}$/.test(text);
}

/** Share of the words of `a` that occur in `b`. */
function overlap(a: string, b: string | undefined): number {
  const wa = words(a);
  if (wa.length === 0 || !b) return 0;
  const wb = new Set(words(b));
  return wa.filter((w) => wb.has(w)).length / wa.length;
}

export function choosePdfTitle(parts: {
  /** The info dictionary's Title (tool prefixes removed), if any. */
  metadata: string | undefined;
  /** The largest text on page 1, if it stands out. */
  largest: string | undefined;
  /** The first line of text of the document. */
  firstLine: string | undefined;
  /** The file name without its extension. */
  fileName: string;
}): string {
  const { largest, firstLine } = parts;
  const metadata = parts.metadata && !looksLikeFileName(parts.metadata) ? parts.metadata : undefined;
  // Confirmed by what page 1 shows as its title: not an author's name, not a leftover.
  if (metadata && Math.max(overlap(metadata, largest), overlap(metadata, firstLine)) >= 0.6) return metadata;
  if (looksLikeTitle(largest)) return largest;
  if (metadata) return metadata;
  return firstLine && firstLine.length <= 200 ? firstLine : parts.fileName;
}
