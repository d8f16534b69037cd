import { useState } from 'react';
import type { TimeDateKind, TimeHeatmap } from '../../../shared/api/methods/heatmap';
import { useCoreEvent } from '../api/useCoreEvent';
import { HeatmapPlot } from './HeatmapPlot';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

type Granularity = 'auto' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** How each choice of dates is named in the view. */
const dateNames: Record<TimeDateKind, string> = {
  date: 'document date',
  mtime: 'file date',
  indexedAt: 'ingest date',
};

const documents = (n: number) => `${n} document${n === 1 ? '' : 's'}`;

/**
 * Where the documents' own dates come from: their metadata, or the file's modification time (no
 * usable date in the file, or not read yet: a library indexed before dates were stored, until a sync).
 */
export function datedByText(dated: NonNullable<TimeHeatmap['dated']>): string {
  const parts = [
    `${documents(dated.metadata)} ${dated.metadata === 1 ? 'is' : 'are'} dated by their metadata`,
  ];
  if (dated.file > 0) parts.push(`${dated.file} by file time (their files carry no date)`);
  if (dated.pending > 0)
    parts.push(
      `${dated.pending} by file time until the next sync reads their metadata (indexed before Loci stored document dates)`,
    );
  return `${parts.join(', ')}.`;
}

/**
 * Why there is no plot: drift needs two windows to compare, and every document fell into one (a
 * one-cell heatmap says nothing).
 */
function oneWindowMessage(
  windows: ReadonlyArray<{ label: string; count: number }>,
  granularity: string,
  by: TimeDateKind,
): string {
  const only = windows[0];
  if (!only) return 'No document has a date yet.';
  const dates = dateNames[by];
  const finer =
    granularity === 'day'
      ? by === 'indexedAt'
        ? ' Try the document date, or add documents on other days.'
        : ' Try the ingest date, or add documents from other days.'
      : ' Choose a finer window (or "auto").';
  return `All ${only.count} documents fall in one ${granularity} window by ${dates} (${only.label}): drift over time needs at least two windows to compare.${finer}`;
}

/**
 * Drift over time: similarity between time windows of the library, by the documents' own dates
 * (metadata, else file time), file date or ingest date.
 */
export function TimeView({ model, colours }: Omit<ViewProps, 'openPair'>) {
  const [by, setBy] = useState<TimeDateKind>('date');
  const [granularity, setGranularity] = useState<Granularity>('auto');
  const result = useOptionalCall('heatmap.get', { kind: 'time', by, granularity, ...modelField(model) });
  useCoreEvent('library.changed', result.reload);
  const map = result.data?.kind === 'time' ? result.data : null;
  return (
    <div className="heatmap-view">
      <div className="heatmap-form">
        <label>
          Dates{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as TimeDateKind)}>
            <option value="date">document date</option>
            <option value="mtime">file date</option>
            <option value="indexedAt">ingest date</option>
          </select>
        </label>
        <label>
          Windows{' '}
          <select value={granularity} onChange={(e) => setGranularity(e.target.value as Granularity)}>
            {(['auto', 'day', 'week', 'month', 'quarter', 'year'] as const).map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
      </div>
      <Status loading={result.loading && !map} error={result.error} />
      {map?.dated && (
        <p className="heatmap-summary muted small" data-testid="time-dated-by">
          {datedByText(map.dated)}
        </p>
      )}
      {map && map.windows.length < 2 && (
        <p className="heatmap-summary" role="status" data-testid="time-one-window">
          {oneWindowMessage(map.windows, map.granularity, map.by)}
        </p>
      )}
      {map && map.windows.length >= 2 && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            Mean similarity between the documents of {map.windows.length} {map.granularity} windows. A low
            value next to the diagonal means the library changed subject between two windows.
          </p>
          <div className="heatmap-with-table">
            <HeatmapPlot
              title={`Drift over time by ${dateNames[map.by]} (${map.model})`}
              testId="heatmap-time"
              rows={map.rows}
              cols={map.cols}
              values={map.values}
              range={map.range}
              view={colours}
              symmetric
              height={480}
            />
            <table className="drift-table" data-testid="time-windows">
              <thead>
                <tr>
                  <th>Window</th>
                  <th>Documents</th>
                  <th title="Mean similarity to the previous window's documents">vs previous</th>
                  <th title="1 - cosine between the windows' mean vectors">Shift</th>
                </tr>
              </thead>
              <tbody>
                {map.windows.map((w) => (
                  <tr key={w.label}>
                    <td>{w.label}</td>
                    <td>{w.count}</td>
                    <td>{pct(w.previous)}</td>
                    <td>{pct(w.shift)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
