import type { IngestBudget, IngestStage } from '../../../shared/api/methods/library';

export type { IngestBudget, IngestStage } from '../../../shared/api/methods/library';

const STAGES: readonly IngestStage[] = ['extract', 'chunk', 'embed', 'write', 'index'];

/**
 * Where an ingest job's wall time went. Stages overlap (files are extracted while earlier ones are
 * embedded and written), so each stage is timed as the union of the intervals in which at least one
 * piece of its work was running: "embed 0.93" means the model had work during 93% of the job,
 * whatever ran beside it. The shares therefore do not add up to 1; `1 - embed` is the time the model
 * waited for something else, which is the number the pipeline is built to keep small.
 */
export class StageClock {
  private readonly started = performance.now();
  private readonly active = new Map<IngestStage, { depth: number; since: number; ms: number }>(
    STAGES.map((s) => [s, { depth: 0, since: 0, ms: 0 }]),
  );
  /** Chunks embedded by the model, and chunks whose vectors were reused instead. */
  embedded = 0;
  reused = 0;

  /** Marks one piece of `stage` as started; call the returned function when it ends (once). */
  begin(stage: IngestStage): () => void {
    const s = this.active.get(stage)!;
    if (s.depth++ === 0) s.since = performance.now();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--s.depth === 0) s.ms += performance.now() - s.since;
    };
  }

  /** Times `work` as one piece of `stage`. */
  async time<T>(stage: IngestStage, work: () => Promise<T>): Promise<T> {
    const end = this.begin(stage);
    try {
      return await work();
    } finally {
      end();
    }
  }

  /** The budget so far (stages still running count up to now). */
  snapshot(): IngestBudget {
    const now = performance.now();
    const stageMs = Object.fromEntries(
      [...this.active].map(([stage, s]) => [stage, Math.round(s.ms + (s.depth > 0 ? now - s.since : 0))]),
    ) as Record<IngestStage, number>;
    return {
      wallMs: Math.round(now - this.started),
      stageMs,
      embeddedChunks: this.embedded,
      reusedChunks: this.reused,
    };
  }
}
