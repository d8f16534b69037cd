import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useClient } from '../api/ClientContext';
import { highlightTextLayer } from './highlightTextLayer';
import { drawOcrMarks, type PageRect } from './ocrHighlight';
import { loadPdfjs, openPdf } from './loadPdfjs';
import { PdfToolbar, type Zoom } from './PdfToolbar';
import { usePageKeys } from './usePageKeys';

/**
 * The built-in PDF viewer (pdf.js display API): one page at a time on a canvas with pdf.js's text
 * layer over it, so text can be selected and the hit's passage is marked. No annotation layer: links
 * in a PDF are never made clickable.
 */
export function PdfViewer({
  docId,
  startPage,
  openedAt,
  highlight,
  markPage = startPage,
  markRects = null,
  onPageChange,
}: {
  docId: string;
  startPage: number;
  /** Changes on every open: jump back to `startPage` even when it did not change. */
  openedAt: number;
  /** Text to mark on `markPage` (the hit's passage), or null. */
  highlight: string | null;
  /** The page holding the hit (default `startPage`). */
  markPage?: number;
  /**
   * On a scanned (OCR'd) page: where the hit's words are, from their stored word boxes. Marked in a
   * layer over the page image instead of in the (empty) text layer.
   */
  markRects?: readonly PageRect[] | null;
  onPageChange?: (page: number) => void;
}) {
  const client = useClient();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(startPage);
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [shownScale, setShownScale] = useState(1);
  const [width, setWidth] = useState(0);
  const [rendered, setRendered] = useState<{ page: number; marks: number } | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const pageBox = useRef<HTMLDivElement>(null);
  // The document the render effect may use; cleared before it is destroyed, so a render still in
  // flight on the old one does not report the teardown as an error.
  const live = useRef<PDFDocumentProxy | null>(null);

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
    let destroyed = false;
    let destroy: (() => void) | null = null;
    setPdf(null);
    setError(null);
    setRendered(null);
    pageBox.current?.replaceChildren();
    (async () => {
      const bytes = await client.call('document.bytes', { id: docId });
      if (destroyed) return;
      const { task } = await openPdf(bytes);
      destroy = () => void task.destroy();
      const doc = await task.promise;
      if (destroyed) return;
      live.current = doc;
      setPdf(doc);
    })().catch((err: Error) => {
      if (!destroyed) setError(err.message);
    });
    return () => {
      destroyed = true;
      live.current = null;
      destroy?.();
    };
  }, [client, docId]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const pages = pdf?.numPages ?? 0;
  const clampedPage = Math.max(1, Math.min(page, pages || 1));

  useEffect(() => {
    const box = pageBox.current;
    if (!pdf || !box || (zoom === 'fit' && width === 0)) return;
    let cancelled = false;
    let renderTask: RenderTask | null = null;
    let cancelText: (() => void) | null = null;
    (async () => {
      const { TextLayer } = await loadPdfjs();
      const pdfPage = await pdf.getPage(clampedPage);
      if (cancelled) return;
      const base = pdfPage.getViewport({ scale: 1 });
      const scale = zoom === 'fit' ? Math.max(0.25, (width - 32) / base.width) : zoom;
      const viewport = pdfPage.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      // A fresh canvas per render: pdf.js refuses two renders on one canvas, and swapping in the
      // finished one avoids a blank flash while zooming.
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = `${Math.floor(viewport.width)}px`;
      canvas.style.height = `${Math.floor(viewport.height)}px`;
      canvas.setAttribute('aria-hidden', 'true');
      renderTask = pdfPage.render({
        canvas,
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      });
      const textDiv = document.createElement('div');
      textDiv.className = 'textLayer';
      const textLayer = new TextLayer({
        textContentSource: pdfPage.streamTextContent(),
        container: textDiv,
        viewport,
      });
      cancelText = () => textLayer.cancel();
      await Promise.all([renderTask.promise, textLayer.render()]);
      if (cancelled) return;
      box.style.setProperty('--total-scale-factor', String(scale));
      box.style.width = canvas.style.width;
      box.style.height = canvas.style.height;
      const ocrLayer = document.createElement('div');
      ocrLayer.className = 'ocrLayer';
      ocrLayer.dataset.testid = 'ocr-layer';
      box.replaceChildren(canvas, textDiv, ocrLayer);
      setShownScale(scale);
      const onMarkPage = clampedPage === markPage;
      const marks = !onMarkPage
        ? []
        : markRects?.length
          ? drawOcrMarks(ocrLayer, markRects)
          : highlight
            ? highlightTextLayer(textLayer.textDivs, highlight)
            : [];
      marks[0]?.scrollIntoView({ block: 'center' });
      if (!marks.length) scroller.current?.scrollTo({ top: 0 });
      setRendered({ page: clampedPage, marks: marks.length });
    })().catch((err: Error) => {
      if (cancelled || live.current !== pdf) return;
      if (err.name !== 'RenderingCancelledException' && err.name !== 'AbortException') setError(err.message);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
      cancelText?.();
    };
  }, [pdf, clampedPage, zoom, width, highlight, markPage, markRects, openedAt]);

  const go = (n: number) => setPage(Math.max(1, Math.min(pages || 1, n)));
  usePageKeys(
    root,
    () => go(clampedPage - 1),
    () => go(clampedPage + 1),
  );

  return (
    <div
      ref={root}
      className="pdf-viewer"
      data-testid="pdf-viewer"
      data-page={clampedPage}
      data-rendered-page={rendered?.page ?? ''}
      data-marks={rendered?.marks ?? ''}
    >
      <PdfToolbar
        page={clampedPage}
        pages={pages}
        onPage={go}
        zoom={zoom}
        shownScale={shownScale}
        onZoom={setZoom}
      />
      {error && (
        <p role="alert" className="error-text viewer-message">
          Could not show this PDF: {error}
        </p>
      )}
      {!pdf && !error && (
        <p className="muted viewer-message" aria-busy="true">
          Opening…
        </p>
      )}
      <div
        className="pdf-scroller"
        ref={scroller}
        tabIndex={0}
        aria-label={`Page ${clampedPage} of ${pages}`}
      >
        <div className="pdf-page" ref={pageBox} />
      </div>
    </div>
  );
}
