/**
 * Rate and ETA over a sliding window, so a slow first file (model warm-up, a huge PDF) does not skew
 * the estimate for the rest of the job.
 */
export class RateMeter {
  private readonly samples: Array<{ t: number; done: number }> = [];

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records progress; returns units per second over the window (0 until two samples exist). */
  update(done: number): number {
    const t = this.now();
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
    return this.rate();
  }

  rate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.done - first.done) * 1000) / (last.t - first.t);
  }

  /** Seconds left for `total - done` units at the current rate; null while unknown. */
  eta(done: number, total: number): number | null {
    const rate = this.rate();
    if (rate <= 0 || total <= 0) return null;
    return Math.max(0, (total - done) / rate);
  }
}
