import type { UtilityProcess } from 'electron';
import type { DispatchResult } from '../../shared/api/result';
import type { CoreConfig } from '../core/config';
import type { HostMessage, HostRequest } from './coreHostProtocol';

/**
 * The main process's handle on the core's utility process: correlates calls with results and passes
 * core events on. `fork` is Electron's `utilityProcess.fork` (injected, so tests can pass a fake).
 */
export function startCoreProcess(
  fork: (modulePath: string) => UtilityProcess,
  hostPath: string,
  config: CoreConfig,
  onEvent: (event: string, payload: unknown) => void,
) {
  const child = fork(hostPath);
  const pending = new Map<number, (r: DispatchResult) => void>();
  let nextId = 1;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const send = (msg: HostRequest) => child.postMessage(msg);

  child.on('message', (msg: HostMessage) => {
    if (msg.type === 'ready') resolveReady();
    else if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result);
      pending.delete(msg.id);
    } else if (msg.type === 'event') onEvent(msg.event, msg.payload);
  });
  child.on('exit', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, status: 503, error: { code: 'UNAVAILABLE', message: 'The Loci core stopped' } });
    }
    pending.clear();
  });
  send({ type: 'init', config });

  return {
    ready,
    async call(method: string, input: unknown): Promise<DispatchResult> {
      await ready;
      const id = nextId++;
      return new Promise<DispatchResult>((resolve) => {
        pending.set(id, resolve);
        send({ type: 'call', id, method, input });
      });
    },
    shutdown() {
      send({ type: 'shutdown' });
    },
  };
}
