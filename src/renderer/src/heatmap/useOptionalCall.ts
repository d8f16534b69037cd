import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import { useClient } from '../api/ClientContext';

export interface OptionalCall<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Calls a read-only method whenever its input changes (compared as JSON), or not at all while the
 * input is null (e.g. no query typed yet). Answers to older inputs are dropped.
 */
export function useOptionalCall<M extends MethodName>(
  method: M,
  input: InputOf<M> | null,
): OptionalCall<OutputOf<M>> {
  const client = useClient();
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: OutputOf<M> | null; error: string | null; loading: boolean }>({
    data: null,
    error: null,
    loading: false,
  });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    if (key === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, loading: true, error: null }));
    client.call(method, JSON.parse(key) as InputOf<M>).then(
      (data) => id === latest.current && setState({ data, error: null, loading: false }),
      (err: Error) => id === latest.current && setState({ data: null, error: err.message, loading: false }),
    );
  }, [client, method, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
