import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawnWorker';
import type { ExtractTestHooks } from './extract/extractDocument';
import { kindOfPath } from './sourceKinds';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits, type ExtractResult, type SourceKind } from './types';

export interface ExtractPoolOptions {
  /** Worker threads; default one per core (`os.availableParallelism()`). */
  workers?: number;
  /** Wall-clock limit per document, from hand-over to the worker until its result. Default 120 s. */
  timeoutMs?: number;
  /** V8 heap limit per worker (`resourceLimits.maxOldGenerationSizeMb`). Default 512 MB. */
  memoryLimitMb?: number;
  /** Per-document character and file-size caps (see `ExtractLimits`). */
  limits?: Partial<ExtractLimits>;
  /** Test-only fault injection; never set in production. */
  testHooks?: ExtractTestHooks;
}

export interface ExtractPoolStats {
  /** Documents answered (any status). */
  completed: number;
  /** Documents cut by the timeout. */
  timeouts: number;
  /** Workers that died (memory limit, crash) while extracting. */
  crashes: number;
  /** Workers started, including replacements. */
  workersStarted: number;
}

export interface ExtractPool {
  /** Worker count the pool grows to. */
  readonly size: number;
  readonly stats: Readonly<ExtractPoolStats>;
  /**
   * Extracts one document in a worker. Resolves with a result for every document, including ones that
   * time out or kill their worker; rejects only if `signal` aborts (with `signal.reason`) or the pool
   * is closed.
   */
  extract(
    file: { path: string; kind?: SourceKind },
    options?: { signal?: AbortSignal },
  ): Promise<ExtractResult>;
  /** Rejects queued documents, terminates the workers. */
  close(): Promise<void>;
}

interface Task {
  id: number;
  file: { path: string; kind?: SourceKind };
  resolve(result: ExtractResult): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  startedAt: number;
  timer?: NodeJS.Timeout;
  /** Error the worker reported before exiting (e.g. ERR_WORKER_OUT_OF_MEMORY). */
  error?: Error & { code?: string };
}

/**
 * A pool of extraction workers (`extract.worker.ts`) that keeps going whatever the documents do: a
 * document that exceeds the time limit or the heap limit gets its worker terminated and replaced, is
 * answered as `timeout` / `failed` ("out of memory (limit 512 MB)"), and the next document proceeds.
 * Workers start lazily, are replaced lazily, and are unref'd while idle so a pool never keeps a
 * finished process alive.
 */
export function createExtractPool(options: ExtractPoolOptions = {}): ExtractPool {
  const size = Math.max(1, options.workers ?? os.availableParallelism());
  const timeoutMs = options.timeoutMs ?? 120_000;
  const memoryLimitMb = options.memoryLimitMb ?? 512;
  const limits: ExtractLimits = { ...DEFAULT_EXTRACT_LIMITS, ...options.limits };
  const stats: ExtractPoolStats = { completed: 0, timeouts: 0, crashes: 0, workersStarted: 0 };
  const queue: Task[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closed = false;
  /** Consecutive workers that died before becoming ready: a broken install, not a bad document. */
  let startFailures = 0;

  function spawn(): void {
    const worker = spawnWorker('extract', {
      workerData: { limits, testHooks: options.testHooks },
      // Only the old generation is capped: it is where a runaway parse grows. The young generation keeps
      // V8's default (smaller values made parsing spend more time in GC).
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb },
      stdout: false,
      stderr: false,
    });
    stats.workersStarted++;
    const slot: Slot = { worker, ready: false, startedAt: 0 };
    slots.add(slot);
    worker.on('message', (msg: { type: string; id?: number; result?: ExtractResult; message?: string }) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
        pump();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== msg.id) return;
      const result =
        msg.type === 'result' && msg.result
          ? msg.result
          : emptyResult(
              task.file,
              'failed',
              `extractor error: ${msg.message ?? 'unknown'}`,
              Date.now() - slot.startedAt,
            );
      finish(slot, result);
      pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      slot.error = error;
    });
    worker.on('exit', () => {
      slots.delete(slot);
      if (slot.timer) clearTimeout(slot.timer);
      const task = slot.task;
      if (task) {
        stats.crashes++;
        const reason =
          slot.error?.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `out of memory (limit ${memoryLimitMb} MB)`
            : `extraction worker died: ${slot.error?.message ?? 'exited'}`;
        finish(slot, emptyResult(task.file, 'failed', reason, Date.now() - slot.startedAt));
      } else if (!slot.ready && !closed) {
        startFailures++;
        if (startFailures >= 3) {
          // Workers cannot start at all: fail what is queued instead of respawning forever.
          const message = `extraction worker failed to start: ${slot.error?.message ?? 'exited'}`;
          for (const t of queue.splice(0)) settle(t, () => t.reject(new Error(message)));
          return;
        }
      }
      pump();
    });
  }

  function pump(): void {
    if (closed) return;
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (slot.ready && !slot.task) assign(slot, queue.shift()!);
    }
    const starting = [...slots].filter((s) => !s.ready).length;
    let missing = Math.min(queue.length - starting, size - slots.size);
    for (; missing > 0; missing--) spawn();
  }

  function assign(slot: Slot, task: Task): void {
    slot.task = task;
    slot.startedAt = Date.now();
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      stats.timeouts++;
      const seconds = (timeoutMs / 1000).toFixed(timeoutMs < 10_000 ? 1 : 0);
      finish(
        slot,
        emptyResult(task.file, 'timeout', `no result within ${seconds} s`, Date.now() - slot.startedAt),
      );
      // The worker may be stuck in a synchronous loop; terminate() interrupts it. Its 'exit' replaces it.
      void slot.worker.terminate();
      slots.delete(slot);
      pump();
    }, timeoutMs);
    slot.worker.postMessage({ id: task.id, path: task.file.path, kind: task.file.kind });
  }

  function finish(slot: Slot, result: ExtractResult): void {
    const task = slot.task;
    if (!task) return;
    slot.task = undefined;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.worker.unref();
    stats.completed++;
    settle(task, () => task.resolve(result));
  }

  function settle(task: Task, fn: () => void): void {
    if (task.onAbort) task.signal?.removeEventListener('abort', task.onAbort);
    fn();
  }

  return {
    size,
    stats,
    extract(file, { signal } = {}) {
      if (closed) return Promise.reject(new Error('extract pool is closed'));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<ExtractResult>((resolve, reject) => {
        const task: Task = { id: nextId++, file, resolve, reject };
        if (signal) {
          task.signal = signal;
          task.onAbort = () => {
            const queued = queue.indexOf(task);
            if (queued !== -1) queue.splice(queued, 1);
            for (const slot of slots) {
              if (slot.task !== task) continue;
              slot.task = undefined;
              if (slot.timer) clearTimeout(slot.timer);
              slots.delete(slot);
              void slot.worker.terminate();
            }
            reject(signal.reason);
            pump();
          };
          signal.addEventListener('abort', task.onAbort, { once: true });
        }
        queue.push(task);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0))
        settle(task, () => task.reject(new Error('extract pool is closed')));
      const exits = [...slots].map((slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        if (slot.task) {
          const task = slot.task;
          slot.task = undefined;
          settle(task, () => task.reject(new Error('extract pool is closed')));
        }
        return slot.worker.terminate();
      });
      slots.clear();
      await Promise.all(exits);
    },
  };
}

/** The result for a document that produced none (timeout, dead worker). */
function emptyResult(
  file: { path: string; kind?: SourceKind },
  status: ExtractResult['status'],
  reason: string,
  elapsedMs: number,
): ExtractResult {
  return {
    path: file.path,
    kind: file.kind ?? kindOfPath(file.path) ?? 'text',
    status,
    reason,
    title: path.basename(file.path, path.extname(file.path)),
    pages: [],
    pageCount: 0,
    sha256: '',
    size: 0,
    chars: 0,
    truncated: false,
    elapsedMs,
  };
}
