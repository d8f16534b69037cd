import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../../shared/api/methods/library';
import { useClient } from '../api/ClientContext';
import type { ViewerTarget } from '../viewer/viewerTarget';
import type { HistoryMode } from './hashRouter';
import type { DocRoute } from './route';

export interface RoutedViewer {
  /** What the viewer shows, or null (closed, or the document is still being looked up). */
  target: ViewerTarget | null;
  open: (target: ViewerTarget) => void;
  close: () => void;
  /** The viewer turned a page: the URL follows without a new history entry. */
  onPage: (page: number) => void;
}

function docRouteOf(target: ViewerTarget): DocRoute {
  return {
    id: target.docId,
    page: target.page,
    ...(target.page !== null && target.charStart !== undefined && target.charEnd !== undefined
      ? { mark: { page: target.page, start: target.charStart, end: target.charEnd } }
      : {}),
  };
}

/** Same document and the same marked passage (the page may have moved on: that is still this open). */
function sameOpen(target: ViewerTarget, doc: DocRoute): boolean {
  return (
    target.docId === doc.id &&
    target.charStart === doc.mark?.start &&
    target.charEnd === doc.mark?.end &&
    (doc.mark === undefined || target.page === doc.mark.page)
  );
}

/**
 * A section's viewer whose open document, page and marked passage live in the URL. Opening pushes a
 * history entry (Back closes it again); a reload or a bookmark rebuilds the target from `document.get`.
 */
export function useRoutedViewer(
  doc: DocRoute | null,
  setDoc: (doc: DocRoute | null, how?: HistoryMode) => void,
): RoutedViewer {
  const client = useClient();
  const known = useRef<ViewerTarget | null>(null);
  const [fetched, setFetched] = useState<{ key: string; summary: DocumentSummary } | null>(null);
  const docKey = doc ? JSON.stringify([doc.id, doc.mark]) : null;
  // The page the viewer reported last: a URL page that differs from it came from Back, Forward or a
  // link, and makes the viewer jump there (a new `openedAt`).
  const reported = useRef<number | null>(null);
  const [jump, setJump] = useState<{ page: number | null; at: number }>({ page: null, at: 0 });
  if (doc && doc.page !== null && doc.page !== jump.page && doc.page !== reported.current) {
    setJump({ page: doc.page, at: Date.now() });
  }

  const fromMemory = doc && known.current && sameOpen(known.current, doc) ? known.current : null;

  useEffect(() => {
    if (!doc || fromMemory || fetched?.key === docKey) return;
    let live = true;
    client.call('document.get', { id: doc.id }).then(
      (summary) => live && setFetched({ key: docKey!, summary }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, doc, docKey, fromMemory, fetched]);

  const rebuilt = useMemo<ViewerTarget | null>(() => {
    if (!doc || fromMemory || !fetched || fetched.key !== docKey) return null;
    const { summary } = fetched;
    return {
      docId: summary.id,
      title: summary.title,
      kind: summary.kind,
      path: summary.path,
      page: doc.mark?.page ?? doc.page ?? (summary.kind === 'pdf' ? 1 : null),
      ...(doc.mark ? { charStart: doc.mark.start, charEnd: doc.mark.end } : {}),
      openedAt: Date.now(),
    };
    // Only a different document or passage rebuilds it (a page turn must not jump back).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey, fetched, fromMemory]);

  const open = useCallback(
    (target: ViewerTarget) => {
      known.current = target;
      setDoc(docRouteOf(target), 'push');
    },
    [setDoc],
  );
  const close = useCallback(() => {
    known.current = null;
    setDoc(null, 'push');
  }, [setDoc]);
  const onPage = useCallback(
    (page: number) => {
      reported.current = page;
      if (doc && doc.page !== page) setDoc({ ...doc, page }, 'replace');
    },
    [doc, setDoc],
  );

  const base = doc ? (fromMemory ?? rebuilt) : null;
  const target = useMemo<ViewerTarget | null>(
    () =>
      base && {
        ...base,
        startPage: doc?.page ?? base.page,
        openedAt: Math.max(base.openedAt, jump.at),
      },
    [base, jump, doc?.page],
  );
  return { target, open, close, onPage };
}
