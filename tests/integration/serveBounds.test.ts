import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, waitForIdle, writeManyPdfs } from '../support/e2eLibrary';
import { processSampler } from '../support/processSampler';
import { postApi, startServe, type ServedLoci } from '../support/serveProcess';
import { makeTempDir } from '../support/tempDir';

interface PagesAnswer {
  document: { id: string; title: string };
  pages: Array<{ page: number; text: string }>;
}

/** A raw GET with a chosen Host header (fetch would not let a test send a foreign one). */
function getWithHost(origin: string, pathAndQuery: string, host: string): Promise<number> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path: pathAndQuery, headers: { Host: host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

// What a busy or careless client can do to `loci serve`: many heavy calls at once, malformed URLs,
// and the address the user asked it to bind.
describe('loci serve: bounds', () => {
  const tmp = makeTempDir();
  const libraryDir = path.join(tmp.dir, 'library');
  let served: ServedLoci;

  beforeAll(async () => {
    writeManyPdfs(path.join(tmp.dir, 'docs'), 5, 4);
    served = await startServe(libraryDir);
    await api(served, 'library.add', { paths: [path.join(tmp.dir, 'docs')] });
    await waitForIdle(served);
  });

  afterAll(async () => {
    await served?.stop();
    tmp.cleanup();
  });

  it('answers 50 parallel document.pages calls with a bounded number of threads and memory', async () => {
    const { items } = await api<{ items: Array<{ id: string; title: string }> }>(
      served,
      'library.documents',
      { filter: {}, offset: 0, limit: 10 },
    );
    expect(items).toHaveLength(5);
    // Let the ingest's own workers finish stopping, so the baseline is the idle server.
    await new Promise((r) => setTimeout(r, 1000));
    const sampler = processSampler(served.child.pid!);
    const before = sampler.now();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postApi(served.origin, 'document.pages', { id: items[i % 5]!.id }, served.token),
      ),
    );
    const peak = sampler.stop();
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(200);
      const body = answer.body as PagesAnswer;
      const n = Number(/\d+/.exec(items[i % 5]!.title)![0]);
      expect(body.document.id).toBe(items[i % 5]!.id);
      expect(body.pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
      expect(body.pages[1]!.text).toContain(`Report ${n}, page 2`);
    });
    // One extraction worker for all of them (it was one worker, ~3 threads and ~50 MB, per call).
    const extra = `threads ${before.threads} -> ${peak.threads}, RSS ${before.rssMb.toFixed(0)} -> ${peak.rssMb.toFixed(0)} MB`;
    expect(peak.threads - before.threads, extra).toBeLessThanOrEqual(12);
    expect(peak.rssMb - before.rssMb, extra).toBeLessThan(400);
  });

  it('answers a malformed percent-escape in the method name with 400 {code, message}, no stack', async () => {
    const res = await fetch(`${served.origin}/api/%E0%A4%A`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body).toEqual({ code: 'INVALID_INPUT', message: expect.any(String) });
    expect(body.message).not.toMatch(/URIError|\n\s+at /);
  });

  it('answers an over-large JSON body with 413 and keeps the connection usable', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: string) =>
      new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const url = new URL(`${served.origin}/api/app.ping`);
        const req = http.request(
          url,
          {
            method: 'POST',
            agent,
            headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const big = await post(JSON.stringify({ echo: 'x'.repeat(6 * 1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ code: 'TOO_LARGE', message: expect.any(String) });
      // The next call on the same kept-alive connection is answered, not reset.
      const small = await post(JSON.stringify({ echo: 'still here' }));
      expect(small.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('serve --host 127.0.0.2 answers at the URL it prints, and still refuses foreign Host headers', async () => {
    const other = await startServe(path.join(tmp.dir, 'library-2'), ['--host', '127.0.0.2']);
    try {
      expect(other.origin).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
      const page = await fetch(other.url);
      expect(page.status).toBe(200);
      const status = await postApi(other.origin, 'app.ping', { echo: 'x' }, other.token);
      expect(status.status).toBe(200);
      const port = new URL(other.origin).port;
      expect(await getWithHost(other.origin, '/', `127.0.0.2:${port}`)).toBe(200);
      expect(await getWithHost(other.origin, '/', `evil.example:${port}`)).toBe(403);
      expect(await getWithHost(other.origin, '/', `127.0.0.3:${port}`)).toBe(403);
    } finally {
      await other.stop();
    }
  });
});
