/**
 * Calendar windows over document dates (file modification time or ingest time), for "how did the
 * library's content drift over time". Windows are UTC calendar units; the automatic choice is the
 * finest unit that gives at most `maxWindows` non-empty windows.
 */

export const granularities = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof granularities)[number];

export interface TimeWindow {
  label: string;
  /** Start and end (exclusive) of the window, epoch ms. */
  start: number;
  end: number;
  count: number;
}

export interface WindowAssignment {
  granularity: Granularity;
  /** Window index of each item (ascending by time). */
  windowOf: Int32Array;
  windows: TimeWindow[];
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The window holding `ms`: its label and bounds. */
export function windowOf(
  ms: number,
  granularity: Granularity,
): { label: string; start: number; end: number } {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (granularity) {
    case 'day': {
      const start = Date.UTC(y, m, d.getUTCDate());
      return { label: `${y}-${pad(m + 1)}-${pad(d.getUTCDate())}`, start, end: start + DAY };
    }
    case 'week': {
      // Weeks start on Monday (ISO); labelled by their Monday.
      const day = Date.UTC(y, m, d.getUTCDate());
      const start = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
      const s = new Date(start);
      return {
        label: `week of ${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`,
        start,
        end: start + 7 * DAY,
      };
    }
    case 'month':
      return { label: `${y}-${pad(m + 1)}`, start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
    case 'quarter': {
      const q = Math.floor(m / 3);
      return { label: `${y} Q${q + 1}`, start: Date.UTC(y, q * 3, 1), end: Date.UTC(y, q * 3 + 3, 1) };
    }
    case 'year':
      return { label: String(y), start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  }
}

/** Assigns every time to a window of the given (or automatically chosen) granularity. */
export function assignWindows(
  times: readonly number[],
  options: { granularity?: Granularity | 'auto'; maxWindows?: number } = {},
): WindowAssignment {
  const maxWindows = options.maxWindows ?? 24;
  const granularity =
    options.granularity && options.granularity !== 'auto'
      ? options.granularity
      : (granularities.find((g) => distinctWindows(times, g) <= maxWindows) ?? 'year');
  const byStart = new Map<number, TimeWindow>();
  const startOf = times.map((t) => {
    const w = windowOf(t, granularity);
    const window = byStart.get(w.start) ?? { ...w, count: 0 };
    window.count++;
    byStart.set(w.start, window);
    return w.start;
  });
  const windows = [...byStart.values()].sort((a, b) => a.start - b.start);
  const index = new Map(windows.map((w, i) => [w.start, i]));
  return { granularity, windowOf: Int32Array.from(startOf, (s) => index.get(s) as number), windows };
}

function distinctWindows(times: readonly number[], granularity: Granularity): number {
  const starts = new Set<number>();
  for (const t of times) starts.add(windowOf(t, granularity).start);
  return starts.size;
}
