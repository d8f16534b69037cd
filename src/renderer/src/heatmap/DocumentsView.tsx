import { useMemo } from 'react';
import { useCoreEvent } from '../api/useCoreEvent';
import { HeatmapPlot } from './HeatmapPlot';
import { useOptionalCall } from './useOptionalCall';
import { modelField, Status, type ViewProps } from './viewShared';

/**
 * Document x document similarity, ordered by cluster. Large libraries arrive as a cluster-level
 * matrix; a click on a block shows that block's documents, and "All clusters" goes back.
 */
export function DocumentsView({
  model,
  colours,
  openPair,
  block,
  onBlock,
}: ViewProps & {
  block: { row: number; col: number } | null;
  onBlock: (b: { row: number; col: number } | null) => void;
}) {
  const result = useOptionalCall('heatmap.get', {
    kind: 'documents',
    ...modelField(model),
    ...(block ? { block } : {}),
  });
  useCoreEvent('library.changed', result.reload);
  const map = result.data?.kind === 'documents' ? result.data : null;
  return (
    <div className="heatmap-view">
      <Status loading={result.loading && !map} error={result.error} />
      {map && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            {map.level === 'clusters'
              ? `${map.totalDocuments} documents in ${map.rows.length} clusters: click a block to see its documents.`
              : `${map.rows.length} documents${block ? ` of clusters ${block.row + 1} and ${block.col + 1}` : ''}, ordered by cluster (${map.rowBands.length} topic blocks). Click a cell to read both documents.`}
            {map.truncated && ' Only the most typical documents of a very large cluster are shown.'}
            {block && (
              <button type="button" className="link-button" onClick={() => onBlock(null)}>
                {' '}
                All clusters
              </button>
            )}
          </p>
          <HeatmapPlot
            title={
              map.level === 'clusters'
                ? `Cluster blocks (${map.model})`
                : `Document similarity (${map.model})`
            }
            testId="heatmap-documents"
            rows={map.rows}
            cols={map.cols}
            values={map.values}
            range={map.range}
            view={colours}
            rowBands={map.rowBands}
            colBands={map.colBands}
            symmetric={!block || block.row === block.col}
            onCellClick={(r, c) => {
              if (map.level === 'clusters') return onBlock({ row: r, col: c });
              const a = map.rows[r]?.doc;
              const b = map.cols[c]?.doc;
              if (a && b) openPair({ doc: a }, { doc: b }, map.values[r * map.cols.length + c] as number);
            }}
          />
        </>
      )}
    </div>
  );
}

/** Cluster x cluster mean similarity; a click drills into the two clusters' documents. */
export function ClustersView({
  model,
  colours,
  onBlock,
}: Omit<ViewProps, 'openPair'> & { onBlock: (b: { row: number; col: number }) => void }) {
  const result = useOptionalCall('heatmap.get', { kind: 'clusters', ...modelField(model) });
  useCoreEvent('library.changed', result.reload);
  const map = result.data?.kind === 'clusters' ? result.data : null;
  // Axis labels carry the cluster sizes; memoised so the plot is not redrawn on every render.
  const axis = useMemo(() => map?.rows.map((r) => ({ ...r, label: `${r.label} (${r.count})` })) ?? [], [map]);
  return (
    <div className="heatmap-view">
      <Status loading={result.loading && !map} error={result.error} />
      {map && (
        <>
          <p className="heatmap-summary" data-testid="heatmap-summary">
            Mean similarity between the {map.rows.length} topic clusters of {map.totalDocuments} documents,
            named by their key terms. Click a cell to see the documents of both clusters.
          </p>
          <HeatmapPlot
            title={`Cluster similarity (${map.model})`}
            testId="heatmap-clusters"
            rows={axis}
            cols={axis}
            values={map.values}
            range={map.range}
            view={colours}
            symmetric
            height={520}
            onCellClick={(r, c) => onBlock({ row: r, col: c })}
          />
        </>
      )}
    </div>
  );
}
