import type { DispatchResult } from '../../shared/api/result';

/**
 * The protocol between the Electron main process and the core's utility process (coreHost.ts).
 * The core's events come as RPC events named after the event (`job.progress`, ...).
 */
export type CoreHostProtocol = {
  /** Builds the core from its config; sent once, before any call. */
  init: { request: { config: unknown }; reply: null };
  /** One contract method, validated and dispatched in the core; failures come back as the result. */
  call: { request: { method: string; input: unknown }; reply: DispatchResult };
  /** Closes the core and ends the process. */
  shutdown: { request: null; reply: null };
};
