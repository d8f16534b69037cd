import { createClient, type LociClient } from '../../../shared/api/client';
import { createHttpTransport, takeSessionToken } from './httpTransport';

export type ConnectResult =
  { ok: true; client: LociClient; mode: 'desktop' | 'browser' } | { ok: false; message: string };

/**
 * Picks the transport once at start-up: the Electron preload bridge when present, otherwise HTTP + SSE
 * to the `loci serve` that served this page.
 */
export function connect(): ConnectResult {
  if (window.loci) return { ok: true, client: createClient(window.loci), mode: 'desktop' };
  const token = takeSessionToken(window.location, window.history, window.sessionStorage, window.localStorage);
  if (!token) {
    return {
      ok: false,
      message:
        'This page needs the session token. Open the full URL that "loci serve" printed (it ends in ?token=...).',
    };
  }
  return { ok: true, client: createClient(createHttpTransport(token)), mode: 'browser' };
}
