import type { PageSection } from '../types';
import { layoutPageText, type PositionedText } from './pdfTextLayout';

/**
 * A PDF's outline (bookmarks) as heading paths of its pages' text. Known-item questions name sections
 * ("the chapter on horizontal rules") that the passage under them never repeats; the outline is the
 * author's own table of contents, so each chunk gets the path of the bookmark it sits under (indexed in
 * the `fields` column, embedded with the "title-headings" chunk context).
 *
 * A bookmark points at a page and usually at a height on it (`/XYZ left top zoom`, `/FitH top`): the
 * section starts at the first line at or below that height. Without a height it starts where the
 * bookmark's title is written on the page, else at the top of the page. A section runs until the next
 * bookmark, across pages: text before a page's first bookmark is still under the previous one.
 */

/** One bookmark, resolved: its heading path (ancestors first), 0-based page and top (page space). */
export interface OutlineEntry {
  path: string[];
  pageIndex: number;
  top: number | null;
}

/** The parts of pdf.js's PDFDocumentProxy the outline needs. */
export interface OutlineSource {
  getOutline(): Promise<OutlineNode[] | null>;
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: { num: number; gen: number }): Promise<number>;
}

interface OutlineNode {
  title: string;
  dest: string | unknown[] | null;
  items?: OutlineNode[];
}

/** Bookmarks beyond this many are ignored (a generated index of thousands says little per entry). */
const MAX_ENTRIES = 2000;
/** A bookmark's span shorter than this joins the next bookmark's (a lone heading line). */
const MIN_SECTION_CHARS = 60;
/** Deeper levels than this are cut (their ancestors' path still applies). */
const MAX_DEPTH = 6;

/** The outline, flattened in reading order (page, then height); empty when the PDF has none. */
export async function readPdfOutline(doc: OutlineSource): Promise<OutlineEntry[]> {
  let roots: OutlineNode[] | null;
  try {
    roots = await doc.getOutline();
  } catch {
    return [];
  }
  const out: OutlineEntry[] = [];
  const walk = async (nodes: readonly OutlineNode[], parents: string[]): Promise<void> => {
    for (const node of nodes) {
      if (out.length >= MAX_ENTRIES) return;
      const title = String(node.title ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      const path = title ? [...parents, title] : parents;
      const target = await resolve(doc, node.dest);
      if (target && title) out.push({ path, ...target });
      if (node.items?.length && path.length < MAX_DEPTH) await walk(node.items, path);
    }
  };
  await walk(roots ?? [], []);
  // Reading order; a stable sort keeps a parent before a child that points at the same place.
  return out
    .map((e, i) => ({ e, i }))
    .sort(
      (a, b) => a.e.pageIndex - b.e.pageIndex || (b.e.top ?? Infinity) - (a.e.top ?? Infinity) || a.i - b.i,
    )
    .map(({ e }) => e);
}

async function resolve(
  doc: OutlineSource,
  dest: OutlineNode['dest'],
): Promise<{ pageIndex: number; top: number | null } | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length < 2) return null;
    const [ref, kind] = explicit as [unknown, { name?: string } | undefined];
    let pageIndex: number;
    if (typeof ref === 'number') pageIndex = ref;
    else if (ref && typeof ref === 'object' && 'num' in ref)
      pageIndex = await doc.getPageIndex(ref as { num: number; gen: number });
    else return null;
    const name = kind?.name;
    const at = name === 'XYZ' ? 3 : name === 'FitH' || name === 'FitBH' ? 2 : name === 'FitR' ? 5 : -1;
    const top = at >= 0 ? explicit[at] : null;
    return { pageIndex, top: typeof top === 'number' && Number.isFinite(top) ? top : null };
  } catch {
    return null;
  }
}

/**
 * Turns the outline into each page's sections, page by page in order (state carries the open
 * bookmark from one page to the next).
 */
export class OutlineSections {
  private current: string[] | null = null;
  private next = 0;

  constructor(private readonly entries: readonly OutlineEntry[]) {}

  /**
   * Sections of page `pageNumber` (1-based), whose laid-out text is `text`; `items` are the page's
   * text items when `text` was laid out from them (not for OCR'd pages), to place bookmarks by height.
   */
  sectionsFor(pageNumber: number, text: string, items?: readonly PositionedText[]): PageSection[] {
    const starts: Array<{ at: number; path: string[] }> = [];
    while (
      this.next < this.entries.length &&
      (this.entries[this.next] as OutlineEntry).pageIndex < pageNumber
    ) {
      const entry = this.entries[this.next++] as OutlineEntry;
      if (entry.pageIndex < pageNumber - 1) {
        this.current = entry.path; // a page skipped (unreadable): its bookmarks still open sections
        continue;
      }
      const at = Math.max(starts.at(-1)?.at ?? 0, startOffset(entry, text, items));
      starts.push({ at, path: entry.path });
    }
    // A heading line straight followed by the next bookmark's ("2 Usage\n2.1 Options") is no section
    // of its own: it would be a chunk of a few words. The next bookmark's section takes its text.
    for (let i = 1; i < starts.length; i++) {
      const prev = starts[i - 1] as { at: number };
      const start = starts[i] as { at: number };
      if (start.at - prev.at < MIN_SECTION_CHARS) start.at = prev.at;
    }
    const sections: PageSection[] = [];
    let from = 0;
    let path = this.current;
    for (const s of starts) {
      if (s.at > from && path) sections.push({ start: from, end: s.at, headingPath: path });
      from = Math.max(from, s.at);
      path = s.path;
    }
    if (path && text.length > from) sections.push({ start: from, end: text.length, headingPath: path });
    this.current = path;
    return sections;
  }
}

/** Where a bookmark's section starts in the page text: at its height, else its title, else the top. */
function startOffset(entry: OutlineEntry, text: string, items?: readonly PositionedText[]): number {
  const title = entry.path.at(-1) ?? '';
  const byHeight = entry.top !== null && items ? offsetAtHeight(entry.top, text, items) : null;
  if (byHeight === null) return titleOffsets(title, text)[0] ?? 0;
  // The title written near the height wins: it is where the heading's line begins. Only the text
  // around the height is searched (a regular expression per bookmark over whole pages cost ~5% of
  // extraction CPU on TeX Live manuals).
  const from = Math.max(0, byHeight - NEAR_CHARS);
  const near = titleOffsets(title, text, from, byHeight + NEAR_CHARS);
  return near[0] ?? byHeight;
}

/** How far from a bookmark's height its title is looked for, in characters. */
const NEAR_CHARS = 200;

/** Offset of the first text line at or below `top` (page space: y grows upwards), at its line start. */
function offsetAtHeight(top: number, text: string, items: readonly PositionedText[]): number | null {
  let index = -1;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PositionedText;
    if (!item.str.trim()) continue;
    const y = item.transform[5] ?? 0;
    // The line whose top (baseline + height) reaches the destination; the first such in reading order.
    if (y <= top + 1 && (index < 0 || y > ((items[index] as PositionedText).transform[5] ?? 0) + 0.5))
      index = i;
  }
  if (index < 0) return null;
  const before = layoutPageText(items.slice(0, index)).length;
  const str = (items[index] as PositionedText).str.trim();
  const found = text.indexOf(str, Math.max(0, before - 40));
  const at = found >= 0 ? found : Math.min(before, text.length);
  return lineStart(text, at);
}

/** Line starts where `title` is written in `text` between `from` and `to` (case and spacing ignored). */
function titleOffsets(title: string, text: string, from = 0, to = text.length): number[] {
  const words = title.match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length === 0) return [];
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\W+'), 'giu');
  return Array.from(text.slice(from, to).matchAll(pattern), (m) => lineStart(text, from + m.index));
}

function lineStart(text: string, at: number): number {
  const nl = text.lastIndexOf('\n', at - 1);
  return nl < 0 ? 0 : nl + 1;
}
