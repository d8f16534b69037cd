import { useEffect, useRef, useState, type RefObject } from 'react';
import { usePageKeys } from './usePageKeys';
import type { Zoom } from './ViewerToolbar';

/**
 * What the PDF and image viewers share: one page at a time in a scroller, turned by the toolbar and
 * PageUp / PageDown, zoomed to the scroller's width or a set scale. Each viewer draws its own page into
 * `pageBox` (pdf.js canvas and text layer, or the decoded image) and reports what it drew.
 */
export interface PagedView {
  /** The page shown (1-based, within the document's pages once they are known). */
  page: number;
  go: (page: number) => void;
  zoom: Zoom;
  /** The scale the last drawn page was drawn at (what "Fit width" came to). */
  setShownScale: (scale: number) => void;
  /** The scroller's inner width in CSS pixels, what "Fit width" fits. */
  width: number;
  root: RefObject<HTMLDivElement | null>;
  scroller: RefObject<HTMLDivElement | null>;
  pageBox: RefObject<HTMLDivElement | null>;
  /** For the frame: the toolbar's state. */
  toolbar: { pages: number; shownScale: number; onZoom: (zoom: Zoom) => void };
}

export function usePagedView({
  startPage,
  openedAt,
  pages,
  onPageChange,
}: {
  startPage: number;
  /** Changes on every open: jump back to `startPage` even when it did not change. */
  openedAt: number;
  /** The document's pages; 0 while it opens. */
  pages: number;
  onPageChange?: ((page: number) => void) | undefined;
}): PagedView {
  const [page, setPage] = useState(startPage);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [shownScale, setShownScale] = useState(1);
  const [width, setWidth] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const pageBox = useRef<HTMLDivElement>(null);

  // A new open (another hit) jumps to its page; adjusting state during render avoids a stale frame.
  const [seenOpen, setSeenOpen] = useState(openedAt);
  if (seenOpen !== openedAt) {
    setSeenOpen(openedAt);
    setPage(startPage);
  }

  const reportPage = useRef(onPageChange);
  useEffect(() => {
    reportPage.current = onPageChange;
  });
  useEffect(() => {
    reportPage.current?.(page);
  }, [page]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const clampedPage = Math.max(1, Math.min(page, pages || 1));
  const go = (n: number) => setPage(Math.max(1, Math.min(pages || 1, n)));
  usePageKeys(
    root,
    () => go(clampedPage - 1),
    () => go(clampedPage + 1),
  );

  return {
    page: clampedPage,
    go,
    zoom,
    setShownScale,
    width,
    root,
    scroller,
    pageBox,
    toolbar: { pages, shownScale, onZoom: setZoom },
  };
}
