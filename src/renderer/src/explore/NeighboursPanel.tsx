import { useEffect, useRef } from 'react';
import type { DocRef } from '../../../shared/api/methods/documents';
import { displayText } from '../components/displayText';
import { useOptionalCall } from '../heatmap/useOptionalCall';

export type NeighbourTarget = { docId: string; title: string } | { chunkId: string; title: string };

/** Nearest documents and passages of one document (its mean vector) or one passage. */
export function NeighboursPanel({
  target,
  model,
  onOpen,
  onClose,
}: {
  target: NeighbourTarget;
  model: string;
  onOpen: (doc: DocRef, page: number | null) => void;
  onClose: () => void;
}) {
  const input = 'docId' in target ? { docId: target.docId } : { chunkId: target.chunkId };
  const result = useOptionalCall('explore.neighbours', { ...input, k: 8, ...(model ? { model } : {}) });
  const data = result.data;
  // The panel opens below the results: bring it into view (and focus it) so the click visibly did
  // something, instead of leaving the answer below the fold.
  const panel = useRef<HTMLElement>(null);
  const key = JSON.stringify(input);
  const loaded = data !== null;
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'start', behavior: 'instant' });
    panel.current?.focus({ preventScroll: true });
  }, [key, loaded]);
  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="card neighbours"
      aria-label="Neighbours"
      data-testid="neighbours"
    >
      <header className="card-header">
        <h3>
          Neighbours of {'docId' in target ? 'document' : 'passage'}: {target.title}
        </h3>
        <button type="button" className="icon-button" aria-label="Close neighbours" onClick={onClose}>
          ×
        </button>
      </header>
      {result.error && <p className="error-text">{result.error}</p>}
      {result.loading && <p className="muted">Looking…</p>}
      {data && (
        <div className="explore-columns">
          <div>
            <h4>Documents</h4>
            <ol>
              {data.documents.map((d) => (
                <li key={d.doc.docId} data-testid="neighbour-document">
                  <button type="button" className="link-button" onClick={() => onOpen(d.doc, 1)}>
                    {d.doc.title}
                  </button>{' '}
                  <span className="muted small">{d.score.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h4>Passages</h4>
            <ol>
              {data.chunks.map((c) => (
                <li key={c.chunkId}>
                  <button type="button" className="link-button" onClick={() => onOpen(c.doc, c.page)}>
                    {c.doc.title}
                    {c.page !== null ? `, p. ${c.page}` : ''}
                  </button>{' '}
                  <span className="muted small">{c.score.toFixed(3)}</span>
                  <div className="small snippet">{displayText(c.text)}</div>
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </section>
  );
}
