/**
 * Turns pdf.js text items (positioned runs of glyphs) into readable page text: spaces where runs sit
 * apart on a line, newlines where the baseline moves, blank lines at paragraph gaps, and line-end
 * hyphenation undone. Kept apart from pdf.js loading so it can be tested with plain item lists.
 */

/** The parts of a pdf.js `TextItem` the layout needs. */
export interface PositionedText {
  str: string;
  /** pdf.js transform `[a, b, c, d, e, f]`: `e, f` are the run's origin in page space. */
  transform: number[];
  /** Advance width of the run in page space. */
  width: number;
  /** Run height (≈ font size) in page space; 0 for pdf.js's synthetic line-break items. */
  height: number;
  hasEOL: boolean;
}

/** Baseline moves larger than this share of the font size start a new line. */
const NEW_LINE_FRACTION = 0.5;
/** Baseline moves larger than this multiple of the font size are paragraph gaps (line spacing is ~1.2). */
const PARAGRAPH_GAP = 1.8;
/** Horizontal gaps wider than this share of the font size are word spaces (letter spacing is far less). */
const SPACE_FRACTION = 0.15;

/** Lays out one page's text items in content-stream order (the order authoring tools write text in). */
export function layoutPageText(items: readonly PositionedText[]): string {
  let out = '';
  let prev: { x: number; y: number; endX: number; size: number } | undefined;
  let atLineStart = true;
  for (const item of items) {
    const x = item.transform[4] ?? 0;
    const y = item.transform[5] ?? 0;
    const size = fontSize(item);
    if (item.str.length > 0) {
      if (prev && !atLineStart) {
        const dy = Math.abs(y - prev.y);
        const ref = Math.max(size, prev.size);
        if (dy > ref * NEW_LINE_FRACTION) {
          out += dy > ref * PARAGRAPH_GAP ? '\n\n' : '\n';
        } else if (x - prev.endX > ref * SPACE_FRACTION && !/\s$/.test(out) && !/^\s/.test(item.str)) {
          out += ' ';
        }
      } else if (prev && atLineStart && out.length > 0) {
        // After an explicit EOL, a large baseline jump still marks a paragraph.
        const dy = Math.abs(y - prev.y);
        if (dy > Math.max(size, prev.size) * PARAGRAPH_GAP && !out.endsWith('\n\n')) out += '\n';
      }
      out += item.str;
      prev = { x, y, endX: x + item.width, size: size || prev?.size || 0 };
      atLineStart = false;
    }
    if (item.hasEOL && !atLineStart) {
      out += '\n';
      atLineStart = true;
    }
  }
  return tidyPageText(out);
}

function fontSize(item: PositionedText): number {
  if (item.height > 0) return item.height;
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d);
}

/**
 * Normalises whitespace, shortens dot leaders and undoes line-end hyphenation: "exam-\nple" becomes "example" when the next
 * line starts in lower case (a soft hyphen always joins). Genuine compounds broken at their hyphen
 * ("well-\nknown") lose the hyphen too; that is rarer than typeset hyphenation and harmless for search.
 */
export function tidyPageText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      // Dot leaders of tables of contents ("Intro . . . . . 7") carry no words; keep one ellipsis.
      .replace(/(?: ?\.){4,}/g, ' \u2026')
      .replace(/\u00ad\n?/g, '')
      .replace(/(\p{L})[-\u2010]\n(\p{Ll})/gu, '$1$2')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
