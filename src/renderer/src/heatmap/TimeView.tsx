import { useState } from 'react';
import { useCoreEvent } from '../api/useCoreEvent';
import { HeatmapPlot } from './HeatmapPlot';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

type Granularity = 'auto' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const pct = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/**
 * Why there is no plot: drift needs two windows to compare, and every document fell into one (a
 * one-cell heatmap says nothing).
 */
function oneWindowMessage(
  windows: ReadonlyArray<{ label: string; count: number }>,
  granularity: string,
  by: 'mtime' | 'indexedAt',
): string {
  const only = windows[0];
  if (!only) return 'No document has a date yet.';
  const dates = by === 'mtime' ? 'file date' : 'ingest date';
  const finer =
    granularity === 'day'
      ? by === 'mtime'
        ? ' Try the ingest date, or add documents from other days.'
        : ' Try the file date, or add documents on other days.'
      : ' Choose a finer window (or "auto").';
  return `All ${only.count} documents fall in one ${granularity} window by ${dates} (${only.label}): drift over time needs at least two windows to compare.${finer}`;
}

/** Drift over time: similarity between time windows of the library, by file date or ingest date. */
export function TimeView({ model, colours }: Omit<ViewProps, 'openPair'>) {
  const [by, setBy] = useState<'mtime' | 'indexedAt'>('mtime');
  const [granularity, setGranularity] = useState<Granularity>('auto');
  const result = useOptionalCall('heatmap.get', { kind: 'time', by, granularity, ...modelField(model) });
  useCoreEvent('library.changed', result.reload);
  const map = result.data?.kind === 'time' ? result.data : null;
  return (
    <div className="heatmap-view">
      <div className="heatmap-form">
        <label>
          Dates{' '}
          <select value={by} onChange={(e) => setBy(e.target.value as 'mtime' | 'indexedAt')}>
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
      {map && map.windows.length < 2 && (
        <p className="heatmap-summary" role="status" data-testid="time-one-window">
          {oneWindowMessage(map.windows, map.granularity, by)}
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
              title={`Drift over time by ${by === 'mtime' ? 'file date' : 'ingest date'} (${map.model})`}
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
