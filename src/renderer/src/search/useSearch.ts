import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../shared/api/contract';
import type { SearchResponse } from '../../../shared/api/methods/search';
import { useClient } from '../api/ClientContext';

export type SearchParams = Pick<InputOf<'search.query'>, 'q' | 'mode' | 'filters' | 'k'>;

export interface SearchState {
  response: SearchResponse | null;
  /** The params `response` answers (JSON), to tell whether the results match what is typed now. */
  answered: string | null;
  loading: boolean;
  error: string | null;
  /** Skips the debounce (Enter). */
  searchNow: () => void;
}

export function paramsKey(params: SearchParams): string {
  return JSON.stringify([params.q.trim(), params.mode, params.filters, params.k]);
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
  const [state, setState] = useState<Omit<SearchState, 'searchNow'>>({
    response: null,
    answered: null,
    loading: false,
    error: null,
  });

  const run = useCallback(() => {
    clearTimeout(timer.current);
    const p = current.current;
    const callId = ++latest.current;
    const forKey = paramsKey(p);
    if (!p.q.trim()) {
      setState({ response: null, answered: null, loading: false, error: null });
      return;
    }
    setState((s) => ({ ...s, loading: true }));
    client.call('search.query', { ...p, q: p.q.trim() }).then(
      (response) => {
        if (callId === latest.current) setState({ response, answered: forKey, loading: false, error: null });
      },
      (err: Error) => {
        if (callId === latest.current)
          setState({ response: null, answered: forKey, loading: false, error: err.message });
      },
    );
  }, [client]);

  useEffect(() => {
    timer.current = setTimeout(run, debounceMs);
    return () => clearTimeout(timer.current);
  }, [key, run, debounceMs]);

  return { ...state, searchNow: run };
}
