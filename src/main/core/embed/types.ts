import type { ModelSource } from './workerModel';

/**
 * The one embedding interface the whole core uses. Every model (the built-in Universal Sentence Encoder
 * Lite, Hugging Face ONNX folders) is driven through it, so ingest, search and analysis never care which
 * model they talk to.
 */

/** Queries and passages may be embedded differently (e5 / bge / nomic prefixes). */
export type EmbedPurpose = 'query' | 'passage';

export interface EmbedOptions {
  purpose: EmbedPurpose;
  /** Aborts the call; the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface EmbedResult {
  /** Exactly one vector per input text, in input order (L2-normalised when `info.normalized`). */
  vectors: Float32Array[];
  /** Number of model tokens each text produced, before truncation. */
  tokens: number[];
  /** True where the text had more tokens than the model sees and was cut. */
  truncated: boolean[];
}

export type ModelKind = 'use-lite' | 'hf-onnx';

export interface ModelInfo {
  /** Stable id used in the library and on the CLI (`use-lite`, `all-minilm-l6-v2`, ...). */
  id: string;
  /** Human-readable name. */
  name: string;
  kind: ModelKind;
  dims: number;
  /** Tokens the model sees per text; longer texts are truncated. */
  maxTokens: number;
  normalized: boolean;
  /**
   * Hash of everything that determines the vectors (weights, tokenizer, pooling, prefixes). Stored with
   * every vector, so vectors of two different models are never compared by accident.
   */
  fingerprint: string;
}

export interface Embedder {
  readonly info: ModelInfo;
  /**
   * The model's folder and kind: another thread can open its tokenizer there (tokenCounter.ts) and
   * count tokens exactly as `countTokens` does, without waiting for this embedder's worker.
   */
  readonly source?: ModelSource;
  embed(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult>;
  /** Token count of a text as this model tokenises it (for chunking to the model's limit). */
  countTokens(text: string): Promise<number>;
  /** Releases the ONNX session and worker. */
  close(): Promise<void>;
}
