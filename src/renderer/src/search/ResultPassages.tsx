import { useState } from 'react';
import type { SearchHit, SearchMode, SearchPassage } from '../../../shared/api/methods/search';
import { useClient } from '../api/ClientContext';
import { HighlightedText } from '../components/HighlightedText';
import { pageMark } from '../components/vocabulary';

/** The hit as seen through one of its passages (what the viewer opens at). */
export function hitAtPassage(hit: SearchHit, p: SearchPassage): SearchHit {
  return {
    ...hit,
    chunkId: p.chunkId,
    page: p.page,
    headingPath: p.headingPath,
    text: p.text,
    snippet: p.snippet,
    highlights: p.highlights,
    charStart: p.charStart,
    charEnd: p.charEnd,
  };
}

/**
 * A document result's passages: its best few, each opening the viewer at its page, and "N more in
 * this document", which fetches the next passages of that document for the same query.
 */
export function ResultPassages({
  hit,
  query,
  onOpen,
}: {
  hit: SearchHit;
  query: { q: string; mode: SearchMode };
  onOpen: (hit: SearchHit) => void;
}) {
  const client = useClient();
  const [extra, setExtra] = useState<SearchPassage[]>([]);
  const [next, setNext] = useState<number | null>(hit.morePassages ? (hit.passages?.length ?? 0) : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passages = [...(hit.passages ?? []), ...extra];
  const remaining = (hit.morePassages ?? 0) - extra.length;

  function more() {
    if (next === null) return;
    setBusy(true);
    client
      .call('search.passages', { q: query.q, mode: query.mode, docId: hit.docId, offset: next, limit: 10 })
      .then(
        (r) => {
          setExtra((e) => [...e, ...r.passages]);
          setNext(r.nextOffset);
          setBusy(false);
        },
        (err: Error) => {
          setError(err.message);
          setBusy(false);
        },
      );
  }

  return (
    <div className="passages" data-testid="passages">
      {passages.map((p) => (
        <button
          type="button"
          key={p.chunkId}
          className="passage"
          data-testid="passage"
          onMouseDown={(e) => e.preventDefault() /* keep focus in the search box */}
          onClick={(e) => {
            e.stopPropagation();
            onOpen(hitAtPassage(hit, p));
          }}
        >
          {p.page !== null && (
            <span className="passage-page" data-testid="passage-page">
              {pageMark(hit.kind)} {p.page}
            </span>
          )}
          <span className="passage-snippet">
            {p.headingPath.length > 0 && (
              <span className="passage-headings small">{p.headingPath.join(' › ')} · </span>
            )}
            <HighlightedText text={p.snippet} ranges={p.highlights} />
          </span>
        </button>
      ))}
      {next !== null && (
        <button
          type="button"
          className="link-button small"
          data-testid="more-passages"
          disabled={busy}
          onMouseDown={(e) => e.preventDefault()}
          onClick={(e) => {
            e.stopPropagation();
            more();
          }}
        >
          {busy ? 'Loading…' : remaining > 0 ? `${remaining} more in this document` : 'More in this document'}
        </button>
      )}
      {error && <span className="error-text small">{error}</span>}
    </div>
  );
}
