import type { HeatmapAxisItem, TimeHeatmap, TimeWindowSummary } from '../../../shared/api/methods/heatmap';
import { centroidSimilarity, groupMeanSimilarity, groupSums } from './groupAggregation';
import { finiteRange, type SimilarityService } from '../similarity/similarityService';
import { assignWindows, type Granularity } from './timeWindows';

/**
 * Drift over time: documents grouped into calendar windows by file date (mtime) or ingest date, and
 * the mean similarity between the documents of every two windows. The diagonal is how coherent a
 * window is; the band next to it, how much each window resembles the one before (a drop is a change
 * of subject). Per window also the shift of the mean vector from the previous window (1 - cosine).
 */
export async function timeHeatmap(
  service: SimilarityService,
  input: { model?: string | undefined; by: 'mtime' | 'indexedAt'; granularity: Granularity | 'auto' },
): Promise<TimeHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const space = await service.space(modelId);
  const times = space.docs.map((d) => (input.by === 'mtime' ? d.mtime : d.indexedAt));
  const assigned = assignWindows(times, { granularity: input.granularity });
  const { data, rows, model } = space.matrix;
  const sums = groupSums(data, rows, model.dims, assigned.windowOf, assigned.windows.length);
  const values = groupMeanSimilarity(sums);
  const centroids = centroidSimilarity(sums);
  const g = assigned.windows.length;
  const windows: TimeWindowSummary[] = assigned.windows.map((w, i) => ({
    ...w,
    previous: i > 0 ? finiteOrNull(values[i * g + i - 1] as number) : null,
    shift: i > 0 ? finiteOrNull(1 - (centroids[i * g + i - 1] as number)) : null,
  }));
  const axis: HeatmapAxisItem[] = assigned.windows.map((w) => ({
    id: w.label,
    label: w.label,
    count: w.count,
  }));
  return {
    kind: 'time',
    model: modelId,
    dataVersion: space.dataVersion,
    by: input.by,
    granularity: assigned.granularity,
    windows,
    rows: axis,
    cols: axis,
    values,
    range: finiteRange(values),
    tookMs: performance.now() - started,
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
