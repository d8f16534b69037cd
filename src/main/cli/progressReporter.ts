import type { Writable } from 'node:stream';
import type { JobProgress } from '../../shared/api/events';

/** "1m 05s", "42s", "2h 03m": short, stable-width-ish durations for ETAs. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line: `[#####.....] 120/400 files  3.2/s  ETA 1m 27s  paper.pdf`. */
export function formatProgressLine(p: JobProgress, unit: string, width = 80): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const barWidth = 24;
  const filled = Math.round(fraction * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  const head = `${bar} ${p.done}/${p.total} ${unit}  ${p.rate.toFixed(1)}/s  ETA ${formatDuration(p.etaSeconds)}`;
  const current = p.current ? `  ${p.current}` : '';
  const line = head + current;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/**
 * Shows job progress to a person on stderr: a redrawn bar on a terminal, a line every few seconds
 * otherwise (logs stay readable). With --json, every event also goes to stdout as NDJSON.
 */
export function createProgressReporter(opts: {
  stderr: Writable;
  stdout: Writable;
  interactive: boolean;
  json: boolean;
  unit: string;
}) {
  let lastPlain = 0;
  let drawn = false;
  return {
    update(p: JobProgress): void {
      if (opts.json) opts.stdout.write(`${JSON.stringify({ type: 'progress', ...p })}\n`);
      if (opts.interactive) {
        const columns = (opts.stderr as { columns?: number }).columns ?? 100;
        opts.stderr.write(`\r\x1b[2K${formatProgressLine(p, opts.unit, columns - 1)}`);
        drawn = true;
      } else if (Date.now() - lastPlain > 5000 || p.done === p.total) {
        lastPlain = Date.now();
        opts.stderr.write(`${formatProgressLine(p, opts.unit, 200)}\n`);
      }
    },
    /** Ends the redrawn line so later output starts on a fresh one. */
    finish(): void {
      if (drawn) opts.stderr.write('\n');
      drawn = false;
    },
  };
}
