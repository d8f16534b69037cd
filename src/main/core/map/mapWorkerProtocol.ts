import type { MapLayout, MapQueryProjection } from '../../../shared/api/methods/map';
import type { LayoutParams } from './storedLayout';

/** The protocol between MapService (caller's thread) and project.worker.ts (which runs MapEngine). */

export interface MapWorkerData {
  libraryDir: string;
}

export type LayoutAnswer = { status: 'ready'; layout: MapLayout } | { status: 'needsCompute' };

/** A layout computation's phase and how far it got (UMAP epochs, k-means rounds...). */
export interface MapWorkerProgress {
  phase: string;
  done: number;
  total: number;
}

export type MapWorkerProtocol = {
  /** The layout if cached or placeable; computes it when `allowCompute`, else answers needsCompute. */
  layout: {
    request: { params: LayoutParams; allowCompute: boolean };
    reply: LayoutAnswer;
    progress: MapWorkerProgress;
  };
  /** Drops the stored layout and computes a new one. */
  recompute: { request: { params: LayoutParams }; reply: LayoutAnswer; progress: MapWorkerProgress };
  project: {
    request: { params: LayoutParams; query: Float32Array; k: number };
    reply: MapQueryProjection;
  };
  /** Brings a model's document vectors up to date (after an ingest). */
  refreshDocumentVectors: { request: { modelId: string }; reply: { computed: number } };
};
