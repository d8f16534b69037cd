import type { EmbedPurpose, ModelInfo } from './types';

/** A text after tokenising: how long it is (for batching) and what the model will be fed. */
export interface PreparedText<P> {
  /** Tokens the model will see (after truncation); batches are formed by this. */
  length: number;
  /** Tokens before truncation. */
  tokens: number;
  truncated: boolean;
  payload: P;
}

/**
 * A model as the embed worker drives it: tokenise one text at a time, run a batch, count tokens.
 * Lives inside the worker thread (it owns the ONNX session); callers use an `Embedder` instead.
 */
export interface WorkerModel<P = unknown> {
  readonly info: ModelInfo;
  prepare(text: string, purpose: EmbedPurpose): PreparedText<P>;
  /** One vector per payload, in order (normalised when `info.normalized`). */
  run(batch: readonly P[]): Promise<Float32Array[]>;
  /** Tokens `text` produces when embedded as a passage (prefix and special tokens included). */
  countTokens(text: string): number;
  close(): Promise<void>;
}

/** Where a model's files are and which runner reads them. */
export interface ModelSource {
  kind: ModelInfo['kind'];
  dir: string;
  /** Id to report in `info.id`; defaults to one derived from the model's name. */
  id?: string;
  /** Display name; defaults to the model's own. */
  name?: string;
}

/** Session settings shared by all runners. */
export interface SessionSettings {
  /** ONNX Runtime intra-op threads. */
  threads: number;
}

/** Lower-case, dash-separated id from a model name (`BAAI/bge-small-en-v1.5` -> `bge-small-en-v1.5`). */
export function idFromName(name: string): string {
  const base = name.split('/').pop() ?? name;
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return id || 'model';
}
