import type { Transferable } from 'node:worker_threads';

/**
 * The typed shape of a request/reply protocol between a caller and a worker (a worker thread, the
 * core's utility process), and the messages that carry it. A protocol is a map from method name to
 * what the method takes, answers and reports while it runs:
 *
 * ```ts
 * type MapProtocol = {
 *   layout: { request: LayoutRequest; reply: LayoutAnswer; progress: MapProgress };
 *   project: { request: ProjectRequest; reply: MapQueryProjection };
 * };
 * ```
 *
 * `RpcClient<MapProtocol>.call('layout', ...)` and `serveRpc<MapProtocol>({ layout: ... })` are then
 * typed from that one declaration on both sides of the thread boundary.
 */

/** One method: the request the caller sends, the reply it gets, the progress the worker may report. */
export interface RpcMethod {
  request: unknown;
  reply: unknown;
  progress?: unknown;
}

/** Method name -> method. Declare protocols with `type` (interfaces lack the index signature). */
export type RpcProtocol = Record<string, RpcMethod>;

export type MethodOf<P extends RpcProtocol> = keyof P & string;
export type RequestOf<P extends RpcProtocol, M extends MethodOf<P>> = P[M]['request'];
export type ReplyOf<P extends RpcProtocol, M extends MethodOf<P>> = P[M]['reply'];
export type ProgressOf<P extends RpcProtocol, M extends MethodOf<P>> = P[M] extends {
  progress: infer G;
}
  ? G
  : never;

/** An error as it crosses a thread or process boundary: a stable code and a message, no stack. */
export interface RpcErrorData {
  code: string;
  message: string;
}

/** Caller -> worker. */
export type RpcRequestMessage =
  | { rpc: 'request'; id: number; method: string; request: unknown }
  /** The caller gave up on request `id` (its signal aborted): stop working on it if you can. */
  | { rpc: 'cancel'; id: number };

/** Worker -> caller. */
export type RpcReplyMessage =
  | { rpc: 'reply'; id: number; reply: unknown }
  | { rpc: 'error'; id: number; error: RpcErrorData }
  | { rpc: 'progress'; id: number; progress: unknown }
  /** Something the worker reports outside any request (the core's events, for one). */
  | { rpc: 'event'; name: string; payload: unknown };

/** Objects whose memory moves to the other side instead of being copied (ArrayBuffers, ports). */
export type TransferList = readonly Transferable[];
