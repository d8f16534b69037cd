import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/createCore';
import { createDispatcher } from '../../src/main/transport/dispatch';
import { sourceResourcesDir } from '../../src/main/core/config';
import { makeTempDir } from '../support/tempDir';
import { postApi, startServe, type ServedLoci } from '../support/serveProcess';

// The same calls in-process (createCore + dispatcher) and over HTTP against a real `loci serve`
// process must give the same answers: one contract, two transports.
describe('contract: app.* in-process and over HTTP', () => {
  const tmp = makeTempDir();
  const libraryDir = `${tmp.dir}/library`;
  let core: Core;
  let served: ServedLoci;

  beforeAll(async () => {
    core = await createCore({
      appVersion: '0.1.0',
      dataDir: `${libraryDir}-data`,
      libraryDir,
      resourcesDir: sourceResourcesDir(),
    });
    served = await startServe(libraryDir);
  });

  afterAll(async () => {
    await served?.stop();
    await core?.close();
    tmp.cleanup();
  });

  it('prints the URL line first, bound to loopback', () => {
    expect(served.output().split('\n')[0]).toMatch(
      /^Loci is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/,
    );
  });

  it('app.info answers the same in-process and over HTTP', async () => {
    const dispatch = createDispatcher(core.handlers);
    const local = await dispatch('app.info', {});
    const remote = await postApi(served.origin, 'app.info', {}, served.token);
    expect(local.ok).toBe(true);
    expect(remote.status).toBe(200);
    expect(remote.body).toEqual(local.ok ? local.value : null);
    expect(remote.body).toMatchObject({
      name: 'Loci',
      version: '0.1.0',
      libraryDir,
      platform: process.platform,
    });
  });

  it('app.ping echoes through both transports', async () => {
    const dispatch = createDispatcher(core.handlers);
    const local = await dispatch('app.ping', { echo: 'héllo ✓' });
    const remote = await postApi(served.origin, 'app.ping', { echo: 'héllo ✓' }, served.token);
    expect(local).toMatchObject({ ok: true, value: { pong: true, echo: 'héllo ✓' } });
    expect(remote.body).toMatchObject({ pong: true, echo: 'héllo ✓' });
  });

  it('refuses API calls without the token or with a wrong one (401)', async () => {
    const none = await postApi(served.origin, 'app.info', {});
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
    const wrong = await postApi(served.origin, 'app.info', {}, `${served.token}x`);
    expect(wrong.status).toBe(401);
    const events = await fetch(`${served.origin}/api/events`);
    expect(events.status).toBe(401);
  });

  it('answers invalid input with 400 and {code, message}, same as in-process', async () => {
    const remote = await postApi(served.origin, 'app.ping', { echo: 42 }, served.token);
    expect(remote.status).toBe(400);
    expect(remote.body).toEqual({ code: 'INVALID_INPUT', message: expect.stringContaining('echo') });
    const local = await createDispatcher(core.handlers)('app.ping', { echo: 42 });
    expect(local).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT' } });
    const extra = await postApi(served.origin, 'app.info', { surprise: true }, served.token);
    expect(extra.status).toBe(400);
  });

  it('rejects malformed JSON and unknown methods without leaking internals', async () => {
    const res = await fetch(`${served.origin}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${served.token}` },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'INVALID_INPUT', message: 'Request body is not valid JSON' });
    const unknown = await postApi(served.origin, 'app.selfDestruct', {}, served.token);
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('streams events over SSE with the token in the query', async () => {
    const res = await fetch(`${served.origin}/api/events?token=${served.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': connected');
    await reader.cancel();
  });

  it('serves the app page with a CSP that allows no remote origin', async () => {
    const res = await fetch(`${served.origin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(await res.text()).toContain('<div id="root">');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const url = new URL(served.origin);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: '/', headers: { Host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});
