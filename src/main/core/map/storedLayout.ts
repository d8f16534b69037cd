import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import type { MapLevel, MapProjection } from '../../../shared/api/methods/map';
import type { TopicLabel } from '../topics/topicLabels';
import type { ClusterModel } from '../topics/clusterPoints';
import { mapCacheDir, readCacheFile, removeCacheFile, writeCacheFile } from '../store/mapCacheFiles';
import type { PcaTransform } from '../math/pca';
import type { MapFilters } from './pointSet';

/**
 * A layout as stored in `index/map/layout-<key>.bin`: coordinates and clusters per point identity,
 * plus what is needed to place new points later without moving the old ones (the PCA transform, the
 * cluster model). One file per parameter set; its `dataVersion` says which library state it reflects.
 */
export const LAYOUT_FORMAT = 1;

/** Bump when the algorithms change what a layout looks like, so old caches are not reused. */
export const LAYOUT_ALGORITHM = 'pca-cov4096.umap-k15.kmeans32-sil.ctfidf3.v1.fitted-centred';

export interface LayoutParams {
  level: MapLevel;
  method: MapProjection;
  dims: 2 | 3;
  modelId: string;
  filters: MapFilters;
  maxPoints: number;
}

export interface StoredLayout {
  format: number;
  key: string;
  /** Id of the full computation this layout descends from. */
  baseId: string;
  layoutId: string;
  dataVersion: string;
  method: MapProjection;
  dims: number;
  /** Point identities in point order (see PointSet.ids). */
  ids: string[];
  coords: Float32Array;
  cluster: Int32Array;
  clusterModel: ClusterModel;
  labels: TopicLabel[];
  /** The projection's own transform (PCA layouts), used to place new points and queries. */
  pca: PcaTransform | null;
  computedAt: number;
  computedPoints: number;
  placed: number;
  silhouette: number | null;
  /** Silhouette per k tried when choosing the number of clusters. */
  kScores: Array<{ k: number; silhouette: number }>;
}

function normalizedFilters(filters: MapFilters): MapFilters {
  const out: MapFilters = {};
  if (filters.sources?.length) out.sources = [...filters.sources].sort();
  if (filters.kinds?.length) out.kinds = [...filters.kinds].sort();
  if (filters.pathPrefix) out.pathPrefix = filters.pathPrefix;
  return out;
}

/** Cache key of a parameter set (the model's fingerprint included: a re-imported model is another map). */
export function layoutKey(params: LayoutParams, fingerprint: string): string {
  const canonical = JSON.stringify({
    level: params.level,
    method: params.method,
    dims: params.dims,
    model: params.modelId,
    fingerprint,
    filters: normalizedFilters(params.filters),
    maxPoints: params.maxPoints,
    algorithm: LAYOUT_ALGORITHM,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 24);
}

export function newBaseId(): string {
  return `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

export function layoutIdFor(baseId: string, dataVersion: string, placed: number): string {
  const version = createHash('sha256').update(dataVersion).digest('hex').slice(0, 8);
  return placed === 0 ? baseId : `${baseId}.${placed}.${version}`;
}

export function layoutFile(indexDir: string, key: string): string {
  return path.join(mapCacheDir(indexDir), `layout-${key}.bin`);
}

export function readStoredLayout(indexDir: string, key: string): StoredLayout | null {
  const layout = readCacheFile<StoredLayout>(layoutFile(indexDir, key), LAYOUT_FORMAT);
  return layout && layout.key === key ? layout : null;
}

export function writeStoredLayout(indexDir: string, layout: StoredLayout): void {
  writeCacheFile(layoutFile(indexDir, layout.key), layout);
}

export function forgetStoredLayout(indexDir: string, key: string): void {
  removeCacheFile(layoutFile(indexDir, key));
}
