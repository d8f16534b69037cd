import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../shared/api/errors';
import { LociError } from '../../shared/api/errors';

/**
 * The input of a streamed method (`PUT /api/files.upload?targetDir=...&name=...`): the query's fields
 * (all strings; `token` is never one) plus `body`, the request body as a stream of chunks that fails
 * with `TOO_LARGE` past `maxBytes`. A declared Content-Length over the limit is refused here, before a
 * byte of the body is read, so the client gets its 413 instead of a reset connection.
 */
export function streamedInput(
  req: IncomingMessage,
  url: URL,
  maxBytes: number,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: ApiError } {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    return { ok: false, error: tooLarge(maxBytes) };
  }
  const input: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    if (key === 'token' || key === 'body') continue;
    if (key in input) return { ok: false, error: { code: 'INVALID_INPUT', message: `${key} given twice` } };
    input[key] = value;
  }
  input.body = limitedBody(req, maxBytes);
  return { ok: true, value: input };
}

async function* limitedBody(req: IncomingMessage, maxBytes: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  try {
    // Stopping early (over the limit, a disk error) must not destroy the socket: the answer still has
    // to go out on it. What is left of the body is discarded after the answer (`discardUnreadBody`).
    for await (const chunk of req.iterator({ destroyOnReturn: false })) {
      total += (chunk as Buffer).byteLength;
      if (total > maxBytes) throw tooLargeError(maxBytes);
      yield chunk as Buffer;
    }
  } catch (err) {
    if (err instanceof LociError) throw err;
    // The client went away mid-upload (closed the tab, lost the connection).
    throw new LociError('CANCELLED', 'The upload was interrupted before the whole file arrived');
  }
  if (!req.complete)
    throw new LociError('CANCELLED', 'The upload was interrupted before the whole file arrived');
}

/**
 * After the answer to a streamed request went out, reads and throws away what the client still sends,
 * for up to `graceMs`, then closes the connection. Closing at once would reset it while the client is
 * still writing, and many clients then report "connection reset" instead of the 413 they were sent.
 */
export function discardUnreadBody(req: IncomingMessage, res: ServerResponse, graceMs = 10_000): void {
  res.once('finish', () => {
    if (req.complete || req.destroyed) return;
    const timer = setTimeout(() => req.destroy(), graceMs);
    timer.unref();
    req.once('close', () => clearTimeout(timer));
    req.resume();
  });
}

function tooLarge(maxBytes: number): ApiError {
  return {
    code: 'TOO_LARGE',
    message: `The file is larger than this server accepts (${formatMb(maxBytes)}); start loci serve with a larger --max-upload-mb to allow it`,
  };
}

function tooLargeError(maxBytes: number): LociError {
  const { code, message } = tooLarge(maxBytes);
  return new LociError(code, message);
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
