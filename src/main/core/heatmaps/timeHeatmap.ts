import type {
  HeatmapAxisItem,
  TimeDateKind,
  TimeHeatmap,
  TimeWindowSummary,
} from '../../../shared/api/methods/heatmap';
import { documentDate, type DocumentRecord } from '../store/storeTypes';
import { centroidSimilarity, groupMeanSimilarity, groupSums } from './groupAggregation';
import { finiteRange, type SimilarityService } from '../similarity/similarityService';
import { assignWindows, type Granularity } from './timeWindows';

/**
 * Drift over time: documents grouped into calendar windows by their own date (metadata, else file
 * mtime; storeTypes.documentDate), file date (mtime) or ingest date, and
 * the mean similarity between the documents of every two windows. The diagonal is how coherent a
 * window is; the band next to it, how much each window resembles the one before (a drop is a change
 * of subject). Per window also the shift of the mean vector from the previous window (1 - cosine).
 */
export async function timeHeatmap(
  service: SimilarityService,
  input: { model?: string | undefined; by: TimeDateKind; granularity: Granularity | 'auto' },
): Promise<TimeHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const space = await service.space(modelId);
  const times = space.docs.map((d) => timeOf(d, input.by));
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
    dated: input.by === 'date' ? datedBy(space.docs) : null,
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

/** The time a document is grouped by. */
function timeOf(doc: DocumentRecord, by: TimeDateKind): number {
  if (by === 'mtime') return doc.mtime;
  if (by === 'indexedAt') return doc.indexedAt;
  return documentDate(doc).date;
}

/** How many documents are dated by their metadata, by file time, or by file time for now. */
function datedBy(docs: readonly DocumentRecord[]): NonNullable<TimeHeatmap['dated']> {
  const counts = { metadata: 0, file: 0, pending: 0 };
  for (const doc of docs) counts[documentDate(doc).source]++;
  return counts;
}
