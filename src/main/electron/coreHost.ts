import { createCore } from '../core/createCore';
import type { CoreConfig } from '../core/config';
import { createDispatcher } from '../transport/dispatch';
import { eventNames } from '../../shared/api/names';
import type { HostMessage, HostRequest } from './coreHostProtocol';

/**
 * Runs inside Electron's utilityProcess: hosts the whole core off the main process, so parsing a
 * 1,000-page PDF or embedding never blocks a window. Talks to the main process over `parentPort`.
 * (No `electron` import: a utility process is plain Node with a parent port.)
 */
const parentPort = (process as unknown as { parentPort: NodeParentPort }).parentPort;

interface NodeParentPort {
  on(event: 'message', listener: (e: { data: HostRequest }) => void): void;
  postMessage(message: HostMessage): void;
}

let dispatch: ReturnType<typeof createDispatcher> | null = null;
let closeCore: (() => Promise<void>) | null = null;

parentPort.on('message', ({ data }) => {
  void handle(data);
});

async function handle(msg: HostRequest): Promise<void> {
  if (msg.type === 'init') {
    const core = await createCore(msg.config as CoreConfig);
    dispatch = createDispatcher(core.handlers);
    closeCore = () => core.close();
    core.events.onAny(
      (event, payload) => parentPort.postMessage({ type: 'event', event, payload }),
      eventNames,
    );
    parentPort.postMessage({ type: 'ready' });
    return;
  }
  if (msg.type === 'call') {
    const result = dispatch
      ? await dispatch(msg.method, msg.input)
      : {
          ok: false as const,
          status: 503,
          error: { code: 'UNAVAILABLE' as const, message: 'Core is starting' },
        };
    parentPort.postMessage({ type: 'result', id: msg.id, result });
    return;
  }
  if (msg.type === 'shutdown') {
    await closeCore?.();
    process.exit(0);
  }
}
