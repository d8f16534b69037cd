import os from 'node:os';
import { RpcClient } from '../workerRpc/rpcClient';
import { workerThreadEndpoint } from '../workerRpc/rpcEndpoint';
import type { RpcError } from '../workerRpc/rpcError';
import { spawnWorker } from '../workers/spawnWorker';
import type { ChunkRequest } from './chunkExtracted';
import {
  emptyResult,
  type ExtractPool,
  type ExtractPoolOptions,
  type ExtractPoolStats,
  type ExtractWorkerData,
  type ExtractWorkerProtocol,
} from './extractPoolTypes';
import { DEFAULT_EXTRACT_LIMITS, type ExtractResult, type SourceKind } from './types';

export type { ExtractPool, ExtractPoolOptions, ExtractPoolStats } from './extractPoolTypes';

const MB = 1024 * 1024;
/** How often RSS is sampled while documents are being extracted. */
const RSS_SAMPLE_MS = 200;

interface Task {
  id: number;
  file: { path: string; kind?: SourceKind };
  resolve(result: ExtractResult): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** Runs with no other document in flight, so memory growth can be blamed on it alone. */
  isolated?: boolean;
  /** Reads only the document's own date (the dates-only pass). */
  datesOnly?: boolean;
  /** Chunks the document in the worker too. */
  chunking?: ChunkRequest;
}

interface Slot {
  /** One worker's channel; a slot lives as long as its worker (a replacement is a new slot). */
  worker: RpcClient<ExtractWorkerProtocol>;
  ready: boolean;
  task?: Task;
  startedAt: number;
  /** The document's time limit: the timeout, plus one page limit per OCR'd page. */
  limitMs: number;
  rssAtStart: number;
}

/**
 * A pool of extraction workers (`extract.worker.ts`) that keeps going whatever the documents do. A
 * document that exceeds a limit gets its worker terminated and replaced, is answered as `timeout` or
 * `failed` (with the reason, e.g. "out of memory (limit 512 MB)"), and the next document proceeds:
 *
 * - time: a wall-clock timer per document;
 * - V8 heap: `resourceLimits` per worker (V8 stops the worker);
 * - memory outside the heap (decoded streams, buffers): process RSS is sampled while documents run; if
 *   it grows past `rssGrowthLimitMb` since a document started, the busy workers are stopped. Threads
 *   share one RSS, so when several were busy their documents are retried one at a time, alone, and
 *   only one that exceeds the limit on its own is failed.
 *
 * Workers start lazily, are replaced lazily, and are unref'd while idle so a pool never keeps a
 * finished process alive.
 */
export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const size = Math.max(1, options.workers ?? os.availableParallelism());
  const timeoutMs = options.timeoutMs ?? 120_000;
  const memoryLimitMb = options.memoryLimitMb ?? 512;
  const rssGrowthLimitMb = options.rssGrowthLimitMb ?? 1024;
  const workerData: ExtractWorkerData = {
    limits: { ...DEFAULT_EXTRACT_LIMITS, ...options.limits },
    ...(options.testHooks ? { testHooks: options.testHooks } : {}),
  };
  const stats: ExtractPoolStats = {
    completed: 0,
    timeouts: 0,
    crashes: 0,
    retriedAlone: 0,
    workersStarted: 0,
  };
  const queue: Task[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closed = false;
  /** Consecutive workers that died before becoming ready: a broken install, not a bad document. */
  let startFailures = 0;
  let rssTimer: NodeJS.Timeout | undefined;

  const busy = (): Slot[] => [...slots].filter((s) => s.task);

  function spawn(): void {
    const worker = new RpcClient<ExtractWorkerProtocol>({
      name: 'extraction worker',
      start: () =>
        workerThreadEndpoint(
          spawnWorker('extract', {
            workerData,
            // Only the old generation is capped: it is where a runaway parse grows.
            resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
          }),
          'extraction worker',
        ),
      restart: false,
      onExit: () => {
        slots.delete(slot);
        if (slot.ready && !slot.task) pump(); // an idle worker died: replaced when needed
      },
    });
    stats.workersStarted++;
    const slot: Slot = { worker, ready: false, startedAt: 0, limitMs: 0, rssAtStart: 0 };
    slots.add(slot);
    worker.call('ready', null).then(
      () => {
        slot.ready = true;
        startFailures = 0;
        pump();
      },
      (error: RpcError) => {
        const wasListed = slots.delete(slot);
        if (closed || !wasListed) return;
        if (++startFailures >= 3) {
          // Workers cannot start at all: fail what is queued instead of respawning forever.
          const why = (error.cause as Error | undefined)?.message ?? 'exited';
          const failure = new Error(`extraction worker failed to start: ${why}`);
          for (const t of queue.splice(0)) settle(t, () => t.reject(failure));
          return;
        }
        pump();
      },
    );
  }

  /** Hands queued documents to ready workers and starts workers as needed. */
  function pump(): void {
    if (closed) return;
    const running = busy();
    if (running.some((s) => s.task!.isolated)) return;
    if (queue[0]?.isolated && running.length > 0) return; // wait until it can run alone
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.task) continue;
      const task = queue.shift()!;
      assign(slot, task);
      if (task.isolated) return;
    }
    const wanted = queue[0]?.isolated ? 1 : queue.length;
    const idleOrStarting = [...slots].filter((s) => !s.task).length;
    for (let n = Math.min(wanted - idleOrStarting, size - slots.size); n > 0; n--) spawn();
  }

  function assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.startedAt = Date.now();
    slot.rssAtStart = process.memoryUsage.rss();
    slot.limitMs = timeoutMs;
    rssTimer ??= setInterval(checkRss, RSS_SAMPLE_MS).unref();
    const { path, kind } = task.file;
    void slot.worker
      .call(
        'extract',
        {
          path,
          ...(kind ? { kind } : {}),
          ...(task.datesOnly ? { datesOnly: true } : {}),
          ...(task.chunking ? { chunking: task.chunking } : {}),
        },
        {
          timeoutMs,
          onProgress: ({ extendMs }, call) => {
            slot.limitMs += extendMs;
            call.extendTimeout(extendMs);
          },
        },
      )
      .then(
        (result) => slot.task === task && finish(slot, result),
        (error: RpcError) => slot.task === task && finish(slot, failedResult(slot, task, error)),
      )
      .finally(pump);
  }

  /** The answer for a document whose call failed: its time limit, its worker's death, or its own error. */
  function failedResult(slot: Slot, task: Task, error: RpcError): ExtractResult {
    const elapsed = Date.now() - slot.startedAt;
    if (error.code === 'TIMEOUT') {
      stats.timeouts++;
      slots.delete(slot); // the client has terminated the stuck worker
      const seconds = (slot.limitMs / 1000).toFixed(slot.limitMs < 10_000 ? 1 : 0);
      return emptyResult(task.file, 'timeout', `no result within ${seconds} s`, elapsed);
    }
    if (error.code === 'WORKER_EXITED') {
      stats.crashes++;
      const cause = error.cause as (Error & { code?: string }) | undefined;
      const reason =
        cause?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `out of memory (limit ${memoryLimitMb} MB)`
          : `extraction worker died: ${cause?.message ?? 'exited'}`;
      return emptyResult(task.file, 'failed', reason, elapsed);
    }
    return emptyResult(task.file, 'failed', `extractor error: ${error.message}`, elapsed);
  }

  /** The RSS watchdog: stops documents whose extraction grows the process past the limit. */
  function checkRss(): void {
    const running = busy();
    if (running.length === 0) {
      clearInterval(rssTimer);
      rssTimer = undefined;
      return;
    }
    const rss = process.memoryUsage.rss();
    if (!running.some((s) => rss - s.rssAtStart > rssGrowthLimitMb * MB)) return;
    if (running.length === 1) {
      const slot = running[0]!;
      stats.crashes++;
      const reason = `out of memory (process grew by more than ${rssGrowthLimitMb} MB)`;
      stop(slot, emptyResult(slot.task!.file, 'failed', reason, Date.now() - slot.startedAt));
      return;
    }
    // Several documents share the process: retry each alone to find the one that grows it.
    for (const slot of running) {
      const task = slot.task!;
      slot.task = undefined;
      task.isolated = true;
      stats.retriedAlone++;
      queue.unshift(task);
      stop(slot, undefined);
    }
  }

  /** Terminates a slot's worker (it is replaced lazily), answering its task if given. */
  function stop(slot: Slot, result: ExtractResult | undefined): void {
    if (result) finish(slot, result);
    slots.delete(slot);
    void slot.worker.close();
    pump();
  }

  function finish(slot: Slot, result: ExtractResult): void {
    const task = slot.task;
    if (!task) return;
    slot.task = undefined;
    stats.completed++;
    settle(task, () => task.resolve(result));
  }

  function settle(task: Task, fn: () => void): void {
    if (task.onAbort) task.signal?.removeEventListener('abort', task.onAbort);
    fn();
  }

  function abort(task: Task): void {
    const queued = queue.indexOf(task);
    if (queued !== -1) queue.splice(queued, 1);
    for (const slot of slots) {
      if (slot.task !== task) continue;
      slot.task = undefined;
      stop(slot, undefined);
    }
    task.reject(task.signal!.reason);
    pump();
  }

  return {
    size,
    stats,
    extract(file, { signal, datesOnly, chunking } = {}) {
      if (closed) return Promise.reject(new Error('extract pool is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<ExtractResult>((resolve, reject) => {
        const task: Task = {
          id: nextId++,
          file,
          resolve,
          reject,
          ...(datesOnly ? { datesOnly } : {}),
          ...(chunking ? { chunking } : {}),
        };
        if (signal) {
          task.signal = signal;
          task.onAbort = () => abort(task);
          signal.addEventListener('abort', task.onAbort, { once: true });
        }
        queue.push(task);
        pump();
      });
    },
    async close() {
      closed = true;
      clearInterval(rssTimer);
      const error = new Error('extract pool is closed');
      for (const task of queue.splice(0)) settle(task, () => task.reject(error));
      const exits = [...slots].map((slot) => {
        const task = slot.task;
        slot.task = undefined;
        if (task) settle(task, () => task.reject(error));
        return slot.worker.close();
      });
      slots.clear();
      await Promise.all(exits);
    },
  };
}
