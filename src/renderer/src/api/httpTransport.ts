import type { Transport } from '../../../shared/api/client';
import { isApiError } from '../../../shared/api/errors';
import { eventNames } from '../../../shared/api/names';
import { decodeWire, wireContentType } from '../../../shared/api/wire';

const tokenKey = 'loci.sessionToken';

/**
 * Reads the session token from the URL `loci serve` printed (`/?token=...`), keeps it for this tab
 * only, and removes it from the address bar so it does not end up in screenshots or history.
 */
export function takeSessionToken(location: Location, history: History, storage: Storage): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(tokenKey);
}

/** Browser mode: `POST /api/<method>` with the bearer token, events over one shared EventSource. */
export function createHttpTransport(token: string, base = ''): Transport {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function ensureSource(): void {
    if (source) return;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    for (const name of eventNames) {
      source.addEventListener(name, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data);
        listeners.get(name)?.forEach((cb) => cb(payload));
      });
    }
  }

  return {
    async invoke(method, input) {
      const res = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      const contentType = res.headers.get('content-type') ?? '';
      if (res.ok && contentType.startsWith(wireContentType)) {
        return decodeWire(new Uint8Array(await res.arrayBuffer()));
      }
      if (res.ok && contentType.startsWith('application/octet-stream')) {
        return new Uint8Array(await res.arrayBuffer());
      }
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        throw isApiError(body) ? body : { code: 'UNAVAILABLE', message: `HTTP ${res.status}` };
      }
      return body;
    },
    on(event, callback) {
      ensureSource();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(callback);
      return () => set.delete(callback);
    },
  };
}
