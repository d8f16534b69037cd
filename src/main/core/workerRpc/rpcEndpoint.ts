import { parentPort, type MessagePort, type Worker } from 'node:worker_threads';
import { RpcError } from './rpcError';
import type { RpcReplyMessage, RpcRequestMessage, TransferList } from './rpcProtocol';

/**
 * The caller's view of a transport to one worker: whatever carries messages (a worker thread, a
 * MessagePort, Electron's UtilityProcess) is adapted to this, so RpcClient never knows which it is.
 */
export interface RpcEndpoint {
  /** Sends one message; `transfer` moves buffers where the transport can (else they are copied). */
  send(message: RpcRequestMessage, transfer?: TransferList): void;
  /** Every message from the worker, already unwrapped from transport envelopes. */
  onMessage(listener: (message: RpcReplyMessage) => void): void;
  /** Called once when the worker is gone, with why (its crash error as `cause`, or its exit code). */
  onExit(listener: (error: RpcError) => void): void;
  /** Ends the worker; resolves when it is gone. */
  terminate(): Promise<void>;
  /** Lets the process exit while nothing is pending (worker threads); optional for other transports. */
  ref?(): void;
  unref?(): void;
}

/** The worker's view of its channel to the caller (see serveRpc). */
export interface RpcServerPort {
  send(message: RpcReplyMessage, transfer?: TransferList): void;
  onMessage(listener: (message: RpcRequestMessage) => void): void;
}

/**
 * A worker thread as an RpcEndpoint. An uncaught error in the worker ('error', then 'exit') ends as
 * one exit report carrying that error; a worker the caller terminates reports its exit code.
 */
export function workerThreadEndpoint(worker: Worker, name: string): RpcEndpoint {
  let crash: Error | undefined;
  worker.on('error', (error) => (crash = error));
  return {
    send: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) =>
      worker.once('exit', (exitCode: number) =>
        listener(
          new RpcError(
            'WORKER_EXITED',
            crash ? `${name} crashed: ${crash.message}` : `${name} exited with code ${exitCode}`,
            crash ? { cause: crash } : undefined,
          ),
        ),
      ),
    terminate: async () => void (await worker.terminate()),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/** The worker thread's end of its channel (`parentPort`), or a given MessagePort. */
export function workerThreadPort(port: MessagePort | null = parentPort): RpcServerPort {
  if (!port) throw new Error('serveRpc: not running in a worker thread (no parentPort)');
  return {
    send: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
  };
}

/**
 * One end of a MessageChannel as an RpcEndpoint (a worker reached through a port it was handed).
 * The other end closing counts as the worker exiting; `terminate` closes this end.
 */
export function messagePortEndpoint(port: MessagePort, name: string): RpcEndpoint {
  return {
    send: (message, transfer) => port.postMessage(message, transfer),
    onMessage: (listener) => port.on('message', listener),
    onExit: (listener) =>
      port.once('close', () => listener(new RpcError('WORKER_EXITED', `${name} closed its port`))),
    terminate: async () => {
      const closed = new Promise<void>((resolve) => port.once('close', () => resolve()));
      port.close();
      await closed;
    },
    ref: () => port.ref(),
    unref: () => port.unref(),
  };
}
