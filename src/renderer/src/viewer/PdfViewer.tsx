import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { useClient } from '../api/ClientContext';
import { highlightTextLayer } from './highlightTextLayer';
import { drawOcrMarks, type PageRect } from './ocrHighlight';
import { loadPdfjs, openPdf } from './loadPdfjs';
import { PagedViewerFrame } from './PagedViewerFrame';
import { usePagedView } from './usePagedView';

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
  const [rendered, setRendered] = useState<{ page: number; marks: number } | null>(null);
  const view = usePagedView({ startPage, openedAt, pages: pdf?.numPages ?? 0, onPageChange });
  const { page: clampedPage, zoom, width, pageBox, scroller, setShownScale } = view;
  // The document the render effect may use; cleared before it is destroyed, so a render still in
  // flight on the old one does not report the teardown as an error.
  const live = useRef<PDFDocumentProxy | null>(null);

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
  }, [client, docId, pageBox]);

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
  }, [
    pdf,
    clampedPage,
    zoom,
    width,
    highlight,
    markPage,
    markRects,
    openedAt,
    pageBox,
    scroller,
    setShownScale,
  ]);

  return (
    <PagedViewerFrame
      view={view}
      className="pdf-viewer"
      testId="pdf-viewer"
      opened={pdf !== null}
      error={error}
      cannotShow="Could not show this PDF"
      rendered={rendered}
    />
  );
}
