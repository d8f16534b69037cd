import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import type { ApiError } from '../../shared/api/errors';
import { errorStatus } from '../../shared/api/errors';
import { defaultMaxUploadBytes } from '../../shared/api/methods/files';
import { streamedMethods } from '../../shared/api/names';
import { containsTypedArray, encodeWire, wireContentType } from '../../shared/api/wire';
import type { EventBus } from '../core/eventBus';
import type { Dispatch } from '../transport/dispatch';
import { createSessionToken, hasValidToken, isAllowedHost } from './auth';
import { securityHeaders } from '../transport/contentSecurity';
import { mimeTypeOf, resolveInside } from '../transport/staticFiles';
import { streamEvents } from './sse';
import { discardUnreadBody, streamedInput } from './streamedRequest';

export interface ServerOptions {
  dispatch: Dispatch;
  events: EventBus;
  /** Built renderer (index.html + assets). */
  rendererDir: string;
  host?: string;
  /** 0 or undefined: a random free port. */
  port?: number;
  /** Fixed token (tests); normally a fresh random one. */
  token?: string;
  /** Largest JSON request body accepted. */
  maxBodyBytes?: number;
  /** Largest upload (`PUT /api/files.upload`) accepted; default `defaultMaxUploadBytes` (1 GiB). */
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** `http://HOST:PORT/?token=...`: what the user opens. */
  url: string;
  origin: string;
  token: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host) || host.startsWith('127.');
}

/**
 * The browser-mode server: the built renderer at `/`, the contract at `POST /api/<method>` and core
 * events at `GET /api/events` (SSE). Every API request needs the session token.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createSessionToken();
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxUpload = options.maxUploadBytes ?? defaultMaxUploadBytes;
  const allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[loci serve] request failed:', err);
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: 'Internal server error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isAllowedHost(req.headers.host, allowedHosts)) {
      return sendError(res, { code: 'FORBIDDEN', message: 'Unexpected Host header' });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      if (!hasValidToken(req, url, token, true)) return sendUnauthorized(res);
      streamEvents(res, options.events, securityHeaders);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!hasValidToken(req, url, token, false)) return sendUnauthorized(res);
      const method = methodOf(url);
      if (method === null) {
        return sendError(res, { code: 'INVALID_INPUT', message: 'Malformed method name in the URL' });
      }
      // Uploads stream their body to disk (PUT); every other call is a small JSON body (POST).
      const streamed = (streamedMethods as readonly string[]).includes(method);
      if (req.method !== 'POST' && !(streamed && req.method === 'PUT')) {
        res.setHeader('Allow', streamed ? 'PUT' : 'POST');
        return sendJson(res, 405, {
          code: 'INVALID_INPUT',
          message: streamed ? `Use PUT with the file as the body for ${method}` : 'Use POST for API methods',
        });
      }
      // A body refused part way (too large, bad input) is drained after the answer, not reset.
      discardUnreadBody(req, res);
      const body =
        req.method === 'PUT' ? streamedInput(req, url, maxUpload) : await readJsonBody(req, maxBody);
      if (!body.ok) return sendError(res, body.error);
      const result = await options.dispatch(method, body.value);
      if (result.ok && result.value instanceof Uint8Array) return sendBinary(res, result.value);
      if (result.ok && containsTypedArray(result.value)) {
        return sendBinary(res, encodeWire(result.value), wireContentType);
      }
      if (result.ok) return sendJson(res, 200, result.value ?? null);
      return sendJson(res, result.status, result.error);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { code: 'INVALID_INPUT', message: 'Method not allowed' });
    }
    const file = await resolveInside(options.rendererDir, url.pathname);
    if (!file) {
      return sendJson(res, 404, { code: 'NOT_FOUND', message: 'Not found' });
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': mimeTypeOf(file),
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  if (isLoopbackHost(host)) {
    // The usual loopback names, and the address bound (`--host 127.0.0.2` prints that in its URL).
    for (const name of ['127.0.0.1', 'localhost', '[::1]', hostForUrl.toLowerCase()]) {
      allowedHosts.add(`${name}:${port}`);
    }
  }
  const origin = `http://${hostForUrl}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The method name of `/api/<method>`, or null when its percent-escapes are malformed. */
function methodOf(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname.slice('/api/'.length));
  } catch {
    return null;
  }
}

async function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError }> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (Number(req.headers['content-length'] ?? 0) > maxBytes)
    return { ok: false, error: { code: 'TOO_LARGE', message: 'Request body too large' } };
  for await (const chunk of req.iterator({ destroyOnReturn: false })) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      return { ok: false, error: { code: 'TOO_LARGE', message: 'Request body too large' } };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Request body is not valid JSON' } };
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Binary results (`document.bytes`, wire-encoded typed arrays) go out as bytes, not as JSON. */
function sendBinary(res: ServerResponse, bytes: Uint8Array, contentType = 'application/octet-stream'): void {
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'Content-Length': bytes.byteLength,
  });
  res.end(bytes);
}

function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, errorStatus[error.code], error);
}

function sendUnauthorized(res: ServerResponse): void {
  res.setHeader('WWW-Authenticate', 'Bearer');
  sendError(res, { code: 'UNAUTHORIZED', message: 'Missing or wrong session token' });
}
