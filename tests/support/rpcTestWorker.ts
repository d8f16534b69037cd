import { threadId } from 'node:worker_threads';
import { UnknownModelError } from '../../src/main/core/store/storeErrors';
import { RpcError } from '../../src/main/core/workerRpc/rpcError';
import { serveRpc, withTransfer } from '../../src/main/core/workerRpc/serveRpc';

/**
 * A small real worker for the RPC module's tests: each method exercises one behaviour of the
 * channel (concurrent replies, progress, cancel, crashes, a stuck thread, transfers).
 */
export type TestProtocol = {
  echo: { request: { value: number; delayMs: number }; reply: { value: number; threadId: number } };
  count: { request: { to: number; stepMs: number }; reply: number; progress: { done: number } };
  /** Waits `ms`; answers 'cancelled' (never sent) when the caller cancels first. */
  wait: { request: { ms: number }; reply: string };
  /** Ids of requests whose cancel reached this worker. */
  cancelled: { request: null; reply: number[] };
  fail: { request: { code?: string; message: string }; reply: never };
  /** Throws the store's own error for a model the library has no vectors of. */
  failUnknownModel: { request: { modelId: string }; reply: never };
  crash: { request: { how: 'throw' | 'exit' }; reply: never };
  /** Blocks the thread for good: only terminating it ends this. */
  hang: { request: null; reply: never };
  fill: { request: { data: Float32Array }; reply: Float32Array };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cancelled: number[] = [];

serveRpc<TestProtocol>({
  echo: async ({ value, delayMs }) => {
    await sleep(delayMs);
    return { value, threadId };
  },
  count: async ({ to, stepMs }, { progress }) => {
    for (let done = 1; done <= to; done++) {
      await sleep(stepMs);
      progress({ done });
    }
    return to;
  },
  wait: async ({ ms }, { id, signal }) => {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        cancelled.push(id);
        resolve();
      });
    });
    return signal.aborted ? 'cancelled' : 'waited';
  },
  cancelled: () => cancelled,
  fail: ({ code, message }) => {
    throw code ? new RpcError(code, message) : new Error(message);
  },
  failUnknownModel: ({ modelId }) => {
    throw new UnknownModelError(modelId);
  },
  crash: ({ how }) => {
    if (how === 'exit') process.exit(3);
    setImmediate(() => {
      throw new Error('boom in the worker');
    });
    return new Promise<never>(() => undefined);
  },
  hang: () => {
    for (;;);
  },
  fill: ({ data }) => {
    data.fill(7);
    return withTransfer(data, [data.buffer as ArrayBuffer]);
  },
});
