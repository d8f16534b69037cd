import type { DispatchResult } from '../../shared/api/result';

/** Messages from the Electron main process to the core's utility process. */
export type HostRequest =
  | { type: 'init'; config: unknown }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'shutdown' };

/** Messages from the core's utility process back to the main process. */
export type HostMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: DispatchResult }
  | { type: 'event'; event: string; payload: unknown };
