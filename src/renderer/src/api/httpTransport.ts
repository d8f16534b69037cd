import type { Transport } from '../../../shared/api/client';
import { isApiError } from '../../../shared/api/errors';
import { eventNames, streamedMethods } from '../../../shared/api/names';
import { decodeWire, wireContentType } from '../../../shared/api/wire';

const tokenKey = 'loci.sessionToken';

/**
 * Reads the session token from the URL `loci serve` printed (`/?token=...`), keeps it, and removes it
 * from the address bar so it does not end up in screenshots, history or bookmarks. It is kept for the
 * tab and for this origin (the server's own host and port; the token changes at every start), so a
 * bookmark of a place in the app, opened in a new tab while the same server runs, still connects.
 */
export function takeSessionToken(
  location: Location,
  history: History,
  tabStorage: Storage,
  originStorage?: Storage,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    tabStorage.setItem(tokenKey, fromUrl);
    originStorage?.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return tabStorage.getItem(tokenKey) ?? originStorage?.getItem(tokenKey) ?? null;
}

/**
 * Browser mode: `POST /api/<method>` with the bearer token, events over one shared EventSource.
 * Streamed methods (`files.upload`) go as `PUT /api/<method>?<fields>` with their `body` (a File) as
 * the raw request body: the browser streams it from disk; nothing is base64'ed or held in memory.
 */
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
      const url = `${base}/api/${encodeURIComponent(method)}`;
      const res = isStreamed(method, input)
        ? await fetch(`${url}?${queryOf(input)}`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${token}` },
            body: input.body,
          })
        : await fetch(url, {
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

function isStreamed(method: string, input: unknown): input is { body: Blob } & Record<string, unknown> {
  return (
    (streamedMethods as readonly string[]).includes(method) &&
    typeof input === 'object' &&
    input !== null &&
    (input as { body?: unknown }).body instanceof Blob
  );
}

/** A streamed method's other fields, as query parameters (they are all strings). */
function queryOf(input: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'body' && value !== undefined) query.set(key, String(value));
  }
  return query.toString();
}
