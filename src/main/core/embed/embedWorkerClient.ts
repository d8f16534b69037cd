import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawnWorker';
import type { BatchLimits } from './batchQueue';
import { abortError, deserializeError, EmbedError } from './embedError';
import type { ModelInfo } from './types';
import type { ModelSource } from './workerModel';
import type { FromWorker, ToWorker } from './workerProtocol';

type Reply = Extract<FromWorker, { type: 'embedded' } | { type: 'counted' }>;

interface Pending {
  resolve(reply: Reply): void;
  reject(err: unknown): void;
}

/**
 * The caller's end of one embed worker: starts it, opens the model in it, matches replies to requests,
 * and turns a crashed worker into rejected requests (the next request starts a fresh worker).
 * The worker is unref'd while idle, so a forgotten embedder never keeps a CLI process alive.
 */
export class EmbedWorkerClient {
  private worker: Worker | undefined;
  private starting: Promise<ModelInfo> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly source: ModelSource,
    private readonly threads: number,
    private readonly limits: BatchLimits,
  ) {}

  /** Starts the worker and opens the model (again, after a crash); resolves to the model's info. */
  start(): Promise<ModelInfo> {
    if (this.closed) return Promise.reject(new EmbedError('EMBEDDER_CLOSED', 'the embedder is closed'));
    this.starting ??= new Promise<ModelInfo>((resolve, reject) => {
      const worker = spawnWorker('embed');
      this.worker = worker;
      let opened = false;
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'opened') {
          opened = true;
          this.updateRef();
          resolve(msg.info);
        } else if (msg.type === 'failed' && msg.id === null) {
          reject(deserializeError(msg.error));
          void this.dropWorker(worker);
        } else if (msg.type === 'embedded' || msg.type === 'counted' || msg.type === 'failed') {
          const p = this.pending.get(msg.id!);
          if (!p) return;
          this.pending.delete(msg.id!);
          this.updateRef();
          if (msg.type === 'failed') p.reject(deserializeError(msg.error));
          else p.resolve(msg);
        }
      });
      const died = (why: string): void => {
        const err = this.closed
          ? new EmbedError('EMBEDDER_CLOSED', 'the embedder was closed')
          : new EmbedError('EMBED_FAILED', `the embed worker stopped: ${why}`);
        if (!opened) reject(err);
        this.failAll(err);
        if (this.worker === worker) {
          this.worker = undefined;
          this.starting = undefined;
        }
      };
      worker.on('error', (err) => died(err.message));
      worker.on('exit', (code) => died(`exit code ${code}`));
      this.post({ type: 'open', source: this.source, threads: this.threads, limits: this.limits });
    });
    return this.starting;
  }

  /**
   * Sends a request and resolves with its reply. When `signal` aborts first, the worker is told to drop
   * the request's queued texts and the promise rejects with an AbortError.
   */
  async request<T extends Reply>(make: (id: number) => ToWorker, signal?: AbortSignal): Promise<T> {
    await this.start();
    if (this.closed) throw new EmbedError('EMBEDDER_CLOSED', 'the embedder was closed');
    // The worker may have died between start() resolving and now; the next call starts a new one.
    if (!this.worker) throw new EmbedError('EMBED_FAILED', 'the embed worker stopped');
    if (signal?.aborted) throw abortError(signal);
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve, reject) => {
      const onAbort = (): void => {
        this.cancel(id);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
    });
    this.updateRef();
    this.post(make(id));
    return (await reply) as T;
  }

  /** Forgets a request (its reply is ignored) and tells the worker to drop its queued texts. */
  private cancel(id: number): void {
    if (!this.pending.delete(id)) return;
    this.updateRef();
    this.post({ type: 'cancel', id });
  }

  /** Rejects outstanding requests, releases the session, ends the worker. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(new EmbedError('EMBEDDER_CLOSED', 'the embedder was closed'));
    const worker = this.worker;
    if (!worker) return;
    await this.starting?.catch(() => undefined);
    await this.dropWorker(worker);
  }

  private async dropWorker(worker: Worker): Promise<void> {
    worker.ref();
    const closed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      worker.on('message', (m: FromWorker) => m.type === 'closed' && (clearTimeout(timer), resolve()));
      worker.once('exit', () => (clearTimeout(timer), resolve()));
    });
    try {
      worker.postMessage({ type: 'close' } satisfies ToWorker);
    } catch {
      // already gone
    }
    await closed;
    await worker.terminate();
    if (this.worker === worker) this.worker = undefined;
    this.starting = undefined;
  }

  private post(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private failAll(err: unknown): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
    this.updateRef();
  }

  private updateRef(): void {
    if (!this.worker) return;
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }
}
