import { labelTexts } from '../topics/topicLabels';
import { pickRows } from '../math/vectorRows';
import { clusterPoints, type ClusterModel } from '../topics/clusterPoints';
import { computeKnn, knnFromLibraryIndex } from './nearestNeighbours';
import { fitPca, projectPca } from '../math/pca';
import type { PointSet } from './pointSet';
import { sampleIndices, seededRandom } from '../math/seededRandom';
import { silhouette } from '../math/silhouette';
import { layoutIdFor, newBaseId, LAYOUT_FORMAT, type LayoutParams, type StoredLayout } from './storedLayout';
import { fuzzySimplicialSet, type Knn } from './umapGraph';
import { defaultEpochs, optimizeUmapLayout, scaleToBox } from './umapLayout';

/**
 * A layout from scratch: PCA (the map itself, or UMAP's starting point), UMAP over the neighbour graph,
 * then clusters and their labels. Progress goes to `report` as (phase, done, total); the whole run is
 * synchronous CPU work and belongs in a worker (project.worker.ts).
 */
export type LayoutProgress = (phase: string, done: number, total: number) => void;

/** Neighbours per point in UMAP's graph (umap-learn's default n_neighbors = 15, self included). */
export const UMAP_NEIGHBOURS = 14;
/** Below this many points UMAP has too little graph to work with; the PCA layout is used as is. */
export const UMAP_MIN_POINTS = 8;
/** Points the cluster silhouette on the full vectors is estimated from. */
const SILHOUETTE_SAMPLE = 800;

export interface LayoutSources {
  /** The library's index dir and chunk-index table, to reuse its HNSW graph for chunk maps. */
  indexDir: string;
  vectorsVersion: number | null;
  /**
   * Results shared by the layouts of one point set (its 2D and 3D maps are built one after the
   * other): the neighbour table and the clusters do not depend on the layout's dimensions.
   */
  memo?: Map<string, unknown>;
}

/** `compute()` once per point set and memo key. */
function memoised<T>(sources: LayoutSources, points: PointSet, name: string, compute: () => T): T {
  if (!sources.memo) return compute();
  const key = `${name}:${points.dataVersion}:${points.spec.level}:${points.n}`;
  if (!sources.memo.has(key)) sources.memo.set(key, compute());
  return sources.memo.get(key) as T;
}

/** UMAP's neighbour table: from the library's chunk index when current, else computed here. */
function neighbours(points: PointSet, sources: LayoutSources, k: number, report: LayoutProgress): Knn {
  const { n, dims, vectors } = points;
  if (points.spec.level === 'chunks' && sources.vectorsVersion !== null) {
    const fromIndex = knnFromLibraryIndex(
      sources.indexDir,
      points.model.table,
      {
        modelId: points.model.id,
        fingerprint: points.model.fingerprint,
        dims,
        tableVersion: sources.vectorsVersion,
      },
      { vectors, keys: points.keys },
      k,
      (done, total) => report('neighbours (library index)', done, total),
    );
    if (fromIndex) return fromIndex;
  }
  report('neighbours', 0, n);
  return computeKnn(vectors, n, dims, k, (done, total) => report('neighbours', done, total));
}

export function computeLayout(
  points: PointSet,
  params: LayoutParams,
  key: string,
  sources: LayoutSources,
  report: LayoutProgress = () => undefined,
): StoredLayout {
  const { n, dims: d, vectors } = points;
  const outDims = params.dims;
  report('projection', 0, 1);
  const pca = n > 0 ? fitPca(vectors, n, d, outDims) : null;
  let coords = pca ? projectPca(pca, vectors, n) : new Float32Array(0);
  report('projection', 1, 1);

  if (params.method === 'umap' && n >= UMAP_MIN_POINTS) {
    // A small library with 14 neighbours per point is one clique and UMAP shows no structure; scale
    // the neighbourhood with sqrt(n) until it reaches umap-learn's default (at ~200 points).
    const k = Math.min(UMAP_NEIGHBOURS, n - 1, Math.max(4, Math.round(Math.sqrt(n))));
    const knn = memoised(sources, points, `knn${k}`, () => neighbours(points, sources, k, report));
    const graph = fuzzySimplicialSet(knn);
    const epochs = defaultEpochs(n);
    coords = optimizeUmapLayout(graph, scaleToBox(coords, n, outDims), {
      dims: outDims,
      epochs,
      onEpoch: (epoch, total) => {
        if (epoch % 5 === 0 || epoch === total) report('layout', epoch, total);
      },
    });
  }

  report('clusters', 0, 1);
  const clusters = memoised(sources, points, 'clusters', () =>
    n > 0
      ? clusterPoints(vectors, n, d)
      : { model: emptyClusterModel(d), assignments: new Int32Array(0), scores: [] },
  );
  report('labels', 0, 1);
  const labels = memoised(sources, points, 'labels', () =>
    labelTexts(points.texts, clusters.assignments, clusters.model.k),
  );
  const baseId = newBaseId();
  return {
    format: LAYOUT_FORMAT,
    key,
    baseId,
    layoutId: layoutIdFor(baseId, points.dataVersion, 0),
    dataVersion: points.dataVersion,
    method: params.method,
    dims: outDims,
    ids: points.ids,
    coords,
    cluster: clusters.assignments,
    clusterModel: clusters.model,
    labels,
    pca: params.method === 'pca' ? pca : null,
    computedAt: Date.now(),
    computedPoints: n,
    placed: 0,
    silhouette: memoised(sources, points, 'silhouette', () =>
      clusterSilhouette(vectors, n, d, clusters.assignments, clusters.model.k),
    ),
    kScores: clusters.scores,
  };
}

/** The cluster model of an empty map (no clusters; its reduction is never applied to anything). */
function emptyClusterModel(d: number): ClusterModel {
  return {
    reduction: {
      inputDims: d,
      components: 0,
      mean: new Float32Array(d),
      basis: new Float32Array(0),
      explained: [],
    },
    centroids: new Float32Array(0),
    k: 0,
  };
}

/** Silhouette of the clusters on the full vectors (cosine), on a sample; null when undefined. */
export function clusterSilhouette(
  vectors: Float32Array,
  n: number,
  d: number,
  assignments: Int32Array,
  k: number,
): number | null {
  if (n < 3 || k < 2) return null;
  const rows = sampleIndices(n, SILHOUETTE_SAMPLE, seededRandom(17));
  return silhouette(
    pickRows(vectors, d, rows),
    rows.length,
    d,
    Int32Array.from(rows, (r) => assignments[r] as number),
    k,
    'cosine',
  );
}
