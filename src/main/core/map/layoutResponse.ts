import type { DocumentKind } from '../../../shared/api/methods/library';
import type { MapCluster, MapDocument, MapLayout } from '../../../shared/api/methods/map';
import type { PointSet } from './pointSet';
import type { LayoutParams, StoredLayout } from './storedLayout';
import { documentDate } from '../store/storeTypes';

/** Per-axis median of the coordinates of each cluster's points: where its label floats. */
function clusterCentres(coords: Float32Array, dims: number, cluster: Int32Array, k: number): number[][] {
  const members: number[][] = Array.from({ length: k }, () => []);
  cluster.forEach((c, i) => {
    if (c >= 0 && c < k) (members[c] as number[]).push(i);
  });
  return members.map((rows) =>
    Array.from({ length: dims }, (_, axis) => {
      if (rows.length === 0) return 0;
      const values = Float32Array.from(rows, (i) => coords[i * dims + axis] as number).sort();
      return values[values.length >> 1] as number;
    }),
  );
}

/** What `map.get` returns: the stored layout joined with what the map shows about each point. */
export function toMapLayout(stored: StoredLayout, points: PointSet, params: LayoutParams): MapLayout {
  const k = stored.clusterModel.k;
  const centres = clusterCentres(stored.coords, stored.dims, stored.cluster, k);
  const sizes = new Array<number>(k).fill(0);
  for (const c of stored.cluster) if (c >= 0 && c < k) sizes[c] = (sizes[c] as number) + 1;
  const clusters: MapCluster[] = Array.from({ length: k }, (_, id) => ({
    id,
    label: stored.labels[id]?.label ?? '',
    terms: stored.labels[id]?.terms ?? [],
    size: sizes[id] as number,
    centre: centres[id] as number[],
  }));
  const docs: MapDocument[] = points.docs.map((d) => ({
    id: d.id,
    title: d.title,
    path: d.path,
    kind: d.kind as DocumentKind,
    source: d.source,
    mtime: d.mtime,
    date: documentDate(d).date,
    pages: d.pages,
  }));
  return {
    layoutId: stored.layoutId,
    level: params.level,
    method: params.method,
    dims: params.dims,
    model: params.modelId,
    dataVersion: stored.dataVersion,
    coords: stored.coords,
    cluster: stored.cluster,
    // One level until the topic model is laid over the layout (topics/mapTopics.ts).
    subcluster: stored.cluster,
    doc: points.doc,
    page: points.page,
    ordinal: points.ordinal,
    charStart: points.charStart,
    charEnd: points.charEnd,
    snippets: points.snippets,
    docs,
    clusters,
    subclusters: clusters.map((c) => ({ ...c, parent: c.id })),
    points: points.n,
    total: points.total,
    sampled: points.total > points.n,
    placed: stored.placed,
    computedAt: stored.computedAt,
    silhouette: stored.silhouette,
    explained: stored.pca ? stored.pca.explained : null,
  };
}
