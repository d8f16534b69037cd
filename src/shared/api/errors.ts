/**
 * Errors that cross a boundary (IPC, HTTP, CLI --json) travel as `{code, message}` only: never a stack
 * trace, never an internal path the user did not give us.
 */

/** Machine-readable error codes, with the HTTP status each maps to. */
export const errorStatus = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_METHOD: 404,
  CONFLICT: 409,
  /** A request body over the server's limit (uploads). */
  TOO_LARGE: 413,
  LOCKED: 423,
  CANCELLED: 499,
  UNAVAILABLE: 503,
  /** A library file is truncated, missing or overwritten; `loci doctor --repair` fixes it. */
  LIBRARY_DAMAGED: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** The only shape an error takes outside the core. */
export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** Thrown by core handlers for failures the user should see as they are. */
export class LociError extends Error {
  override name = 'LociError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && v.code in errorStatus && typeof v.message === 'string';
}
