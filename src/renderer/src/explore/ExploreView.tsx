import { useState } from 'react';
import type { DocRef } from '../../../shared/api/methods/documents';
import { useOptionalCall } from '../heatmap/useOptionalCall';
import { AnalogyScatter } from './AnalogyScatter';
import { NeighboursPanel, type NeighbourTarget } from './NeighboursPanel';
import { displayText } from '../components/displayText';
import { formatQueryParts, readQueryParts, type SignedParts } from '../components/queryNotation';
import './explore.css';

/**
 * The vector-space explorer: type `A -B +C` (the search's notation; any number of parts), see the nearest passages of the
 * library, the nearest of its key terms (the parts themselves left out) and the arithmetic drawn on a
 * 2D projection. Any passage or document opens its own neighbours.
 */
export function ExploreView({
  model,
  onOpen,
}: {
  model: string;
  onOpen: (doc: DocRef, page: number | null) => void;
}) {
  const [text, setText] = useState('');
  const [k, setK] = useState(10);
  const [asked, setAsked] = useState<SignedParts | null>(null);
  const [neighbours, setNeighbours] = useState<NeighbourTarget | null>(null);
  const result = useOptionalCall(
    'explore.arithmetic',
    asked && asked.plus.length > 0 ? { ...asked, k, ...(model ? { model } : {}) } : null,
  );
  const parsed = readQueryParts(text);
  const data = result.data;

  return (
    <div className="explore-view" data-testid="explore">
      <form
        className="heatmap-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (parsed.plus.length > 0) setAsked(parsed);
        }}
      >
        <input
          type="search"
          className="explore-input"
          aria-label="Expression"
          placeholder="e.g.  sourdough -yeast +river   (quotes group words)"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label>
          k{' '}
          <select value={k} onChange={(e) => setK(Number(e.target.value))} aria-label="Neighbours">
            {[5, 10, 20, 50].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={parsed.plus.length === 0}>
          Explore
        </button>
      </form>
      {text.trim() && (
        <p className="muted small" data-testid="explore-parsed">
          Computes: normalise({parsed.plus.length > 0 ? formatQueryParts(parsed) : '…'})
        </p>
      )}
      {result.error && (
        <p role="alert" className="error-text">
          {result.error}
        </p>
      )}
      {result.loading && <p className="muted">Computing…</p>}
      {data && (
        <>
          <div className="explore-columns">
            <section aria-label="Nearest passages">
              <h4>
                Nearest passages to{' '}
                <span data-testid="explore-understood">
                  {formatQueryParts({
                    plus: data.parts.filter((p) => p.sign === 1).map((p) => p.text),
                    minus: data.parts.filter((p) => p.sign === -1).map((p) => p.text),
                  })}
                </span>
              </h4>
              <ol className="explore-hits" data-testid="explore-chunks">
                {data.chunks.map((c) => (
                  <li key={c.chunkId}>
                    <button type="button" className="link-button" onClick={() => onOpen(c.doc, c.page)}>
                      {c.doc.title}
                      {c.page !== null ? `, p. ${c.page}` : ''}
                    </button>{' '}
                    <span className="muted small">{c.score.toFixed(3)}</span>{' '}
                    <button
                      type="button"
                      className="small"
                      onClick={() => setNeighbours({ chunkId: c.chunkId, title: c.doc.title })}
                    >
                      Similar passages
                    </button>{' '}
                    <button
                      type="button"
                      className="small"
                      onClick={() => setNeighbours({ docId: c.doc.docId, title: c.doc.title })}
                    >
                      Similar documents
                    </button>
                    <div className="small snippet">{displayText(c.text)}</div>
                  </li>
                ))}
              </ol>
            </section>
            <div>
              <section aria-label="Nearest key terms">
                <h4>Nearest key terms (of {data.vocabularySize})</h4>
                <ol className="explore-terms" data-testid="explore-terms">
                  {data.terms.map((t) => (
                    <li key={t.term}>
                      <button
                        type="button"
                        className="link-button"
                        title="Add to the expression"
                        onClick={() => setText((s) => (s.trim() ? `${s.trim()} +${t.term}` : t.term))}
                      >
                        {t.term}
                      </button>{' '}
                      <span className="muted small">
                        {t.score.toFixed(3)} · in {t.df} documents
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
              <section aria-label="The arithmetic on a 2D map">
                <h4>The arithmetic on a 2D map of the library</h4>
                <p className="muted small">
                  Principal components of this model&apos;s document vectors (the Map&apos;s PCA). Arrows run
                  from each part to where the sum lands; for A − B + C they are the two sides of the analogy.
                </p>
                <AnalogyScatter map={data.map} />
              </section>
            </div>
          </div>
        </>
      )}
      {neighbours && (
        <NeighboursPanel
          target={neighbours}
          model={model}
          onOpen={onOpen}
          onClose={() => setNeighbours(null)}
        />
      )}
    </div>
  );
}
