import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/shared/api/events';
import { EventBus } from '../../../src/main/core/eventBus';
import { JobManager } from '../../../src/main/core/jobs/jobManager';
import { RateMeter } from '../../../src/main/core/jobs/rateMeter';

describe('RateMeter', () => {
  it('measures rate over a sliding window and estimates the time left', () => {
    let now = 0;
    const meter = new RateMeter(10_000, () => now);
    meter.update(0);
    now = 2000;
    expect(meter.update(10)).toBeCloseTo(5);
    expect(meter.eta(10, 110)).toBeCloseTo(20);
    // A long stall followed by fast progress: the window forgets the old samples (the smoothed rate
    // that the ETA uses moves more slowly: tests/unit/core/rateMeter.test.ts).
    now = 30_000;
    meter.update(12);
    now = 31_000;
    meter.update(32);
    expect(meter.windowRate()).toBeCloseTo(20);
  });

  it('has no ETA before it knows a rate', () => {
    const meter = new RateMeter();
    expect(meter.eta(0, 10)).toBeNull();
  });
});

describe('JobManager', () => {
  it('reports progress with rate and ETA, then done', async () => {
    const events = new EventBus();
    const seen: JobProgress[] = [];
    events.on('job.progress', (p) => seen.push(p));
    const jobs = new JobManager(events, 0);
    const { jobId, result } = jobs.start('ingest', async (ctx) => {
      for (let i = 1; i <= 5; i++) {
        await new Promise((r) => setTimeout(r, 5));
        ctx.progress({ done: i, total: 5, current: `file${i}.pdf` });
      }
      return 'ok';
    });
    await expect(result).resolves.toBe('ok');
    expect(seen[0]).toMatchObject({ jobId, kind: 'ingest', state: 'running' });
    expect(seen.some((p) => p.current === 'file3.pdf' && p.rate > 0)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'done', done: 5, total: 5 });
    expect(jobs.list()[0]).toMatchObject({ jobId, state: 'done' });
  });

  it('throttles progress but always shows the first update of each phase', async () => {
    const events = new EventBus();
    const seen: JobProgress[] = [];
    events.on('job.progress', (p) => seen.push(p));
    const jobs = new JobManager(events, 60_000);
    const { result } = jobs.start('map.layout', async (ctx) => {
      for (const [phase, base] of [
        ['neighbours', 0],
        ['layout', 50],
      ] as const)
        for (let i = 0; i < 10; i++) ctx.progress({ done: base + i, total: 100, phase, message: phase });
    });
    await result;
    // start, the first update of each phase, the end; the other 18 updates fall inside the throttle.
    expect(seen.map((p) => [p.state, p.done])).toEqual([
      ['running', 0],
      ['running', 0],
      ['running', 50],
      ['done', 59],
    ]);
  });

  it('cancels through the signal and reports cancelled', async () => {
    const events = new EventBus();
    const jobs = new JobManager(events, 0);
    const { jobId, result } = jobs.start('ingest', async (ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      return 'stopped cleanly';
    });
    expect(jobs.cancel(jobId)).toBe(true);
    await expect(result).resolves.toBe('stopped cleanly');
    expect(jobs.list()[0]?.state).toBe('cancelled');
    expect(jobs.cancel(jobId)).toBe(false);
  });

  it('runs one job per exclusive group and frees the group after a failure', async () => {
    const jobs = new JobManager(new EventBus(), 0);
    let release!: () => void;
    const first = jobs.start('ingest', () => new Promise<void>((r) => (release = r)), {
      exclusive: 'library',
    });
    expect(() => jobs.start('sync', async () => {}, { exclusive: 'library' })).toThrow(/Another library job/);
    release();
    await first.result;
    const failing = jobs.start('sync', async () => Promise.reject(new Error('disk full')), {
      exclusive: 'library',
    });
    await expect(failing.result).rejects.toThrow('disk full');
    expect(jobs.list()[0]).toMatchObject({ state: 'failed', message: 'disk full' });
    expect(jobs.runningIn('library')).toBeNull();
  });
});
