import { useMemo, useState } from 'react';
import { useClient } from '../api/ClientContext';
import { useCoreQuery } from '../api/useCoreQuery';
import { useAppMode } from '../components/appMode';
import { ImageViewer } from './ImageViewer';
import { hitRects } from './ocrHighlight';
import { PdfViewer } from './PdfViewer';
import { ReaderView } from './ReaderView';
import type { ViewerTarget } from './viewerTarget';
import './viewer.css';

/**
 * The viewer beside the results (or the library table): the document's title and path, buttons to
 * open it in the system app or show it in its folder, and the PDF viewer, the image viewer (PNG, JPEG,
 * TIFF) or the reader view.
 */
export function ViewerPane({
  target,
  onClose,
  onPageChange,
}: {
  target: ViewerTarget;
  onClose: () => void;
  /** The PDF viewer turned to another page (the URL follows it). */
  onPageChange?: (page: number) => void;
}) {
  const client = useClient();
  const pages = useCoreQuery('document.pages', { id: target.docId });
  const [notice, setNotice] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mode = useAppMode();

  const docPages = pages.data?.document.id === target.docId ? pages.data.pages : null;
  const hitPage = docPages?.find((p) => p.page === target.page);
  const pageText = hitPage?.text;
  const range =
    target.page !== null &&
    target.charStart !== undefined &&
    target.charEnd !== undefined &&
    target.charEnd > target.charStart
      ? { page: target.page, start: target.charStart, end: target.charEnd }
      : null;
  const fromPage = pageText && range ? pageText.slice(range.start, range.end) : '';
  const highlight = fromPage.trim() ? fromPage : (target.chunkText ?? null);
  // A scanned page has no text layer to mark: its stored OCR word boxes say where the hit's words are.
  const boxes = hitPage?.boxes;
  const [markStart, markEnd] = range ? [range.start, range.end] : [0, 0];
  const markRects = useMemo(
    () => (boxes && markEnd > markStart ? hitRects(boxes, markStart, markEnd) : null),
    [boxes, markStart, markEnd],
  );

  // Say what happened: in browser mode the file opens on the computer running Loci, which may not be
  // the screen in front of the user, so a silent success looked like nothing happened.
  async function act(method: 'document.openExternal' | 'document.reveal') {
    setNotice(null);
    const opening = method === 'document.openExternal';
    setDone(opening ? 'Opening in the system app…' : 'Opening its folder…');
    try {
      const result = await client.call(method, { id: target.docId });
      const ok = 'opened' in result ? result.opened : result.revealed;
      const where = mode === 'browser' ? ' on the computer running Loci' : '';
      if (!ok) {
        setDone(null);
        setNotice('The system did not open it.');
      } else
        setDone(
          opening
            ? `Asked the system to open it in its default app${where}.`
            : `Asked the system to show it in its folder${where}.`,
        );
    } catch (err) {
      setDone(null);
      setNotice((err as Error).message);
    }
  }

  return (
    <aside className="viewer-pane" aria-label="Document viewer" data-testid="viewer">
      <header className="viewer-header">
        <div className="viewer-title">
          <h2 title={target.title}>{target.title || target.path}</h2>
          <span className="small muted" title={target.path}>
            {target.path}
          </span>
        </div>
        <div className="viewer-actions">
          <button type="button" onClick={() => void act('document.openExternal')}>
            Open in system app
          </button>
          <button type="button" onClick={() => void act('document.reveal')}>
            Show in folder
          </button>
          <button type="button" className="icon-button" aria-label="Close viewer" onClick={onClose}>
            ×
          </button>
        </div>
      </header>
      {done && !notice && (
        <p role="status" className="small muted viewer-message" data-testid="viewer-status">
          {done}{' '}
          <button type="button" className="link-button" onClick={() => setDone(null)}>
            Dismiss
          </button>
        </p>
      )}
      {notice && (
        <p role="alert" className="error-text viewer-message">
          {notice}
        </p>
      )}
      {target.kind === 'pdf' ? (
        // Wait for the page text so the mark is placed on the first render.
        docPages || pages.error ? (
          <PdfViewer
            docId={target.docId}
            startPage={target.startPage ?? target.page ?? 1}
            markPage={target.page ?? 1}
            openedAt={target.openedAt}
            highlight={range ? highlight : null}
            markRects={markRects}
            {...(onPageChange ? { onPageChange } : {})}
          />
        ) : (
          <p className="muted viewer-message" aria-busy="true">
            Opening…
          </p>
        )
      ) : target.kind === 'image' ? (
        docPages || pages.error ? (
          <ImageViewer
            docId={target.docId}
            startPage={target.startPage ?? target.page ?? 1}
            markPage={target.page ?? 1}
            openedAt={target.openedAt}
            markRects={markRects}
            {...(onPageChange ? { onPageChange } : {})}
          />
        ) : (
          <p className="muted viewer-message" aria-busy="true">
            Opening…
          </p>
        )
      ) : pages.error ? (
        <p role="alert" className="error-text viewer-message">
          {pages.error}
        </p>
      ) : docPages ? (
        <ReaderView pages={docPages} hit={range} openedAt={target.openedAt} />
      ) : (
        <p className="muted viewer-message" aria-busy="true">
          Opening…
        </p>
      )}
    </aside>
  );
}
