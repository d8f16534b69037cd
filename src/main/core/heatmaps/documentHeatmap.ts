import type {
  ClusterHeatmap,
  DocumentHeatmap,
  HeatmapAxisItem,
  HeatmapBand,
} from '../../../shared/api/methods/heatmap';
import { groupMeanSimilarity, groupSums } from './groupAggregation';
import { LociError } from '../../../shared/api/errors';
import { selectRows } from '../similarity/modelSpace';
import {
  docRef,
  finiteRange,
  plainCopy,
  type Clustering,
  type SimilarityService,
} from '../similarity/similarityService';
import type { DocumentSpace } from '../similarity/documentVectors';

/**
 * Document x document similarity, ordered by cluster so topics show as blocks on the diagonal. Up to
 * `maxDocuments` documents the whole matrix is sent; above that the cluster-level matrix is, and the
 * user drills into any block (two clusters' documents against each other).
 */
export async function documentHeatmap(
  service: SimilarityService,
  input: {
    model?: string | undefined;
    maxDocuments: number;
    block?: { row: number; col: number } | undefined;
  },
): Promise<DocumentHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const space = await service.space(modelId);
  const clustering = await service.clustering(modelId);
  const n = space.docs.length;
  const bands = labelledBands(clustering);
  const base = {
    kind: 'documents' as const,
    model: modelId,
    dataVersion: space.dataVersion,
    totalDocuments: n,
  };

  if (!input.block && n > input.maxDocuments) {
    const level = clusterLevel(space, clustering);
    return {
      ...base,
      ...level,
      level: 'clusters',
      rowBands: [],
      colBands: [],
      block: null,
      truncated: false,
      tookMs: performance.now() - started,
    };
  }

  const pick = (cluster: number | null): { rows: number[]; bands: HeatmapBand[]; truncated: boolean } => {
    if (cluster === null) return { rows: Array.from(clustering.order), bands, truncated: false };
    const band = bands[cluster];
    if (!band) throw new LociError('NOT_FOUND', `No cluster ${cluster} (the library has ${bands.length})`);
    // Rows inside a band run from most to least typical, so a cap keeps the cluster's core.
    const size = Math.min(band.size, input.maxDocuments);
    const rows = Array.from(clustering.order.subarray(band.start, band.start + size));
    return { rows, bands: [{ ...band, start: 0, size }], truncated: size < band.size };
  };
  const rowPick = pick(input.block ? input.block.row : null);
  const colPick = input.block && input.block.col !== input.block.row ? pick(input.block.col) : rowPick;
  const rowMatrix = selectRows(space.matrix, rowPick.rows);
  const values =
    colPick === rowPick
      ? await service.pool.gram(rowMatrix)
      : await service.pool.gram(rowMatrix, selectRows(space.matrix, colPick.rows));
  const axis = (rows: number[]) => rows.map((r) => documentAxisItem(space, clustering, r));
  return {
    ...base,
    level: 'documents',
    rows: axis(rowPick.rows),
    cols: axis(colPick.rows),
    values: plainCopy(values),
    range: finiteRange(values),
    rowBands: rowPick.bands,
    colBands: colPick.bands,
    block: input.block ?? null,
    truncated: rowPick.truncated || colPick.truncated,
    tookMs: performance.now() - started,
  };
}

/** Cluster x cluster mean similarity, with the clusters' key terms on the axes. */
export async function clusterHeatmap(
  service: SimilarityService,
  input: { model?: string | undefined },
): Promise<ClusterHeatmap> {
  const started = performance.now();
  const modelId = await service.resolveModel(input.model);
  const space = await service.space(modelId);
  const clustering = await service.clustering(modelId);
  return {
    kind: 'clusters',
    model: modelId,
    dataVersion: space.dataVersion,
    totalDocuments: space.docs.length,
    ...clusterLevel(space, clustering),
    tookMs: performance.now() - started,
  };
}

/** Mean pairwise similarity between clusters from per-cluster sums (no n x n matrix). */
function clusterLevel(space: DocumentSpace, clustering: Clustering) {
  const { data, rows, model } = space.matrix;
  const sums = groupSums(data, rows, model.dims, clustering.clusterOf, clustering.bands.length);
  const values = groupMeanSimilarity(sums);
  const axis: HeatmapAxisItem[] = clustering.bands.map((band) => ({
    id: String(band.cluster),
    label: clustering.labels[band.cluster] ?? `cluster ${band.cluster + 1}`,
    count: band.size,
    cluster: band.cluster,
  }));
  return { rows: axis, cols: axis, values, range: finiteRange(values) };
}

function labelledBands(clustering: Clustering): HeatmapBand[] {
  return clustering.bands.map((b) => ({
    ...b,
    label: clustering.labels[b.cluster] ?? `cluster ${b.cluster + 1}`,
  }));
}

function documentAxisItem(space: DocumentSpace, clustering: Clustering, row: number): HeatmapAxisItem {
  const doc = space.docs[row]!;
  const ref = docRef(doc);
  return { id: doc.id, label: ref.title, doc: ref, cluster: clustering.clusterOf[row] as number };
}
