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

/**
 * Shortens text to `max` characters by cutting out its middle (`/home/u/very…/report-2024.pdf`): the
 * start says where a file is, the end says which one. Never longer than `max`.
 */
export function shortenMiddle(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  const tail = Math.ceil((max - 1) / 2);
  const head = max - 1 - tail;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}

/**
 * One line, at most `width` columns:
 * `[#####.....] 120/400 files  3.2/s  ETA 1m 27s  /papers/…/paper.pdf`. When every file is done but
 * the job still runs, it says what it is doing (`60/60 files  building the vector index…`) instead
 * of a rate of 0 and an unknown ETA.
 */
export function formatProgressLine(p: JobProgress, unit: string, width = 80): string {
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const barWidth = 24;
  const filled = Math.round(fraction * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  const counts = `${bar} ${p.done}/${p.total} ${unit}`;
  const filesDone = p.total > 0 && p.done >= p.total;
  let head: string;
  let current = p.current ?? '';
  if (p.state === 'running' && filesDone && p.phase) {
    head = `${counts}  ${p.phase}…`;
    current = '';
  } else if (p.state === 'running') {
    head = `${counts}  ${p.rate.toFixed(1)}/s  ETA ${formatDuration(p.etaSeconds)}`;
  } else {
    head = counts;
  }
  if (head.length >= width) return shortenMiddle(head, width);
  if (!current) return head;
  return `${head}  ${shortenMiddle(current, width - head.length - 2)}`;
}

/**
 * Shows job progress to a person on stderr: a redrawn bar on a terminal, a line every few seconds
 * otherwise (logs stay readable), and a line whenever the job enters a new phase. With --json,
 * every event also goes to stdout as NDJSON.
 */
export function createProgressReporter(opts: {
  stderr: Writable;
  stdout: Writable;
  interactive: boolean;
  json: boolean;
  unit: string;
}) {
  let lastPlain = 0;
  let lastPhase: string | undefined;
  let drawn = false;
  return {
    update(p: JobProgress): void {
      if (opts.json) opts.stdout.write(`${JSON.stringify({ type: 'progress', ...p })}\n`);
      const newPhase = p.phase !== lastPhase;
      lastPhase = p.phase;
      if (opts.interactive) {
        const columns = (opts.stderr as { columns?: number }).columns ?? 100;
        opts.stderr.write(`\r\x1b[2K${formatProgressLine(p, opts.unit, columns - 1)}`);
        drawn = true;
      } else if (Date.now() - lastPlain > 5000 || p.done === p.total || newPhase) {
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
