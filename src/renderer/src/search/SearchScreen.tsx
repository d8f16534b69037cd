import { useMemo, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/api/methods/search';
import { useCoreEvent } from '../api/useCoreEvent';
import { useCoreQuery } from '../api/useCoreQuery';
import { formatQueryParts } from '../components/queryNotation';
import { setSearchScope, useSearchScope } from '../components/searchScope';
import { topicFilterOf } from '../components/topicChoice';
import { useTabRoute } from '../routing/hashRouter';
import { useRoutedViewer } from '../routing/useRoutedViewer';
import { ViewerPane } from '../viewer/ViewerPane';
import { targetFromHit } from '../viewer/viewerTarget';
import { ExportButtons } from './ExportButtons';
import { citation } from './exportResults';
import { LikeChips, type LikeChip } from './LikeChips';
import { ResultsList, resultOptionId } from './ResultsList';
import { SearchControls, type SearchFilterState, type SearchGrouping } from './SearchControls';
import { paramsKey, useSearch, type SearchParams } from './useSearch';
import './search.css';

/**
 * Search on the left, the viewer on the right. Typing searches (debounced), Enter searches at once or
 * opens the result picked with the arrow keys.
 */
export function SearchScreen({
  inputRef,
  onGoToLibrary,
}: {
  inputRef: React.RefObject<HTMLInputElement | null>;
  onGoToLibrary: () => void;
}) {
  // Query, mode, filters and the open document live in the URL (Back, Reload and bookmarks keep them).
  const [route, setRoute] = useTabRoute('search');
  const { q, mode } = route;
  const setQ = (next: string) => setRoute({ q: next }, 'replace');
  const setMode = (next: typeof mode) => setRoute({ mode: next });
  const filters: SearchFilterState = {
    source: route.source,
    kind: route.kind,
    pathPrefix: route.folder,
    topic: route.topic,
  };
  // A topic is a choice from a menu, like the mode: it gets its own history entry (Back undoes it).
  const setFilters = (f: SearchFilterState) =>
    setRoute(
      { source: f.source, kind: f.kind, folder: f.pathPrefix, topic: f.topic },
      f.topic !== route.topic ? 'push' : 'replace',
    );
  // "Search within these" from the map: Search is limited to those documents until the chip is cleared.
  const scope = useSearchScope();
  const [groupBy, setGroupBy] = useState<SearchGrouping>('document');
  const [like, setLike] = useState<LikeChip[]>([]);
  const [selected, setSelected] = useState(-1);
  const viewer = useRoutedViewer(route.doc, (doc, how) => setRoute({ doc }, how));
  const [openChunkId, setOpenChunkId] = useState<string | null>(null);

  const status = useCoreQuery('library.status', {});
  useCoreEvent('library.changed', status.reload);
  // The library's topic model, for the topic filter (computed in the background on first use).
  const topics = useCoreQuery('topics.get', {});
  // A job starting or ending changes whether an empty library is "empty" or "being filled".
  const [jobSeen, setJobSeen] = useState<string | null>(null);
  useCoreEvent('job.progress', (p) => {
    if (p.kind !== 'ingest' && p.kind !== 'sync') return;
    if (p.state === 'running' && p.jobId === jobSeen) return;
    setJobSeen(p.state === 'running' ? p.jobId : null);
    status.reload();
    // Topics are recomputed per data version: once a job has finished.
    if (p.state !== 'running') topics.reload();
  });

  const params: SearchParams = useMemo(() => {
    // From the URL alone: a bookmarked search is narrowed before the topic model has loaded.
    const topic = topicFilterOf(filters.topic);
    return {
      q,
      mode,
      groupBy,
      like: like.map(({ chunkId, sign }) => ({ chunkId, sign })),
      k: 30,
      filters: {
        ...(filters.source ? { sources: [filters.source] } : {}),
        ...(filters.kind ? { kinds: [filters.kind] } : {}),
        ...(filters.pathPrefix.trim() ? { pathPrefix: filters.pathPrefix.trim() } : {}),
        ...(scope ? { docIds: scope.docIds } : {}),
        ...(topic ? { topic } : {}),
      },
    };
  }, [q, mode, groupBy, like, filters.source, filters.kind, filters.pathPrefix, filters.topic, scope]);
  const search = useSearch(params);
  const current = search.answered === paramsKey(params);
  const results = search.response?.results ?? [];

  // A new answer resets the arrow-key selection (adjusting state during render, not in an effect).
  const [seenAnswer, setSeenAnswer] = useState(search.response);
  if (seenAnswer !== search.response) {
    setSeenAnswer(search.response);
    setSelected(-1);
  }

  function open(hit: SearchHit) {
    setOpenChunkId(hit.chunkId);
    viewer.open(targetFromHit(hit));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (results.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setSelected((i) => Math.max(0, Math.min(results.length - 1, i + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = results[selected];
      if (current && hit) open(hit);
      else search.searchNow();
    } else if (e.key === 'Escape' && selected >= 0) {
      e.preventDefault();
      setSelected(-1);
    }
  }

  const libraryEmpty = status.data?.documents.total === 0 && !status.data.activeJob && !jobSeen;
  const trimmed = q.trim();
  const noResults = current && search.response !== null && results.length === 0;
  // The results grid (the search box's popup) is on screen with rows to point at.
  const hasResults = !libraryEmpty && trimmed !== '' && !noResults && results.length > 0;

  return (
    <div className={`search-screen ${route.doc ? 'with-viewer' : ''}`}>
      <div className="search-column">
        <SearchControls
          inputRef={inputRef}
          q={q}
          onQ={setQ}
          onKeyDown={onKeyDown}
          mode={mode}
          onMode={setMode}
          groupBy={groupBy}
          onGroupBy={setGroupBy}
          filters={filters}
          onFilters={setFilters}
          sources={status.data?.sources ?? []}
          topics={topics.data}
          activeOption={selected >= 0 && hasResults ? resultOptionId(selected) : undefined}
          hasResults={hasResults}
          loading={search.loading}
        />
        {scope && (
          <p className="search-scope small" data-testid="search-scope">
            Within {scope.label}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => setSearchScope(null)}
              aria-label={`Search the whole library, not only the ${scope.label}`}
            >
              ×
            </button>
          </p>
        )}
        {like.length > 0 && (
          <LikeChips chips={like} onRemove={(id) => setLike((l) => l.filter((c) => c.chunkId !== id))} />
        )}
        <div className="search-status small muted" aria-live="polite" data-testid="search-status">
          {search.loading && 'Searching…'}
          {!search.loading && search.response && trimmed && current && (
            <>
              {results.length}
              {search.response.nextOffset !== null ? '+' : ''}{' '}
              {search.response.groupBy === 'document' ? 'document' : 'result'}
              {results.length === 1 ? '' : 's'} in {Math.round(search.response.tookMs)} ms ·{' '}
              {search.response.mode} · {search.response.model}
              {(search.response.parts.minus.length > 0 || search.response.parts.plus.length > 1) && (
                <>
                  {' '}
                  ·{' '}
                  <span data-testid="search-understood">
                    {formatQueryParts({
                      plus: search.response.parts.plus,
                      minus: search.response.parts.minus,
                    })}
                  </span>
                </>
              )}
              {results.length > 0 && (
                <>
                  {' '}
                  · <ExportButtons response={search.response} results={results} />
                </>
              )}
            </>
          )}
        </div>
        {search.error && (
          <p role="alert" className="error-text">
            {search.error}
          </p>
        )}
        {libraryEmpty ? (
          <div className="empty-state" data-testid="search-empty">
            <p>Your library is empty — add a folder.</p>
            <button type="button" className="primary" onClick={onGoToLibrary}>
              Go to Library
            </button>
          </div>
        ) : !trimmed ? (
          <div className="empty-state muted">
            <p>
              Search by meaning or by words. Press Enter to search, ↑ ↓ to pick a result, Enter to open it.
            </p>
          </div>
        ) : noResults ? (
          <div className="empty-state" data-testid="no-results">
            <p>No results for “{trimmed}”.</p>
            <p className="muted small">Try other words, another mode, or clear the filters.</p>
          </div>
        ) : (
          <>
            <ResultsList
              results={results}
              query={{ q: trimmed, mode }}
              selected={selected}
              openChunkId={viewer.target ? openChunkId : null}
              onSelect={setSelected}
              onOpen={open}
              onLike={(hit, sign) =>
                setLike((l) => [
                  ...l.filter((c) => c.chunkId !== hit.chunkId).slice(-9),
                  { chunkId: hit.chunkId, sign, label: citation(hit) },
                ])
              }
            />
            {current && search.response?.nextOffset != null && (
              <button
                type="button"
                className="load-more"
                data-testid="load-more"
                disabled={search.loadingMore}
                onClick={search.loadMore}
              >
                {search.loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
          </>
        )}
      </div>
      {viewer.target && (
        <ViewerPane target={viewer.target} onClose={viewer.close} onPageChange={viewer.onPage} />
      )}
    </div>
  );
}
