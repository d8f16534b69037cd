import { errorStatus, LociError } from '../../../shared/api/errors';
import type { ErrorCode } from '../../../shared/api/errors';
import { API_CODE_FOR, EmbedError } from '../embed/embedError';
import { asLibraryDamage } from '../store/libraryDamage';
import { StoreError } from '../store/storeErrors';
import { LibraryLockedError } from '../store/writerLock';
import { RpcError } from '../workerRpc/rpcError';

const storeCodes: Record<string, ErrorCode> = {
  LIBRARY_NOT_FOUND: 'NOT_FOUND',
  LIBRARY_READONLY: 'CONFLICT',
  LIBRARY_TOO_NEW: 'CONFLICT',
  MODEL_MISMATCH: 'CONFLICT',
  MODEL_NOT_INDEXED: 'NOT_FOUND',
  LIBRARY_DAMAGED: 'LIBRARY_DAMAGED',
};
import type { Handlers } from './types';

/**
 * Turns the core's own error classes into LociError with the right API code, so the dispatcher can
 * send `{code, message}`. A raw LanceDB error that means a damaged file (truncated, missing, garbage
 * manifest) becomes LIBRARY_DAMAGED ("run `loci doctor --repair`"), never the Rust message. Anything
 * else unknown passes through (and is reported as INTERNAL, with its stack logged on the core's side
 * only).
 */
export function toLociError(err: unknown): unknown {
  if (err instanceof LociError) return err;
  if (err instanceof EmbedError) return new LociError(API_CODE_FOR[err.code], err.message);
  if (err instanceof LibraryLockedError) return new LociError('LOCKED', err.message);
  if (err instanceof StoreError) return new LociError(storeCodes[err.code] ?? 'INTERNAL', err.message);
  if (err instanceof RpcError) return new LociError(apiCodeOfRpc(err.code), err.message);
  const damage = asLibraryDamage(err);
  if (damage) return new LociError('LIBRARY_DAMAGED', damage.message);
  return err;
}

/**
 * A worker's error keeps its code across the thread boundary: an API code stays, a store code maps
 * as above, a worker that is gone (exited, stopped, stuck past its time limit) is UNAVAILABLE.
 */
function apiCodeOfRpc(code: string): ErrorCode {
  if (code === 'WORKER_EXITED' || code === 'WORKER_STOPPED' || code === 'CLOSED' || code === 'TIMEOUT')
    return 'UNAVAILABLE';
  if (code !== 'UNKNOWN_METHOD' && code in errorStatus) return code as ErrorCode;
  return storeCodes[code] ?? 'INTERNAL';
}

/** Wraps every handler so its failures go through `toLociError`. */
export function withErrorMapping(handlers: Handlers): Handlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers) as Array<
    [string, (input: unknown) => Promise<unknown>]
  >) {
    wrapped[name] = async (input) => {
      try {
        return await handler(input);
      } catch (err) {
        throw toLociError(err);
      }
    };
  }
  return wrapped as Handlers;
}
