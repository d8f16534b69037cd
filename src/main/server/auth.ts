import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh random token per server start; the page receives it through the printed URL. */
export function createSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * True when the request carries the session token, as `Authorization: Bearer <token>` or, for
 * EventSource (which cannot set headers), as `?token=` on the events URL.
 */
export function hasValidToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): boolean {
  const header = req.headers.authorization;
  const fromHeader = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
  const candidate = fromHeader ?? (allowQuery ? (url.searchParams.get('token') ?? undefined) : undefined);
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses requests whose Host header names another site: a page on the internet could otherwise
 * rebind its DNS name to 127.0.0.1 and talk to this server from the user's browser.
 */
export function isAllowedHost(hostHeader: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (allowed.size === 0) return true;
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}
