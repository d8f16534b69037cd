import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { securityHeaders } from '../transport/contentSecurity';
import { mimeTypeOf, resolveInside } from '../transport/staticFiles';

/** The app's pages load from `loci-app://app/...`, never from file:// (which would grant file access). */
export const appScheme = 'loci-app';
export const appOrigin = `${appScheme}://app`;

/** Must run before `app.ready`: makes the scheme standard and secure (fetch, CSP 'self', storage). */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/**
 * Answers one `loci-app://` request from the renderer build directory. Anything that would leave that
 * directory (`..`, encoded forms, absolute paths, symlinks out) gets 404; other hosts get 404.
 */
export async function appProtocolResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return notFound();
  }
  if (url.protocol !== `${appScheme}:` || url.host !== 'app') return notFound();
  // URL parsing already collapses plain `..`; resolveInside also refuses encoded and symlinked escapes.
  const rawPath = requestUrl.slice(`${appScheme}://app`.length).split(/[?#]/)[0] ?? '/';
  const file = await resolveInside(rendererDir, rawPath || '/');
  if (!file) return notFound();
  const body = await fs.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { ...securityHeaders, 'Content-Type': mimeTypeOf(file) },
  });
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: securityHeaders });
}

/** Registers the handler on Electron's `protocol` module (passed in, so tests can use a fake). */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(appScheme, (request) => appProtocolResponse(rendererDir, request.url));
}
