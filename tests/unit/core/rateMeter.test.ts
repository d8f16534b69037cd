import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../src/main/core/jobs/rateMeter';

describe('RateMeter (smoothed rate and ETA)', () => {
  it('keeps the ETA steady when a large file is followed by a run of small ones', () => {
    let t = 0;
    const meter = new RateMeter(10_000, () => t);
    const total = 60;
    const smoothed: number[] = [];
    const windowed: number[] = [];
    // 60 files: every 6th is a big one taking 20 s, the others 1 s each (like the real PDFs).
    for (let done = 1; done <= 40; done++) {
      t += done % 6 === 0 ? 20_000 : 1_000;
      meter.update(done);
      if (done < 12) continue;
      smoothed.push(meter.eta(done, total)!);
      windowed.push((total - done) / meter.windowRate());
    }
    const worstStep = (etas: number[]) =>
      Math.max(...etas.slice(1).map((e, i) => Math.abs(e - etas[i]!) / etas[i]!));
    // An ETA from the raw sliding-window rate jumps several-fold after each big file...
    expect(worstStep(windowed)).toBeGreaterThan(2);
    // ...the smoothed one moves by well under half from one file to the next.
    expect(worstStep(smoothed)).toBeLessThan(0.4);
  });

  it('follows a real change of speed within a few time constants', () => {
    let t = 0;
    const meter = new RateMeter(10_000, () => t);
    for (let done = 1; done <= 30; done++) {
      t += 1_000;
      meter.update(done); // 1 unit/s
    }
    expect(meter.rate()).toBeCloseTo(1, 1);
    for (let done = 31; done <= 150; done++) {
      t += 250;
      meter.update(done); // 4 units/s for 30 s
    }
    expect(meter.rate()).toBeGreaterThan(3.5);
  });

  it('is unknown until two samples, and starts afresh after reset()', () => {
    let t = 0;
    const meter = new RateMeter(10_000, () => t);
    meter.update(0);
    expect(meter.eta(0, 10)).toBeNull();
    t = 2_000;
    meter.update(4);
    expect(meter.rate()).toBeCloseTo(2, 5);
    expect(meter.eta(4, 10)).toBeCloseTo(3, 5);
    meter.reset();
    expect(meter.rate()).toBe(0);
    expect(meter.eta(4, 10)).toBeNull();
  });
});
