import { useEffect, useState } from 'react';
import { useClient } from '../api/ClientContext';
import { openImagePages, type ImagePages } from './imagePages';
import { drawOcrMarks, type PageRect } from './ocrHighlight';
import { PagedViewerFrame } from './PagedViewerFrame';
import { usePagedView } from './usePagedView';

/**
 * PNG, JPEG and TIFF documents as what they are, images (page by page for a multi-page TIFF), with the
 * hit's passage marked over its words from the stored OCR word boxes, the way the PDF viewer marks a
 * scanned page. Same toolbar (pages, zoom), same page box and mark layer as the PDF viewer.
 */
export function ImageViewer({
  docId,
  startPage,
  openedAt,
  markPage = startPage,
  markRects = null,
  onPageChange,
}: {
  docId: string;
  startPage: number;
  /** Changes on every open: jump back to `startPage` even when it did not change. */
  openedAt: number;
  /** The page holding the hit (default `startPage`). */
  markPage?: number;
  /** Where the hit's words are on `markPage`, from their OCR word boxes (fractions of the image). */
  markRects?: readonly PageRect[] | null;
  onPageChange?: (page: number) => void;
}) {
  const client = useClient();
  const [image, setImage] = useState<ImagePages | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState<{ page: number; marks: number } | null>(null);
  const view = usePagedView({ startPage, openedAt, pages: image?.count ?? 0, onPageChange });
  const { page: clampedPage, zoom, width, pageBox, scroller, setShownScale } = view;

  useEffect(() => {
    let closed = false;
    let opened: ImagePages | null = null;
    setImage(null);
    setError(null);
    setRendered(null);
    pageBox.current?.replaceChildren();
    (async () => {
      const bytes = await client.call('document.bytes', { id: docId });
      if (closed) return;
      opened = await openImagePages(bytes);
      if (closed) opened.close();
      else setImage(opened);
    })().catch((err: Error) => {
      if (!closed) setError(err.message);
    });
    return () => {
      closed = true;
      opened?.close();
    };
  }, [client, docId, pageBox]);

  useEffect(() => {
    const box = pageBox.current;
    if (!image || !box || (zoom === 'fit' && width === 0)) return;
    let cancelled = false;
    (async () => {
      const canvas = await image.render(clampedPage);
      if (cancelled) return;
      const scale = zoom === 'fit' ? Math.max(0.05, (width - 32) / canvas.width) : zoom;
      canvas.style.width = `${Math.floor(canvas.width * scale)}px`;
      canvas.style.height = `${Math.floor(canvas.height * scale)}px`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Page ${clampedPage} of the image`);
      box.style.width = canvas.style.width;
      box.style.height = canvas.style.height;
      const ocrLayer = document.createElement('div');
      ocrLayer.className = 'ocrLayer';
      ocrLayer.dataset.testid = 'ocr-layer';
      box.replaceChildren(canvas, ocrLayer);
      setShownScale(scale);
      const marks = clampedPage === markPage && markRects?.length ? drawOcrMarks(ocrLayer, markRects) : [];
      marks[0]?.scrollIntoView({ block: 'center' });
      if (!marks.length) scroller.current?.scrollTo({ top: 0 });
      setRendered({ page: clampedPage, marks: marks.length });
    })().catch((err: Error) => {
      if (!cancelled) setError(err.message);
    });
    return () => {
      cancelled = true;
    };
  }, [image, clampedPage, zoom, width, markPage, markRects, openedAt, pageBox, scroller, setShownScale]);

  return (
    <PagedViewerFrame
      view={view}
      className="pdf-viewer image-viewer"
      testId="image-viewer"
      opened={image !== null}
      error={error}
      cannotShow="Could not show this image"
      rendered={rendered}
    />
  );
}
