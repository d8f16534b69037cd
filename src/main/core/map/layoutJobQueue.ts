import type { MapLayout } from '../../../shared/api/methods/map';
import type { JobContext, JobManager } from '../jobs/jobManager';
import { createMapWorkerClient, type MapWorkerClient } from './mapWorkerClient';
import type { LayoutAnswer, MapWorkerProgress } from './mapWorkerProtocol';
import type { LayoutParams } from './storedLayout';

/** The job kind UMAP layouts run under (the renderer shows its progress bar for it). */
export const MAP_JOB_KIND = 'map.layout';

/** Share of a UMAP job's progress bar each phase fills (measured proportions at 20k-100k points). */
const PHASES: Record<string, [number, number]> = {
  projection: [0, 0.05],
  neighbours: [0.05, 0.35],
  'neighbours (library index)': [0.05, 0.35],
  layout: [0.35, 0.95],
  clusters: [0.95, 0.98],
  labels: [0.98, 1],
};
const PROGRESS_UNITS = 1000;
/** The builder worker keeps the last point set (and its neighbours) this long for the next variant. */
const BUILDER_IDLE_MS = 60_000;

interface Entry {
  key: string;
  params: LayoutParams;
  recompute: boolean;
  jobId: string;
  /** Resolves when it is this entry's turn. */
  go: () => void;
  turn: Promise<void>;
}

/** "the passages map (2D)": what a layout is, in the words the app uses. */
export function describeLayout(params: LayoutParams): string {
  return `the ${params.level === 'chunks' ? 'passages' : 'documents'} map (${params.dims}D)`;
}

/**
 * UMAP layouts, one at a time, each a job of its own (progress on `job.progress`, cancelled with
 * jobs.cancel): the CPU has no room for two, and the 2D and 3D layouts of one point set share its
 * neighbours and clusters in the builder worker. The layout the user is waiting for jumps the queue;
 * the others (built once per data version so that switching is instant) wait their turn.
 */
export class LayoutJobQueue {
  private readonly waiting: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private active: Entry | null = null;
  private builder: MapWorkerClient | null = null;

  constructor(
    private readonly jobs: JobManager,
    private readonly libraryDir: string,
    /** Called with each finished layout. */
    private readonly onLayout: (key: string, layout: MapLayout) => void,
  ) {}

  /** The job (queued or running) computing this key, if any. */
  jobOf(key: string): string | null {
    return this.byKey.get(key)?.jobId ?? null;
  }

  /** Moves a queued layout to the front (the user is now looking at it). */
  prioritise(key: string): void {
    const at = this.waiting.findIndex((e) => e.key === key);
    if (at > 0) this.waiting.unshift(...this.waiting.splice(at, 1));
  }

  /** Queues a layout (at the front when `urgent`) and returns its job id; joins a queued one. */
  enqueue(
    key: string,
    params: LayoutParams,
    options: { recompute?: boolean; urgent?: boolean } = {},
  ): string {
    const existing = this.byKey.get(key);
    if (existing) {
      if (options.urgent) this.prioritise(key);
      return existing.jobId;
    }
    let go = () => undefined as void;
    const turn = new Promise<void>((resolve) => (go = resolve));
    const entry: Entry = { key, params, recompute: options.recompute ?? false, jobId: '', go, turn };
    if (options.urgent) this.waiting.unshift(entry);
    else this.waiting.push(entry);
    this.byKey.set(key, entry);
    this.next();
    entry.jobId = this.jobs.start(MAP_JOB_KIND, (ctx) => this.run(entry, ctx)).jobId;
    return entry.jobId;
  }

  async close(): Promise<void> {
    await this.builder?.close();
    this.builder = null;
  }

  private next(): void {
    if (this.active) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.active = entry;
    entry.go();
  }

  private async waitTurn(entry: Entry, ctx: JobContext): Promise<void> {
    if (this.active === entry) return;
    ctx.progress({
      done: 0,
      total: PROGRESS_UNITS,
      current: `waiting for ${this.active ? describeLayout(this.active.params) : 'another layout'}`,
      phase: 'waiting',
    });
    await new Promise<void>((resolve, reject) => {
      const abort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new Error('cancelled'));
      };
      if (ctx.signal.aborted) return abort();
      ctx.signal.addEventListener('abort', abort, { once: true });
      void entry.turn.then(() => {
        ctx.signal.removeEventListener('abort', abort);
        resolve();
      });
    });
  }

  private async run(entry: Entry, ctx: JobContext): Promise<{ layoutId: string; points: number }> {
    try {
      await this.waitTurn(entry, ctx);
      this.builder ??= createMapWorkerClient(this.libraryDir, BUILDER_IDLE_MS);
      const worker = this.builder;
      // Cancelling stops the worker mid-computation; the next layout starts a fresh one.
      const stop = () => {
        if (this.builder === worker) this.builder = null;
        void worker.stop();
      };
      ctx.signal.addEventListener('abort', stop, { once: true });
      try {
        const { params } = entry;
        const onProgress = (event: MapWorkerProgress) => reportPhase(ctx, event, describeLayout(params));
        const answer: LayoutAnswer = entry.recompute
          ? await worker.call('recompute', { params }, { onProgress })
          : await worker.call('layout', { params, allowCompute: true }, { onProgress });
        if (answer.status !== 'ready') throw new Error('the UMAP layout was not computed');
        this.onLayout(entry.key, answer.layout);
        ctx.progress({ done: PROGRESS_UNITS, total: PROGRESS_UNITS, current: 'done' });
        return { layoutId: answer.layout.layoutId, points: answer.layout.points };
      } finally {
        ctx.signal.removeEventListener('abort', stop);
      }
    } finally {
      this.byKey.delete(entry.key);
      if (this.active === entry) this.active = null;
      this.next();
    }
  }
}

function reportPhase(ctx: JobContext, event: MapWorkerProgress, what: string): void {
  const [from, to] = PHASES[event.phase] ?? [0, 0];
  const share = event.total > 0 ? Math.min(1, event.done / event.total) : 0;
  const done = Math.round(PROGRESS_UNITS * (from + (to - from) * share));
  const step = event.phase === 'layout' ? `epoch ${event.done} of ${event.total}` : event.phase;
  ctx.progress({
    done: Math.min(done, PROGRESS_UNITS - 1),
    total: PROGRESS_UNITS,
    current: `${what}: ${step}`,
    message: event.phase,
    phase: event.phase,
  });
}
