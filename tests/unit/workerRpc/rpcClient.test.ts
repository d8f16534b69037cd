import { MessageChannel, threadId as mainThreadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorkerAt } from '../../../src/main/core/workers/spawnWorker';
import { RpcClient, type RpcClientOptions } from '../../../src/main/core/workerRpc/rpcClient';
import { RpcError } from '../../../src/main/core/workerRpc/rpcError';
import {
  messagePortEndpoint,
  workerThreadEndpoint,
  workerThreadPort,
} from '../../../src/main/core/workerRpc/rpcEndpoint';
import { serveRpc } from '../../../src/main/core/workerRpc/serveRpc';
import type { TestProtocol } from '../../support/rpcTestWorker';

/** Real worker threads running tests/support/rpcTestWorker.ts. */
const entry = new URL('../../support/rpcTestWorker.ts', import.meta.url);
const clients: RpcClient<TestProtocol>[] = [];
let started = 0;

function client(options: Partial<RpcClientOptions<TestProtocol>> = {}): RpcClient<TestProtocol> {
  const c = new RpcClient<TestProtocol>({
    name: 'test worker',
    start: () => {
      started++;
      return workerThreadEndpoint(spawnWorkerAt(entry), 'test worker');
    },
    ...options,
  });
  clients.push(c);
  return c;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

describe('RpcClient with real worker threads', () => {
  it('matches each reply to its request when many are in flight at once', async () => {
    const c = client();
    const values = Array.from({ length: 60 }, (_, i) => i);
    // Later requests finish first: replies arrive in a different order than they were sent.
    const replies = await Promise.all(values.map((v) => c.call('echo', { value: v, delayMs: 60 - v })));
    expect(replies.map((r) => r.value)).toEqual(values);
    expect(new Set(replies.map((r) => r.threadId)).size).toBe(1);
    expect(replies[0]!.threadId).not.toBe(mainThreadId);
    expect(c.pendingCount).toBe(0);
  });

  it('passes progress to the caller before the reply', async () => {
    const c = client();
    const seen: number[] = [];
    const reply = await c.call('count', { to: 5, stepMs: 5 }, { onProgress: (p) => seen.push(p.done) });
    expect(reply).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancels: the call rejects at once with the abort reason and the worker sees the cancel', async () => {
    const c = client();
    const controller = new AbortController();
    const t0 = Date.now();
    const call = c.call('wait', { ms: 10_000 }, { signal: controller.signal });
    await sleep(100);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(c.pendingCount).toBe(0);
    // The worker dropped the request (its handler's signal aborted) and keeps answering others.
    expect(await c.call('cancelled', null)).toHaveLength(1);
    const done = new AbortController();
    done.abort(new Error('too late'));
    await expect(c.call('echo', { value: 1, delayMs: 0 }, { signal: done.signal })).rejects.toThrow(
      'too late',
    );
  });

  it('stops an idle worker after idleStopMs and starts a new one on the next call', async () => {
    const c = client({ idleStopMs: 150 });
    const first = await c.call('echo', { value: 1, delayMs: 0 });
    expect(c.running).toBe(true);
    await sleep(50);
    await c.call('echo', { value: 2, delayMs: 0 }); // activity re-arms the idle timer
    await sleep(120);
    expect(c.running).toBe(true);
    await sleep(300);
    expect(c.running).toBe(false);
    const again = await c.call('echo', { value: 3, delayMs: 0 });
    expect(again.value).toBe(3);
    expect(again.threadId).not.toBe(first.threadId);
  });

  it('fails every pending call with WORKER_EXITED when the worker crashes, then restarts', async () => {
    const exits: RpcError[] = [];
    const c = client({ onExit: (e) => exits.push(e) });
    const waiting = [1, 2, 3].map(() => c.call('wait', { ms: 10_000 }));
    const crash = c.call('crash', { how: 'throw' });
    for (const call of [...waiting, crash]) {
      await expect(call).rejects.toMatchObject({ code: 'WORKER_EXITED' });
    }
    await expect(crash).rejects.toThrow('test worker crashed: boom in the worker');
    expect(exits).toHaveLength(1);
    expect(c.pendingCount).toBe(0);
    expect((await c.call('echo', { value: 9, delayMs: 0 })).value).toBe(9);
  });

  it('fails pending calls when the worker exits, with its exit code', async () => {
    const c = client();
    const waiting = c.call('wait', { ms: 10_000 });
    await expect(c.call('crash', { how: 'exit' })).rejects.toThrow('test worker exited with code 3');
    await expect(waiting).rejects.toMatchObject({ code: 'WORKER_EXITED' });
  });

  it('with restart: false, a dead worker stays dead and calls say so', async () => {
    const c = client({ restart: false });
    await expect(c.call('crash', { how: 'exit' })).rejects.toMatchObject({ code: 'WORKER_EXITED' });
    await expect(c.call('echo', { value: 1, delayMs: 0 })).rejects.toMatchObject({ code: 'WORKER_EXITED' });
    expect(started).toBeGreaterThan(0);
  });

  it('terminates a stuck worker at the time limit; other calls on it fail and the next call works', async () => {
    const c = client();
    await c.call('echo', { value: 0, delayMs: 0 });
    const other = c.call('wait', { ms: 10_000 });
    const t0 = Date.now();
    await expect(c.call('hang', null, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'test worker: no reply to hang within 0.3 s',
    });
    expect(Date.now() - t0).toBeLessThan(3_000);
    await expect(other).rejects.toMatchObject({ code: 'WORKER_STOPPED' });
    expect((await c.call('echo', { value: 5, delayMs: 0 })).value).toBe(5);
  });

  it('lets progress push a time limit back', async () => {
    const c = client();
    await c.call('echo', { value: 0, delayMs: 0 }); // the limit should not include the worker's start
    // 6 steps of 80 ms = 480 ms against a 200 ms limit extended by 100 ms per step.
    const reply = await c.call(
      'count',
      { to: 6, stepMs: 80 },
      { timeoutMs: 200, onProgress: (_p, call) => call.extendTimeout(100) },
    );
    expect(reply).toBe(6);
    await expect(c.call('count', { to: 6, stepMs: 80 }, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });

  it("carries the worker's errors as {code, message} and maps them with toError", async () => {
    const c = client({ toError: (e) => new Error(`mapped ${e.code}: ${e.message}`) });
    await expect(c.call('fail', { code: 'NOT_FOUND', message: 'no such thing' })).rejects.toThrow(
      'mapped NOT_FOUND: no such thing',
    );
    await expect(c.call('fail', { message: 'plain' })).rejects.toThrow('mapped INTERNAL: plain');
  });

  it('runs init on every fresh worker before any call, and a failed init stops the worker', async () => {
    const inits: number[] = [];
    const c = client({
      init: async (call) => {
        inits.push((await call('echo', { value: 0, delayMs: 20 })).threadId);
      },
    });
    await Promise.all([c.call('echo', { value: 1, delayMs: 0 }), c.call('echo', { value: 2, delayMs: 0 })]);
    expect(inits).toHaveLength(1);
    await c.call('crash', { how: 'exit' }).catch(() => undefined);
    await c.call('echo', { value: 3, delayMs: 0 });
    expect(inits).toHaveLength(2);

    const broken = client({ init: (call) => call('fail', { code: 'BROKEN', message: 'cannot open' }) });
    await expect(broken.call('echo', { value: 1, delayMs: 0 })).rejects.toMatchObject({ code: 'BROKEN' });
    expect(broken.running).toBe(false);
  });

  it('close rejects pending calls and later ones with CLOSED, after saying goodbye', async () => {
    const c = client();
    const pending = expect(c.call('wait', { ms: 10_000 })).rejects.toMatchObject({ code: 'CLOSED' });
    let said = '';
    await c.close(async (call) => (said = await call('wait', { ms: 10 })));
    await pending;
    expect(said).toBe('waited');
    await expect(c.call('echo', { value: 1, delayMs: 0 })).rejects.toMatchObject({ code: 'CLOSED' });
    expect(c.running).toBe(false);
  });

  it('moves transferred buffers instead of copying them', async () => {
    const c = client();
    const data = new Float32Array(1000);
    const reply = await c.call('fill', { data }, { transfer: [data.buffer] });
    expect(data.length).toBe(0); // detached: it went to the worker
    expect(reply.length).toBe(1000);
    expect(reply[999]).toBe(7);
  });
});

describe('RpcClient over a MessagePort', () => {
  it('speaks the same protocol over any port, and treats a closed port as an exit', async () => {
    const { port1, port2 } = new MessageChannel();
    serveRpc<Pick<TestProtocol, 'echo'>>(
      { echo: ({ value }) => ({ value, threadId: -1 }) },
      { port: workerThreadPort(port2) },
    );
    const c = new RpcClient<Pick<TestProtocol, 'echo' | 'wait'>>({
      name: 'port peer',
      start: () => messagePortEndpoint(port1, 'port peer'),
      restart: false,
    });
    expect(await c.call('echo', { value: 4, delayMs: 0 })).toEqual({ value: 4, threadId: -1 });
    await expect(c.call('wait', { ms: 1 })).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
    const pending = c.call('wait', { ms: 1 });
    port2.close();
    await expect(pending).rejects.toBeInstanceOf(RpcError);
  });
});
