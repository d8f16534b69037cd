import type { ApiError } from './errors';

/** A dispatched call's outcome as it crosses IPC or a process boundary. */
export type DispatchResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiError };
