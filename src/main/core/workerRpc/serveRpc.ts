import { RpcError, toRpcErrorData } from './rpcError';
import { workerThreadPort, type RpcServerPort } from './rpcEndpoint';
import type {
  MethodOf,
  ProgressOf,
  ReplyOf,
  RequestOf,
  RpcProtocol,
  RpcRequestMessage,
  TransferList,
} from './rpcProtocol';

/** What a handler gets besides its request. */
export interface RpcContext<Progress> {
  /** The request's id (unique per caller). */
  id: number;
  /** Aborts when the caller cancels the request; its reply is then not sent. */
  signal: AbortSignal;
  /** Reports progress to the caller's `onProgress`. */
  progress(progress: Progress, transfer?: TransferList): void;
}

/** A reply whose buffers move to the caller instead of being copied (see withTransfer). */
export class Transferred<T> {
  constructor(
    readonly value: T,
    readonly transfer: TransferList,
  ) {}
}

/** Marks a reply's buffers for transfer: `return withTransfer({ vectors }, [vectors.buffer])`. */
export function withTransfer<T>(value: T, transfer: TransferList): Transferred<T> {
  return new Transferred(value, transfer);
}

type Answer<T> = T | Transferred<T>;

/** One handler per method of the protocol, typed from it. */
export type RpcHandlers<P extends RpcProtocol> = {
  [M in MethodOf<P>]: (
    request: RequestOf<P, M>,
    context: RpcContext<ProgressOf<P, M>>,
  ) => Answer<ReplyOf<P, M>> | Promise<Answer<ReplyOf<P, M>>>;
};

export interface ServeRpcOptions {
  /** The channel to the caller; default this worker thread's parentPort. */
  port?: RpcServerPort;
  /** Handle requests strictly one after another (a search never sees a half-applied sync). */
  sequential?: boolean;
}

export interface RpcServer {
  /** Sends a message outside any request (the caller's `onEvent`). */
  emit(name: string, payload: unknown, transfer?: TransferList): void;
}

/**
 * The worker's side of RpcClient: answers each request with its handler's result, or with the error
 * it threw as `{code, message}`, passes progress on, and aborts a handler's signal when the caller
 * cancels its request.
 */
export function serveRpc<P extends RpcProtocol>(
  handlers: RpcHandlers<P>,
  options: ServeRpcOptions = {},
): RpcServer {
  const port = options.port ?? workerThreadPort();
  const running = new Map<number, AbortController>();
  let queue: Promise<void> = Promise.resolve();

  async function answer(id: number, method: string, request: unknown, signal: AbortSignal): Promise<void> {
    try {
      if (signal.aborted) return;
      const handler = (handlers as Record<string, RpcHandlers<P>[MethodOf<P>]>)[method];
      if (!handler) throw new RpcError('UNKNOWN_METHOD', `no handler for ${method}`);
      const context: RpcContext<unknown> = {
        id,
        signal,
        progress: (progress, transfer) => {
          if (!signal.aborted) port.send({ rpc: 'progress', id, progress }, transfer);
        },
      };
      const result: unknown = await handler(request as never, context as never);
      if (signal.aborted) return;
      if (result instanceof Transferred)
        port.send({ rpc: 'reply', id, reply: result.value }, result.transfer);
      else port.send({ rpc: 'reply', id, reply: result });
    } catch (error) {
      if (!signal.aborted) port.send({ rpc: 'error', id, error: toRpcErrorData(error) });
    } finally {
      running.delete(id);
    }
  }

  port.onMessage((message: RpcRequestMessage) => {
    if (message.rpc === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    const run = (): Promise<void> => answer(message.id, message.method, message.request, controller.signal);
    if (options.sequential) queue = queue.then(run);
    else void run();
  });

  return {
    emit: (name, payload, transfer) => port.send({ rpc: 'event', name, payload }, transfer),
  };
}
