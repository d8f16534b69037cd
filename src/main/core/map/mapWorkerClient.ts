import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawnWorker';
import type {
  MapWorkerData,
  MapWorkerMessage,
  MapWorkerProgress,
  MapWorkerRequest,
  MapWorkerResult,
} from './mapWorkerProtocol';

interface Pending {
  resolve: (value: MapWorkerResult) => void;
  reject: (error: Error) => void;
  progress?: (event: MapWorkerProgress) => void;
}

/**
 * The caller's handle on one project.worker thread. Started on first use; with `idleMs`, stopped after
 * that long without requests (it holds the last map's vectors, up to ~200 MB at 100k points). A worker
 * that dies fails its pending requests and is started afresh by the next one.
 */
export class MapWorkerClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly libraryDir: string,
    private readonly idleMs: number | null = null,
  ) {}

  request(
    request: MapWorkerRequest,
    progress?: (event: MapWorkerProgress) => void,
  ): Promise<MapWorkerResult> {
    const worker = this.ensureWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      worker.ref();
      worker.postMessage({ id, request });
    });
  }

  /** Stops the worker now; pending requests reject (this is how a UMAP job is cancelled). */
  async terminate(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('map worker stopped'));
    await worker?.terminate();
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: MapWorkerData = { libraryDir: this.libraryDir };
    const worker = spawnWorker('project', { workerData: data });
    worker.on('message', (message: MapWorkerMessage) => {
      if ('event' in message) {
        this.pending.get(message.id)?.progress?.(message);
        return;
      }
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) {
        worker.unref();
        if (this.idleMs !== null) {
          this.idleTimer = setTimeout(() => void this.terminate(), this.idleMs);
          this.idleTimer.unref();
        }
      }
      if (!waiter) return;
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(Object.assign(new Error(message.error.message), { stack: message.error.stack }));
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`map worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
