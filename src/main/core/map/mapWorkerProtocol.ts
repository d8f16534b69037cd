import type { MapLayout, MapQueryProjection } from '../../../shared/api/methods/map';
import type { LayoutParams } from './storedLayout';

/** Messages between MapWorkerClient (caller's thread) and project.worker.ts (which runs MapEngine). */

export interface MapWorkerData {
  libraryDir: string;
}

export type MapWorkerRequest =
  /** The layout if cached or placeable; computes it when `allowCompute`, else answers needsCompute. */
  | { op: 'layout'; params: LayoutParams; allowCompute: boolean }
  /** Drops the stored layout and computes a new one. */
  | { op: 'recompute'; params: LayoutParams }
  | { op: 'project'; params: LayoutParams; query: Float32Array; k: number }
  /** Brings a model's document vectors up to date (after an ingest). */
  | { op: 'refreshDocumentVectors'; modelId: string };

export type LayoutAnswer = { status: 'ready'; layout: MapLayout } | { status: 'needsCompute' };

export type MapWorkerResult = LayoutAnswer | MapQueryProjection | { computed: number };

export type MapWorkerResponse =
  | { id: number; ok: true; result: MapWorkerResult }
  | { id: number; ok: false; error: { message: string; stack?: string } };

export interface MapWorkerProgress {
  event: 'progress';
  id: number;
  phase: string;
  done: number;
  total: number;
}

export type MapWorkerMessage = MapWorkerResponse | MapWorkerProgress;
