import { useEffect, useRef } from 'react';
import type { EventName, EventOf } from '../../../shared/api/contract';
import { useClient } from './ClientContext';

/**
 * Subscribes to a core event for the component's lifetime. The latest callback is used without
 * re-subscribing, so callers can pass inline functions.
 */
export function useCoreEvent<E extends EventName>(event: E, callback: (payload: EventOf<E>) => void): void {
  const client = useClient();
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  });
  useEffect(() => client.on(event, (payload) => latest.current(payload)), [client, event]);
}
