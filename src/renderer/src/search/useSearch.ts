import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../shared/api/contract';
import type { SearchResponse } from '../../../shared/api/methods/search';
import { useClient } from '../api/ClientContext';

export type SearchParams = Pick<InputOf<'search.query'>, 'q' | 'mode' | 'filters' | 'k' | 'groupBy' | 'like'>;

export interface SearchState {
  response: SearchResponse | null;
  /** The params `response` answers (JSON), to tell whether the results match what is typed now. */
  answered: string | null;
  loading: boolean;
  error: string | null;
  /** Skips the debounce (Enter). */
  searchNow: () => void;
  /** Appends the next page of results ("Load more"); nothing when there is none. */
  loadMore: () => void;
  loadingMore: boolean;
}

export function paramsKey(params: SearchParams): string {
  return JSON.stringify([
    params.q.trim(),
    params.mode,
    params.filters,
    params.k,
    params.groupBy,
    params.like,
  ]);
}

/**
 * Runs `search.query` as the user types: debounced, and only the newest call's answer is shown (an
 * older, slower response arriving late is dropped rather than replacing newer results).
 */
export function useSearch(params: SearchParams, debounceMs = 200): SearchState {
  const client = useClient();
  const key = paramsKey(params);
  const latest = useRef(0);
  const current = useRef(params);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    current.current = params;
  });
  const [state, setState] = useState<Omit<SearchState, 'searchNow' | 'loadMore'>>({
    response: null,
    answered: null,
    loading: false,
    loadingMore: false,
    error: null,
  });

  const run = useCallback(() => {
    clearTimeout(timer.current);
    const p = current.current;
    const callId = ++latest.current;
    const forKey = paramsKey(p);
    if (!p.q.trim()) {
      setState({ response: null, answered: null, loading: false, loadingMore: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    client.call('search.query', { ...p, q: p.q.trim() }).then(
      (response) => {
        if (callId === latest.current)
          setState({ response, answered: forKey, loading: false, loadingMore: false, error: null });
      },
      (err: Error) => {
        if (callId === latest.current)
          setState({
            response: null,
            answered: forKey,
            loading: false,
            loadingMore: false,
            error: err.message,
          });
      },
    );
  }, [client]);

  useEffect(() => {
    timer.current = setTimeout(run, debounceMs);
    return () => clearTimeout(timer.current);
  }, [key, run, debounceMs]);

  const response = state.response;
  const loadMore = useCallback(() => {
    if (!response || response.nextOffset === null) return;
    const p = current.current;
    const callId = latest.current; // a new search since makes this page stale
    setState((s) => ({ ...s, loadingMore: true }));
    client.call('search.query', { ...p, q: p.q.trim(), offset: response.nextOffset }).then(
      (next) => {
        if (callId !== latest.current) return;
        setState((s) => ({
          ...s,
          loadingMore: false,
          response: { ...next, offset: 0, results: [...(s.response?.results ?? []), ...next.results] },
        }));
      },
      (err: Error) => {
        if (callId === latest.current) setState((s) => ({ ...s, loadingMore: false, error: err.message }));
      },
    );
  }, [client, response]);

  return { ...state, searchNow: run, loadMore };
}
