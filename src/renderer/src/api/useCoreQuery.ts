import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import { useClient } from './ClientContext';

export interface CoreQuery<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Calls again; a response older than the newest call is dropped. */
  reload: () => void;
}

/**
 * Calls one read-only method when its input changes (compared as JSON) and on `reload()`. Responses
 * that arrive after a newer call started are discarded, so the view never flips back to stale data.
 */
export function useCoreQuery<M extends MethodName>(method: M, input: InputOf<M>): CoreQuery<OutputOf<M>> {
  const client = useClient();
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data: OutputOf<M> | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const latestCall = useRef(0);

  useEffect(() => {
    const callId = ++latestCall.current;
    setState((s) => ({ ...s, loading: true }));
    client.call(method, JSON.parse(key) as InputOf<M>).then(
      (data) => {
        if (callId === latestCall.current) setState({ data, error: null, loading: false });
      },
      (err: Error) => {
        if (callId === latestCall.current) setState((s) => ({ ...s, error: err.message, loading: false }));
      },
    );
  }, [client, method, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
