import type { ApiError } from '../../shared/api/errors';
import type { DispatchResult } from '../../shared/api/result';
import { LociError, errorStatus } from '../../shared/api/errors';
import { contract, isMethodName } from '../../shared/api/contract';
import type { Handlers } from '../core/handlers/types';

export type { DispatchResult };

/** Where unexpected failures are reported (with their stack) on the core's side of the boundary. */
export type InternalErrorLogger = (method: string, err: unknown) => void;

const defaultLogger: InternalErrorLogger = (method, err) => {
  console.error(`[loci] ${method} failed:`, err);
};

/**
 * The one gate between a face (IPC, HTTP) and the core: checks the method exists, validates the input
 * against the contract's schema, calls the handler and maps any failure to `{code, message}`.
 * Unexpected errors are logged here and cross the boundary only as a generic INTERNAL message.
 */
export function createDispatcher(handlers: Handlers, logError: InternalErrorLogger = defaultLogger) {
  return async function dispatch(method: unknown, rawInput: unknown): Promise<DispatchResult> {
    if (!isMethodName(method)) {
      return fail('UNKNOWN_METHOD', `Unknown method: ${String(method).slice(0, 80)}`);
    }
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
        .join('; ');
      return fail('INVALID_INPUT', `Invalid input for ${method}: ${issues}`);
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof LociError) return fail(err.code, err.message);
      if (isAbort(err)) return fail('CANCELLED', 'Cancelled');
      logError(method, err);
      return fail('INTERNAL', `Internal error in ${method}. Details are in the Loci log.`);
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

function fail(code: ApiError['code'], message: string): DispatchResult {
  return { ok: false, status: errorStatus[code], error: { code, message } };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
