import type { RpcErrorData } from './rpcProtocol';

/**
 * Codes the RPC layer itself produces. A worker's own errors keep the code they were thrown with
 * (`error.code` when it is a string, else `INTERNAL`).
 */
export type RpcErrorCode =
  /** The worker exited or crashed while the request was pending. */
  | 'WORKER_EXITED'
  /** The caller stopped the worker (stop(), or another request's timeout) while the request was pending. */
  | 'WORKER_STOPPED'
  /** The client was closed; no more requests are taken. */
  | 'CLOSED'
  /** No reply within the request's time limit; the worker was presumed stuck and terminated. */
  | 'TIMEOUT'
  /** The worker has no handler for the method. */
  | 'UNKNOWN_METHOD'
  /** A worker-side error that carried no code of its own. */
  | 'INTERNAL';

/**
 * An error from the other side of an RPC channel, or about the channel itself, as `{code, message}`.
 * `cause` holds the underlying error where there is one (e.g. a worker's ERR_WORKER_OUT_OF_MEMORY).
 */
export class RpcError extends Error {
  override name = 'RpcError';
  constructor(
    readonly code: RpcErrorCode | (string & {}),
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toJSON(): RpcErrorData {
    return { code: this.code, message: this.message };
  }
}

/** Any thrown value as `{code, message}` for the wire: a string `code` is kept, anything else is INTERNAL. */
export function toRpcErrorData(error: unknown): RpcErrorData {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? code : 'INTERNAL', message };
}

/** What an aborted call rejects with: the signal's reason when it is an Error, else an AbortError. */
export function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The request was aborted', 'AbortError');
}
