/** Human-readable numbers for the UI: sizes, durations, rates and dates. */

const sizeUnits = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 -> "1.5 KB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < sizeUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${sizeUnits[unit]}`;
}

/** Seconds -> "4 s", "2 min 05 s", "1 h 03 min"; null -> "estimating…". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Units per second with a sensible precision. */
export function formatRate(rate: number, unit: string): string {
  if (!Number.isFinite(rate) || rate <= 0) return `— ${unit}/s`;
  return `${rate < 10 ? rate.toFixed(1) : Math.round(rate)} ${unit}/s`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Milliseconds since the epoch -> local date and time. */
export function formatDate(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? dateFormat.format(new Date(ms)) : '—';
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * Milliseconds since the epoch -> a calendar day, read in UTC as "Over time" groups dates (a document
 * dated 1 January must not show as 31 December west of Greenwich).
 */
export function formatDay(ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? dayFormat.format(new Date(ms)) : '—';
}

/** "1 document" / "3 documents". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : pluralForm}`;
}

/** The last path segment (file or folder name), for either separator. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut >= 0 ? trimmed.slice(cut + 1) || trimmed : trimmed;
}
