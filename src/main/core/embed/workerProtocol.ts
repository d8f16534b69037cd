import type { BatchLimits } from './batchQueue';
import type { EmbedPurpose, ModelInfo } from './types';
import type { ModelSource } from './workerModel';

/** Vectors of one `embed` request: one flat buffer (texts x dims), transferred, not copied. */
export interface EmbeddedTexts {
  dims: number;
  vectors: Float32Array;
  tokens: number[];
  truncated: boolean[];
}

/**
 * The protocol between an Embedder and its worker (`embed.worker.ts`). Errors cross as EmbedError
 * codes (`{code, message}`); cancelling an `embed` request drops its queued texts.
 */
export type EmbedWorkerProtocol = {
  /** Opens the model; sent once to every fresh worker before anything else. */
  open: { request: { source: ModelSource; threads: number; limits: BatchLimits }; reply: ModelInfo };
  /** Embeds one chunk of an `embed()` call (at most CHUNK_TEXTS texts). */
  embed: { request: { texts: string[]; purpose: EmbedPurpose }; reply: EmbeddedTexts };
  count: { request: { text: string }; reply: number };
  /** Releases the session once no model run is in progress (before the worker is terminated). */
  close: { request: null; reply: null };
};
