import { LociError } from '../../../shared/api/errors';
import { API_CODE_FOR, EmbedError } from '../embed/embedError';
import type { Handlers } from './types';

/**
 * Turns the core's own error classes into LociError with the right API code, so the dispatcher can
 * send `{code, message}`. Anything unknown passes through (and is reported as INTERNAL, with its stack
 * logged on the core's side only).
 */
export function toLociError(err: unknown): unknown {
  if (err instanceof LociError) return err;
  if (err instanceof EmbedError) return new LociError(API_CODE_FOR[err.code], err.message);
  const coded = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  if (coded && coded.name === 'LibraryLockedError' && typeof coded.message === 'string') {
    return new LociError('LOCKED', coded.message);
  }
  return err;
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
