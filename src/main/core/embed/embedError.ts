import type { ErrorCode } from '../../../shared/api/errors';

/**
 * Errors the embedding engine raises on purpose. Each carries a stable `code` that crosses IPC/HTTP as
 * `{code, message}` (architecture rule 2), so callers branch on the code, never on message text.
 */
export type EmbedErrorCode =
  /** A text is not a string, or the texts argument is not an array. */
  | 'INVALID_INPUT'
  /** No model with that id, or no folder at that path. */
  | 'MODEL_NOT_FOUND'
  /** The folder is not a usable model (missing/broken files, unsupported inputs/outputs...). */
  | 'MODEL_INVALID'
  /** An imported model id clashes with an existing one, or a built-in model was to be removed. */
  | 'MODEL_CONFLICT'
  /** The embedder was closed before or while the call ran. */
  | 'EMBEDDER_CLOSED'
  /** The worker hosting the session died or ONNX Runtime failed on a batch. */
  | 'EMBED_FAILED';

export class EmbedError extends Error {
  override name = 'EmbedError';
  constructor(
    readonly code: EmbedErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The rejection value for an aborted call: a DOMException named AbortError, as `fetch` uses. */
export function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The embedding was aborted', 'AbortError');
}

/** The API error code (src/shared/api/errors.ts) an EmbedError crosses IPC/HTTP as. */
export const API_CODE_FOR: Record<EmbedErrorCode, ErrorCode> = {
  INVALID_INPUT: 'INVALID_INPUT',
  MODEL_NOT_FOUND: 'NOT_FOUND',
  MODEL_INVALID: 'INVALID_INPUT',
  MODEL_CONFLICT: 'CONFLICT',
  EMBEDDER_CLOSED: 'UNAVAILABLE',
  EMBED_FAILED: 'INTERNAL',
};
