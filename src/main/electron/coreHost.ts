import { createCore } from '../core/createCore';
import type { CoreConfig } from '../core/config';
import { serveRpc } from '../core/workerRpc/serveRpc';
import type { RpcServerPort } from '../core/workerRpc/rpcEndpoint';
import { createDispatcher } from '../transport/dispatch';
import { eventNames } from '../../shared/api/names';
import type { CoreHostProtocol } from './coreHostProtocol';

/**
 * Runs inside Electron's utilityProcess: hosts the whole core off the main process, so parsing a
 * 1,000-page PDF or embedding never blocks a window. Talks to the main process over `parentPort`.
 * (No `electron` import: a utility process is plain Node with a parent port.)
 */
interface NodeParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort: NodeParentPort }).parentPort;

/** The parent port as an RPC channel: messages arrive wrapped in `{data}`. */
const port: RpcServerPort = {
  send: (message) => parentPort.postMessage(message),
  onMessage: (listener) => parentPort.on('message', ({ data }) => listener(data as never)),
};

let dispatch: ReturnType<typeof createDispatcher> | null = null;
let closeCore: (() => Promise<void>) | null = null;

const server = serveRpc<CoreHostProtocol>(
  {
    init: async ({ config }) => {
      const core = await createCore(config as CoreConfig);
      dispatch = createDispatcher(core.handlers);
      closeCore = () => core.close();
      core.events.onAny((event, payload) => server.emit(event, payload), eventNames);
      return null;
    },
    call: ({ method, input }) =>
      dispatch
        ? dispatch(method, input)
        : {
            ok: false as const,
            status: 503,
            error: { code: 'UNAVAILABLE' as const, message: 'Core is starting' },
          },
    shutdown: async () => {
      await closeCore?.();
      process.exit(0);
    },
  },
  { port },
);
