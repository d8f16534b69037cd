import type { DocRef, PassageRef } from '../../../shared/api/methods/documents';
import { ViewerPane } from '../viewer/ViewerPane';
import type { ViewerTarget } from '../viewer/viewerTarget';

/** Two documents to read side by side (a heatmap cell, a duplicate pair). */
export type DocPair = [ViewerTarget, ViewerTarget];

/** A viewer target for a document, at a page or (better) at a passage, which the viewer marks. */
export function targetFromRef(
  doc: DocRef,
  page: number | null = 1,
  passage?: PassageRef | null,
): ViewerTarget {
  const target: ViewerTarget = {
    docId: doc.docId,
    title: doc.title,
    kind: doc.kind,
    path: doc.path,
    page: passage ? passage.page : (page ?? 1),
    openedAt: Date.now(),
  };
  if (passage) {
    target.charStart = passage.charStart;
    target.charEnd = passage.charEnd;
    target.chunkText = passage.text;
  }
  return target;
}

/** The pair in two viewer panes next to each other; closing either closes both. */
export function PairViewer({
  pair,
  score,
  onClose,
}: {
  pair: DocPair;
  score: number | null;
  onClose: () => void;
}) {
  return (
    <section className="pair-viewer" aria-label="Documents side by side" data-testid="pair-viewer">
      <header className="pair-header">
        <strong>Side by side</strong>
        {score !== null && Number.isFinite(score) && (
          <span className="muted">similarity {score.toFixed(3)}</span>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="pair-panes">
        <ViewerPane target={pair[0]} onClose={onClose} />
        <ViewerPane target={pair[1]} onClose={onClose} />
      </div>
    </section>
  );
}
