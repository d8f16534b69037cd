import type { DispatchResult } from '../../shared/api/result';
import type { CoreConfig } from '../core/config';
import { RpcClient } from '../core/workerRpc/rpcClient';
import type { RpcEndpoint } from '../core/workerRpc/rpcEndpoint';
import { RpcError } from '../core/workerRpc/rpcError';
import type { CoreHostProtocol } from './coreHostProtocol';

/** What the main process needs of a utility process (Electron's UtilityProcess, or a fake in tests). */
export interface CoreChild {
  postMessage(message: unknown): void;
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  kill(): boolean;
}

const STOPPED: DispatchResult = {
  ok: false,
  status: 503,
  error: { code: 'UNAVAILABLE', message: 'The Loci core stopped' },
};

/**
 * The main process's handle on the core's utility process: calls go through the RPC module (ids,
 * pending map, fail-all when the process exits) and core events are passed on. `fork` is Electron's
 * `utilityProcess.fork` (injected, so tests can pass a fake). A core that exited is not restarted:
 * calls then answer UNAVAILABLE.
 */
export function startCoreProcess(
  fork: (modulePath: string) => CoreChild,
  hostPath: string,
  config: CoreConfig,
  onEvent: (event: string, payload: unknown) => void,
) {
  const core = new RpcClient<CoreHostProtocol>({
    name: 'the Loci core',
    start: () => utilityProcessEndpoint(fork(hostPath)),
    init: async (call) => void (await call('init', { config })),
    restart: false,
    onEvent,
  });
  const ready = core.start();
  ready.catch(() => undefined); // reported to each call as UNAVAILABLE

  return {
    /** Settles once the core is built (rejects if it could not be). */
    ready,
    call(method: string, input: unknown): Promise<DispatchResult> {
      return core.call('call', { method, input }).catch(() => STOPPED);
    },
    shutdown() {
      core.call('shutdown', null).catch(() => undefined);
    },
  };
}

/** An Electron UtilityProcess as an RpcEndpoint (its messages arrive unwrapped on this side). */
export function utilityProcessEndpoint(child: CoreChild): RpcEndpoint {
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('exit', (code: number) =>
        listener(new RpcError('WORKER_EXITED', `the Loci core exited with code ${code}`)),
      ),
    terminate: async () => {
      if (!exited) child.kill();
      await gone;
    },
  };
}
