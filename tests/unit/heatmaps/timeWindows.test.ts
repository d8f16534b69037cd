import { describe, expect, it } from 'vitest';
import { assignWindows, windowOf } from '../../../src/main/core/heatmaps/timeWindows';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 12);

describe('time windows', () => {
  it('labels calendar windows in UTC, weeks starting on Monday', () => {
    expect(windowOf(day(2024, 3, 7), 'month').label).toBe('2024-03');
    expect(windowOf(day(2024, 3, 7), 'quarter').label).toBe('2024 Q1');
    expect(windowOf(day(2024, 3, 7), 'year').label).toBe('2024');
    expect(windowOf(day(2024, 3, 7), 'day').label).toBe('2024-03-07');
    // 2024-03-07 is a Thursday; its week starts Monday 2024-03-04.
    expect(windowOf(day(2024, 3, 7), 'week').label).toBe('week of 2024-03-04');
    expect(windowOf(day(2024, 3, 10), 'week').label).toBe('week of 2024-03-04'); // Sunday
  });

  it('assigns items to windows sorted by time, counting members', () => {
    const times = [day(2024, 5, 1), day(2023, 1, 9), day(2024, 5, 30), day(2023, 12, 31)];
    const a = assignWindows(times, { granularity: 'month' });
    expect(a.windows.map((w) => [w.label, w.count])).toEqual([
      ['2023-01', 1],
      ['2023-12', 1],
      ['2024-05', 2],
    ]);
    expect(Array.from(a.windowOf)).toEqual([2, 0, 2, 1]);
  });

  it('auto picks the finest unit that stays within maxWindows', () => {
    const times = Array.from({ length: 60 }, (_, i) => day(2020, 1 + (i % 12), 1 + (i % 27)) + i * 3_600_000);
    expect(assignWindows(times, { maxWindows: 24 }).granularity).toBe('month');
    expect(assignWindows(times, { maxWindows: 4 }).granularity).toBe('quarter');
    expect(assignWindows([day(2020, 1, 1), day(2020, 1, 2)]).granularity).toBe('day');
  });
});
