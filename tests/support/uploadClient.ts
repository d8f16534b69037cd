import http from 'node:http';
import { Readable } from 'node:stream';

export interface UploadAnswer {
  status: number;
  body: unknown;
  /** The server answered before the client had sent the whole body. */
  answeredEarly: boolean;
}

/**
 * `PUT /api/files.upload?targetDir=...&name=...` with node's http client, the way a browser sends a
 * File: the raw bytes as the body. `contentLength: 'none'` sends the body chunked (no length), as a
 * streaming client would. `headersOnly` sends the headers and waits for the answer without any body.
 */
export function putUpload(
  origin: string,
  token: string,
  query: Record<string, string>,
  body: Buffer | Readable,
  options: { contentLength?: number | 'none'; headersOnly?: boolean } = {},
): Promise<UploadAnswer> {
  const url = new URL(`${origin}/api/files.upload?${new URLSearchParams(query).toString()}`);
  const length = options.contentLength ?? (Buffer.isBuffer(body) ? body.byteLength : ('none' as const));
  return new Promise((resolve, reject) => {
    let bodyDone = false;
    const req = http.request(
      url,
      {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/octet-stream',
          ...(length === 'none' ? {} : { 'Content-Length': String(length) }),
        },
      },
      (res) => {
        const answeredEarly = !bodyDone;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: returned as text so the assertion shows it
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, answeredEarly });
          req.destroy();
        });
      },
    );
    req.on('error', reject);
    if (options.headersOnly) {
      req.flushHeaders();
      return;
    }
    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('end', () => (bodyDone = true));
    source.pipe(req);
  });
}

/** `size` bytes in 1 MiB chunks, generated as they are read (the test never holds them all). */
export function generatedBytes(size: number, seed: number): Readable {
  const chunk = 1024 * 1024;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return void this.push(null);
      const n = Math.min(chunk, size - sent);
      const buf = Buffer.alloc(n, (seed + sent / chunk) % 251);
      sent += n;
      this.push(buf);
    },
  });
}
