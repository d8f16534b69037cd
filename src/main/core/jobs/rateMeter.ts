/**
 * Rate and ETA that a person can read. The ETA comes from an exponentially weighted moving average
 * (EWMA) of the seconds each work unit took, weighted per unit rather than per unit of time: a
 * 20-second PDF moves the estimate by a few percent instead of turning "13 min" into "54 s" and
 * back, and a lasting change of speed still shows within a few dozen units. The raw rate over a
 * sliding window stays available (windowRate) for a "now" figure.
 */
export class RateMeter {
  private readonly samples: Array<{ t: number; done: number }> = [];
  /** The last sample at which `done` grew: the next unit's time is measured from there. */
  private lastStep: { t: number; done: number } | null = null;
  private secondsPerUnit: number | null = null;

  /**
   * @param windowMs the sliding window of raw samples (windowRate)
   * @param now the clock (tests pass their own)
   * @param weightPerUnit how much one finished unit moves the average (0.05: ~20 units of memory)
   */
  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
    private readonly weightPerUnit = 0.05,
  ) {}

  /** Forgets everything (a new phase of a job, with other units and another speed). */
  reset(): void {
    this.samples.length = 0;
    this.lastStep = null;
    this.secondsPerUnit = null;
  }

  /** Records progress; returns the smoothed units per second (0 until a unit is timed). */
  update(done: number): number {
    const t = this.now();
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
    const step = this.lastStep;
    if (!step || done < step.done) {
      this.lastStep = { t, done };
    } else if (done > step.done && t > step.t) {
      const units = done - step.done;
      const measured = (t - step.t) / 1000 / units;
      // The first timing seeds the average; after that each unit weighs `weightPerUnit`.
      const weight = this.secondsPerUnit === null ? 1 : 1 - (1 - this.weightPerUnit) ** units;
      this.secondsPerUnit =
        this.secondsPerUnit === null
          ? measured
          : this.secondsPerUnit + weight * (measured - this.secondsPerUnit);
      this.lastStep = { t, done };
    }
    return this.rate();
  }

  /** Units per second over the raw sliding window (unsmoothed). */
  windowRate(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t <= first.t) return 0;
    return ((last.done - first.done) * 1000) / (last.t - first.t);
  }

  /** The smoothed rate, units per second. */
  rate(): number {
    return this.secondsPerUnit ? 1 / this.secondsPerUnit : 0;
  }

  /** Seconds left for `total - done` units at the smoothed rate; null while unknown. */
  eta(done: number, total: number): number | null {
    const rate = this.rate();
    if (rate <= 0 || total <= 0) return null;
    return Math.max(0, (total - done) / rate);
  }
}
