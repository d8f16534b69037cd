import type { LociBridge } from '../shared/api/bridge';
import type { DispatchResult } from '../shared/api/result';
import { ipcChannels } from '../shared/api/ipcChannels';
import { isEventName, isMethodName } from '../shared/api/names';

const invokeChannel = ipcChannels.invoke;
const eventChannel = ipcChannels.event;

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` the bridge uses (a named fake stands in for it in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * Builds the two functions the page gets as `window.loci`. Names are checked against the contract
 * before anything is sent; raw `ipcRenderer` never reaches the page.
 */
export function createBridge(ipc: IpcRendererLike): LociBridge {
  return {
    async invoke(method, input) {
      if (!isMethodName(method))
        throw { code: 'UNKNOWN_METHOD', message: `Unknown method: ${String(method)}` };
      const result = (await ipc.invoke(invokeChannel, method, input)) as DispatchResult;
      if (result.ok) return result.value;
      throw result.error;
    },
    on(event, callback) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
      if (typeof callback !== 'function') throw new TypeError('callback must be a function');
      const listener = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) callback(payload);
      };
      ipc.on(eventChannel, listener);
      return () => void ipc.removeListener(eventChannel, listener);
    },
  };
}
