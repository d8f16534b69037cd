import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapQueryProjection } from '../../../shared/api/methods/map';
import { useClient } from '../api/ClientContext';
import type { MapParams } from './useMapLayout';

export interface MapQueryState {
  result: MapQueryProjection | null;
  loading: boolean;
  error: string | null;
  search: (q: string) => void;
  clear: () => void;
}

/**
 * A search drawn on the map: the query is embedded and placed with the layout's own transform
 * (map.project), its closest points highlighted. Cleared when the map's parameters change.
 */
export function useMapQuery(params: MapParams, ready: boolean): MapQueryState {
  const client = useClient();
  const [result, setResult] = useState<MapQueryProjection | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const key = JSON.stringify(params);

  useEffect(() => {
    latest.current++;
    setResult(null);
    setError(null);
    setLoading(false);
  }, [key]);

  const search = useCallback(
    (q: string) => {
      const text = q.trim();
      if (!text || !ready) return;
      const call = ++latest.current;
      setLoading(true);
      setError(null);
      client.call('map.project', { ...(JSON.parse(key) as MapParams), q: text, k: 10 }).then(
        (projection) => {
          if (call !== latest.current) return;
          setResult(projection);
          setLoading(false);
        },
        (err: Error) => {
          if (call !== latest.current) return;
          setError(err.message);
          setLoading(false);
        },
      );
    },
    [client, key, ready],
  );

  const clear = useCallback(() => {
    latest.current++;
    setResult(null);
    setError(null);
  }, []);

  return { result, loading, error, search, clear };
}
