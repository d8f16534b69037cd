import type { BatchLimits } from './batchQueue';
import type { SerializedError } from './embedError';
import type { EmbedPurpose, ModelInfo } from './types';
import type { ModelSource } from './workerModel';

/** Messages from an Embedder to its worker (`embed.worker.ts`). */
export type ToWorker =
  | { type: 'open'; source: ModelSource; threads: number; limits: BatchLimits }
  /** Embed one chunk of an `embed()` call (at most CHUNK_TEXTS texts). */
  | { type: 'embed'; id: number; texts: string[]; purpose: EmbedPurpose }
  | { type: 'cancel'; id: number }
  | { type: 'count'; id: number; text: string }
  | { type: 'close' };

/** Messages from the worker back. `vectors` is one flat buffer (texts x dims), transferred, not copied. */
export type FromWorker =
  | { type: 'opened'; info: ModelInfo }
  | {
      type: 'embedded';
      id: number;
      dims: number;
      vectors: Float32Array;
      tokens: number[];
      truncated: boolean[];
    }
  | { type: 'counted'; id: number; tokens: number }
  | { type: 'failed'; id: number | null; error: SerializedError }
  | { type: 'closed' };
