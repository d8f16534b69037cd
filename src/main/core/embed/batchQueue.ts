/**
 * Forms model batches from the texts of every pending embed call.
 *
 * Each call's items are sorted by token length, so a batch holds texts of similar length and little
 * compute goes into padding. Calls take turns (round robin): a one-line search query that arrives during
 * a 10,000-chunk ingest waits for at most one batch, not for the whole ingest. A batch that still has room
 * after its turn's call ran dry is topped up from the next calls, so many concurrent small calls share a
 * batch instead of each paying for a model run.
 */
export interface BatchLimits {
  /** Most texts in one model run. */
  maxBatchSize: number;
  /** Most padded tokens (texts x longest text) in one model run; bounds activation memory. */
  maxBatchTokens: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxBatchSize: 32, maxBatchTokens: 16_384 };

export interface QueuedItem<P> {
  jobId: number;
  /** Position in the job's input. */
  index: number;
  length: number;
  payload: P;
}

interface Job<P> {
  id: number;
  items: QueuedItem<P>[];
  next: number;
}

export class BatchQueue<P> {
  private jobs: Job<P>[] = [];

  constructor(private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS) {}

  /** Queues a job's items (`payloads[i]` has `lengths[i]` tokens). */
  add(jobId: number, payloads: readonly P[], lengths: readonly number[]): void {
    const items = payloads.map((payload, index) => ({ jobId, index, length: lengths[index]!, payload }));
    items.sort((a, b) => a.length - b.length || a.index - b.index);
    if (items.length > 0) this.jobs.push({ id: jobId, items, next: 0 });
  }

  /** Drops a job's remaining items (cancelled or failed). */
  remove(jobId: number): void {
    this.jobs = this.jobs.filter((j) => j.id !== jobId);
  }

  get isEmpty(): boolean {
    return this.jobs.length === 0;
  }

  /** The next batch, or undefined when nothing is queued. Never empty, never over the limits (one overlong text aside). */
  nextBatch(): QueuedItem<P>[] | undefined {
    if (this.jobs.length === 0) return undefined;
    const batch: QueuedItem<P>[] = [];
    let longest = 0;
    for (const job of this.jobs) {
      while (job.next < job.items.length && batch.length < this.limits.maxBatchSize) {
        const item = job.items[job.next]!;
        const wouldBe = Math.max(longest, item.length) * (batch.length + 1);
        if (batch.length > 0 && wouldBe > this.limits.maxBatchTokens) break;
        batch.push(item);
        longest = Math.max(longest, item.length);
        job.next++;
      }
      if (batch.length >= this.limits.maxBatchSize) break;
      if (batch.length > 0 && longest * (batch.length + 1) > this.limits.maxBatchTokens) break;
    }
    // Rotate: the job that led this batch goes to the back; finished jobs leave.
    const [first, ...rest] = this.jobs;
    this.jobs = [...rest, first!].filter((j) => j.next < j.items.length);
    return batch;
  }
}
