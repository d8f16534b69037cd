import { useEffect } from 'react';
import type { SearchHit, SearchMode } from '../../../shared/api/methods/search';
import { HighlightedText } from '../components/HighlightedText';
import { kindLabels, pageMark } from '../components/vocabulary';
import { displayPath } from '../../../shared/displayPath';
import { citation } from './exportResults';
import { ResultPassages } from './ResultPassages';

export function resultOptionId(index: number): string {
  return `search-result-${index}`;
}

/**
 * Search results as a grid driven from the search box (combobox pattern with a grid popup: each
 * result is a row with one cell, which may hold buttons; a listbox option may not): title, page, score,
 * heading path and the snippet with the matched words marked; by document, the document's best
 * passages instead of one snippet. Everything from the document is rendered as text.
 */
export function ResultsList({
  results,
  query,
  selected,
  openChunkId,
  onSelect,
  onOpen,
  onLike,
}: {
  results: SearchHit[];
  query: { q: string; mode: SearchMode };
  selected: number;
  openChunkId: string | null;
  onSelect: (index: number) => void;
  onOpen: (hit: SearchHit) => void;
  /** "More like this" (+1) / "less like this" (-1): the hit joins the query. */
  onLike: (hit: SearchHit, sign: 1 | -1) => void;
}) {
  useEffect(() => {
    if (selected >= 0)
      document.getElementById(resultOptionId(selected))?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <ol id="search-results" role="grid" aria-label="Search results" className="results" data-testid="results">
      {results.map((hit, i) => (
        <li
          key={hit.passages ? hit.docId : hit.chunkId}
          role="row"
          className={`result ${i === selected ? 'selected' : ''} ${hit.chunkId === openChunkId ? 'open' : ''}`}
          data-testid="result"
          onMouseDown={(e) => e.preventDefault() /* keep focus in the search box */}
          onClick={() => {
            onSelect(i);
            onOpen(hit);
          }}
        >
          {/* The search box's aria-activedescendant names this cell while the arrow keys pick it. */}
          <div role="gridcell" id={resultOptionId(i)} aria-selected={i === selected}>
            <div className="result-head">
              <span className="result-title">{hit.title || displayPath(hit.path)}</span>
              <span className="result-meta">
                {hit.page !== null && !hit.passages && (
                  <span className="result-page" data-testid="result-page">
                    {pageMark(hit.kind)} {hit.page}
                  </span>
                )}
                <span className="result-kind">{kindLabels[hit.kind]}</span>
                <span className="result-score" title={`Matched by ${hit.matched.join(' and ')}`}>
                  {hit.score.toFixed(3)}
                </span>
                <span className="result-actions" onMouseDown={(e) => e.preventDefault()}>
                  <button
                    type="button"
                    className="icon-button"
                    title="More like this: add this passage to the query"
                    aria-label="More like this"
                    data-testid="more-like-this"
                    onClick={(e) => {
                      e.stopPropagation();
                      onLike(hit, 1);
                    }}
                  >
                    +
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Less like this: subtract this passage from the query and drop this document"
                    aria-label="Less like this"
                    data-testid="less-like-this"
                    onClick={(e) => {
                      e.stopPropagation();
                      onLike(hit, -1);
                    }}
                  >
                    −
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    title="Copy citation (title, file, page)"
                    aria-label="Copy citation"
                    data-testid="copy-citation"
                    onClick={(e) => {
                      e.stopPropagation();
                      void navigator.clipboard?.writeText(citation(hit));
                    }}
                  >
                    ❝
                  </button>
                </span>
              </span>
            </div>
            {hit.passages ? (
              <ResultPassages hit={hit} query={query} onOpen={onOpen} />
            ) : (
              <>
                {hit.headingPath.length > 0 && (
                  <div className="result-headings small">{hit.headingPath.join(' › ')}</div>
                )}
                <p className="result-snippet" data-testid="result-snippet">
                  <HighlightedText text={hit.snippet} ranges={hit.highlights} />
                </p>
              </>
            )}
            <div className="result-path small muted">{displayPath(hit.path)}</div>
          </div>
        </li>
      ))}
    </ol>
  );
}
