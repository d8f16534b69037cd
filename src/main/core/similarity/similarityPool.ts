import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawnWorker';
import { gramRows, splitRows } from '../math/gramKernel';
import { assertSameSpace, type ModelMatrix } from './modelSpace';
import type { ReplyOf, SimilarityRequest, WorkerMessage } from './similarityProtocol';

/**
 * Worker threads for the similarity maths (rule 3: no heavy loops on the core's event loop). Workers
 * start on first use and stop after a quiet spell, unref'd, so an idle app or a finished CLI command
 * holds no threads. A product is split by rows across the workers; inputs and output live in
 * SharedArrayBuffers, so splitting costs no copies.
 */

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  slot: Slot;
}

interface Queued {
  request: SimilarityRequest;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Below this many multiply-adds a product is done inline: a few milliseconds, less than a message. */
const INLINE_WORK = 2_000_000;

export class SimilarityPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly size = 2,
    private readonly idleMs = 30_000,
  ) {}

  /** Runs one request on a free worker (queued while all are busy). */
  run<K extends SimilarityRequest['op']>(
    request: Extract<SimilarityRequest, { op: K }>,
  ): Promise<ReplyOf[K]> {
    if (this.closed) return Promise.reject(new Error('similarity pool is closed'));
    return new Promise<ReplyOf[K]>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Cosine similarities A Bᵀ (B omitted: A Aᵀ, computed as a triangle and mirrored). Refuses two
   * matrices of different models. The result is backed by a SharedArrayBuffer.
   */
  async gram(a: ModelMatrix, b?: ModelMatrix): Promise<Float32Array> {
    if (b) assertSameSpace(a.model, b.model);
    const symmetric = !b || b === a;
    const other = b ?? a;
    const dims = a.model.dims;
    const out = sharedFloats(a.rows * other.rows);
    const work = a.rows * other.rows * dims;
    if (work <= INLINE_WORK) {
      gramRows({
        a: a.data,
        b: other.data,
        bRows: other.rows,
        dims,
        symmetric,
        rowStart: 0,
        rowEnd: a.rows,
        out,
      });
      return out;
    }
    const sa = toShared(a.data);
    const sb = symmetric ? sa : toShared(other.data);
    await Promise.all(
      splitRows(a.rows, this.size, symmetric).map(([rowStart, rowEnd]) =>
        this.run({ op: 'gram', a: sa, b: sb, bRows: other.rows, dims, symmetric, rowStart, rowEnd, out }),
      ),
    );
    return out;
  }

  /** Stops the workers; pending requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorkers(new Error('similarity pool is closed'));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const slot = this.freeSlot();
      if (!slot) return;
      const job = this.queue.shift() as Queued;
      const id = this.nextId++;
      slot.busy = true;
      this.pending.set(id, { resolve: job.resolve, reject: job.reject, slot });
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      slot.worker.postMessage({ id, request: job.request });
    }
  }

  private freeSlot(): Slot | null {
    const free = this.slots.find((s) => !s.busy);
    if (free) return free;
    if (this.slots.length >= this.size) return null;
    const worker = spawnWorker('similarity');
    worker.unref();
    const slot: Slot = { worker, busy: false };
    worker.on('message', (message: WorkerMessage) => this.settle(message));
    worker.on('error', (error) => this.fail(slot, error));
    worker.on('exit', (code) => {
      if (code !== 0) this.fail(slot, new Error(`similarity worker exited with code ${code}`));
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
    });
    this.slots.push(slot);
    return slot;
  }

  private settle(message: WorkerMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    pending.slot.busy = false;
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
    this.pump();
    this.armIdleTimer();
  }

  private fail(slot: Slot, error: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.slot !== slot) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate();
    this.pump();
  }

  private armIdleTimer(): void {
    if (this.pending.size > 0 || this.queue.length > 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size === 0) void this.stopWorkers(null);
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async stopWorkers(error: Error | null): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (error) {
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
      for (const job of this.queue.splice(0)) job.reject(error);
    }
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/** A zeroed Float32Array on a SharedArrayBuffer (workers write into it in place). */
export function sharedFloats(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/** The array itself when already shared, else a shared copy. */
export function toShared(data: Float32Array): Float32Array {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const copy = sharedFloats(data.length);
  copy.set(data);
  return copy;
}
