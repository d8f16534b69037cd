import { RpcClient } from '../workerRpc/rpcClient';
import { workerThreadEndpoint } from '../workerRpc/rpcEndpoint';
import { spawnWorker } from '../workers/spawnWorker';
import { gramRows, splitRows } from '../math/gramKernel';
import { assertSameSpace, type ModelMatrix } from './modelSpace';
import type { ReplyOf, SimilarityProtocol, SimilarityRequest } from './similarityProtocol';

/**
 * Worker threads for the similarity maths (rule 3: no heavy loops on the core's event loop). Workers
 * start on first use and stop after a quiet spell, unref'd, so an idle app or a finished CLI command
 * holds no threads. A product is split by rows across the workers; inputs and output live in
 * SharedArrayBuffers, so splitting costs no copies.
 */

interface Slot {
  worker: RpcClient<SimilarityProtocol>;
  busy: boolean;
}

interface Queued {
  request: SimilarityRequest;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Below this many multiply-adds a product is done inline: a few milliseconds, less than a message. */
const INLINE_WORK = 2_000_000;

export class SimilarityPool {
  /** One slot per worker the pool may run; a slot's worker starts on its first request. */
  private readonly slots: Slot[];
  private readonly queue: Queued[] = [];
  private closed = false;

  constructor(
    readonly size = 2,
    idleMs = 30_000,
  ) {
    this.slots = Array.from({ length: size }, () => ({
      busy: false,
      worker: new RpcClient<SimilarityProtocol>({
        name: 'similarity worker',
        start: () => workerThreadEndpoint(spawnWorker('similarity'), 'similarity worker'),
        idleStopMs: idleMs,
      }),
    }));
  }

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
    const error = new Error('similarity pool is closed');
    for (const job of this.queue.splice(0)) job.reject(error);
    await Promise.all(this.slots.map((slot) => slot.worker.close()));
  }

  /** Hands queued requests to free workers, the ones already running first. */
  private pump(): void {
    while (this.queue.length > 0) {
      const free = this.slots.filter((s) => !s.busy);
      const slot = free.find((s) => s.worker.running) ?? free[0];
      if (!slot) return;
      const job = this.queue.shift() as Queued;
      slot.busy = true;
      const call = slot.worker.call(job.request.op, job.request as never) as Promise<unknown>;
      void call.then(job.resolve, job.reject).finally(() => {
        slot.busy = false;
        this.pump();
      });
    }
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
