import type { MapQueryProjection } from '../../../shared/api/methods/map';
import { LibraryStore } from '../store/libraryStore';
import { UnknownModelError } from '../store/storeErrors';
import { computeLayout, type LayoutProgress } from './computeLayout';
import { currentDocumentVectors } from '../vectorSpace/documentVectors';
import { toMapLayout } from './layoutResponse';
import type { LayoutAnswer } from './mapWorkerProtocol';
import { placeIntoLayout, projectQuery } from './placeNewPoints';
import { writeView } from './mapViewCache';
import { applyVectorSpace } from '../vectorSpace/vectorSpace';
import { fittedPoints, type FittedPoints } from './fittedPoints';
import { loadPointSet } from './pointSet';
import {
  forgetStoredLayout,
  layoutKey,
  readStoredLayout,
  writeStoredLayout,
  type LayoutParams,
  type StoredLayout,
} from './storedLayout';

/**
 * The map's work, inside a worker thread (project.worker.ts): loads points from the library
 * (read-only, its own LanceDB handles), and computes, caches, updates and queries layouts. Keeps the
 * last point set in memory, so a query on the map (map.project) does not re-read 100k vectors.
 */
export class MapEngine {
  private store: Promise<LibraryStore> | null = null;
  private recent: { key: string; points: FittedPoints } | null = null;
  /** Neighbours and clusters of the recent point set, shared by its 2D and 3D layouts. */
  private memo = new Map<string, unknown>();

  constructor(private readonly libraryDir: string) {}

  private async handles(): Promise<{ store: LibraryStore }> {
    this.store ??= LibraryStore.open(this.libraryDir, { readonly: true });
    return { store: await this.store };
  }

  /** The points for these parameters at the library's current data version (cached while current). */
  private async points(params: LayoutParams): Promise<FittedPoints> {
    const { store } = await this.handles();
    const version = await store.dataVersion();
    const key = JSON.stringify([params.level, params.modelId, params.filters, params.maxPoints, version]);
    if (this.recent?.key === key) return this.recent.points;
    this.recent = null; // let the old set be collected before loading the next
    this.memo = new Map();
    const loaded = await loadPointSet(store, {
      level: params.level,
      modelId: params.modelId,
      filters: params.filters,
      maxPoints: params.maxPoints,
    });
    const points = fittedPoints(loaded);
    this.recent = { key, points };
    return points;
  }

  private async keyFor(
    params: LayoutParams,
  ): Promise<{ key: string; indexDir: string; store: LibraryStore }> {
    const { store } = await this.handles();
    const model = await store.models.get(params.modelId);
    if (!model) throw new UnknownModelError(params.modelId);
    return { key: layoutKey(params, model.fingerprint), indexDir: store.indexDir, store };
  }

  /** The current stored layout and its points, or null when it must be computed and that is not allowed. */
  private async current(
    params: LayoutParams,
    allowCompute: boolean,
    report?: LayoutProgress,
  ): Promise<{ stored: StoredLayout; points: FittedPoints; key: string; indexDir: string } | null> {
    const { key, indexDir, store } = await this.keyFor(params);
    const points = await this.points(params);
    const stored = readStoredLayout(indexDir, key);
    let current: StoredLayout | null = null;
    if (stored) {
      current = placeIntoLayout(stored, points);
      if (current && current !== stored) writeStoredLayout(indexDir, current);
    }
    if (!current) {
      if (!allowCompute) return null;
      // The library's chunk index holds raw-space neighbours: a fitted map computes its own.
      const vectorsVersion = points.space ? null : await store.vectorsVersion(params.modelId);
      current = computeLayout(points, params, key, { indexDir, vectorsVersion, memo: this.memo }, report);
      writeStoredLayout(indexDir, current);
    }
    return { stored: current, points, key, indexDir };
  }

  /** The current layout: cached, or the cached one with new points placed, or (if allowed) computed. */
  async layout(params: LayoutParams, allowCompute: boolean, report?: LayoutProgress): Promise<LayoutAnswer> {
    const current = await this.current(params, allowCompute, report);
    if (!current) return { status: 'needsCompute' };
    const layout = toMapLayout(current.stored, current.points, params);
    // UMAP answers are served from disk by MapService (switching views without this worker).
    if (params.method === 'umap') writeView(current.indexDir, current.key, layout);
    return { status: 'ready', layout };
  }

  /** Forgets the stored layout and computes a new one. */
  async recompute(params: LayoutParams, report?: LayoutProgress): Promise<LayoutAnswer> {
    const { key, indexDir } = await this.keyFor(params);
    forgetStoredLayout(indexDir, key);
    return this.layout(params, true, report);
  }

  /** Places a query vector on the current layout (computing it only if it is a PCA map). */
  async project(params: LayoutParams, query: Float32Array, k: number): Promise<MapQueryProjection> {
    const current = await this.current(params, params.method === 'pca');
    if (!current) throw new Error('the layout is not computed yet');
    const space = current.points.space;
    const projected = projectQuery(
      current.stored,
      current.points,
      space ? applyVectorSpace(space, query) : query,
      k,
    );
    return { layoutId: current.stored.layoutId, coords: projected.coords, hits: projected.hits };
  }

  /** Keeps a model's document vectors current (called after ingests); returns how many were computed. */
  async refreshDocumentVectors(modelId: string): Promise<{ computed: number }> {
    const { store } = await this.handles();
    const model = await store.vectorModel(modelId);
    if (!model) return { computed: 0 };
    const vectors = await currentDocumentVectors(store, model, await store.catalog());
    return { computed: vectors.computed };
  }

  async close(): Promise<void> {
    this.recent = null;
    const store = await this.store?.catch(() => null);
    await store?.close();
  }
}
