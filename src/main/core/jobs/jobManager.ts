import { randomUUID } from 'node:crypto';
import type { JobProgress } from '../../../shared/api/events';
import { LociError } from '../../../shared/api/errors';
import type { EventBus } from '../eventBus';
import { RateMeter } from './rateMeter';

/** What a running job reports; the manager adds id, kind, rate and ETA. */
export interface ProgressUpdate {
  done: number;
  total: number;
  current?: string;
  message?: string;
  /** Stage of a multi-stage job; the first update of each new stage is always emitted. */
  phase?: string;
}

export interface JobContext {
  signal: AbortSignal;
  /** Throttled: emits at most every `minIntervalMs`, always on a new phase and on the last update. */
  progress(update: ProgressUpdate): void;
}

interface JobRecord {
  progress: JobProgress;
  controller: AbortController;
  done: Promise<unknown>;
}

/**
 * Runs long work (ingest, sync, re-embedding, projections) as jobs: each gets an id, reports progress
 * (done/total, rate, ETA, current item) on `job.progress`, and can be cancelled. Jobs of the same
 * `exclusive` group run one at a time (one writer per library).
 */
export class JobManager {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly running = new Map<string, string>();

  constructor(
    private readonly events: EventBus,
    private readonly minIntervalMs = 250,
    /** Turns a job's failure into what the user should see (the core passes toLociError). */
    private readonly mapError: (err: unknown) => unknown = (err) => err,
  ) {}

  /**
   * Starts `work` in the background and returns its id at once. With `exclusive`, refuses to start
   * while another job of that group runs.
   */
  start<T>(
    kind: string,
    work: (ctx: JobContext) => Promise<T>,
    options: { exclusive?: string } = {},
  ): {
    jobId: string;
    result: Promise<T>;
  } {
    if (options.exclusive && this.running.has(options.exclusive)) {
      throw new LociError(
        'CONFLICT',
        `Another ${options.exclusive} job is running (${this.running.get(options.exclusive)}).`,
      );
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    const meter = new RateMeter();
    const progress: JobProgress = {
      jobId,
      kind,
      state: 'running',
      done: 0,
      total: 0,
      rate: 0,
      etaSeconds: null,
    };
    let lastEmit = 0;
    let phase: string | undefined;

    const emit = (force: boolean) => {
      const now = Date.now();
      if (!force && now - lastEmit < this.minIntervalMs) return;
      lastEmit = now;
      this.events.emit('job.progress', { ...progress });
    };

    const ctx: JobContext = {
      signal: controller.signal,
      progress: (update) => {
        // A new phase is always shown (a fast phase would otherwise vanish inside the throttle).
        const newPhase = update.phase !== undefined && update.phase !== phase;
        phase = update.phase ?? phase;
        // Each phase has its own units and speed: its rate and ETA start afresh.
        if (newPhase) meter.reset();
        if (phase !== undefined) progress.phase = phase;
        progress.done = update.done;
        progress.total = update.total;
        progress.current = update.current;
        progress.message = update.message;
        progress.rate = meter.update(update.done);
        progress.etaSeconds = meter.eta(update.done, update.total);
        emit(newPhase || update.done === update.total);
      },
    };

    if (options.exclusive) this.running.set(options.exclusive, jobId);
    emit(true);
    const result = (async () => {
      try {
        const value = await work(ctx);
        progress.state = controller.signal.aborted ? 'cancelled' : 'done';
        return value;
      } catch (raw) {
        const err = this.mapError(raw);
        progress.state = controller.signal.aborted ? 'cancelled' : 'failed';
        progress.message = err instanceof Error ? err.message : String(err);
        throw err;
      } finally {
        progress.etaSeconds = null;
        delete progress.phase;
        if (options.exclusive) this.running.delete(options.exclusive);
        emit(true);
      }
    })();
    // The caller may not await the result (background job); failures are reported on the event.
    result.catch(() => {});
    this.jobs.set(jobId, { progress, controller, done: result });
    return { jobId, result };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.progress.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** Resolves with the job's result (rejects with its error); for callers that wait, like the CLI. */
  wait(jobId: string): Promise<unknown> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new LociError('NOT_FOUND', `No job ${jobId}`));
    return job.done;
  }

  list(): JobProgress[] {
    return [...this.jobs.values()].map((j) => ({ ...j.progress })).reverse();
  }

  /** The id of the running job in an exclusive group, if any. */
  runningIn(group: string): string | null {
    return this.running.get(group) ?? null;
  }

  /** Cancels everything and waits for the jobs to wind down (core shutdown). */
  async closeAll(): Promise<void> {
    for (const job of this.jobs.values()) job.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
