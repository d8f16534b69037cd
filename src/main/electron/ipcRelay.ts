import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../shared/api/ipcChannels';
import { isMethodName } from '../../shared/api/names';
import type { DispatchResult } from '../../shared/api/result';
import { isAppUrl } from './guardContents';

export const invokeChannel = ipcChannels.invoke;
export const eventChannel = ipcChannels.event;

/** Where the relay forwards validated-name calls (the core's utility process). */
export type Forward = (method: string, input: unknown) => Promise<DispatchResult>;

/**
 * The one IPC handler of the app. Every message's sender is checked: it must be a frame showing the
 * app's own origin, else the call is refused. The core validates the input against the contract;
 * failures come back as `{code, message}` which the preload rethrows.
 */
export function registerIpcRelay(ipcMain: Pick<IpcMain, 'handle'>, forward: Forward): void {
  ipcMain.handle(invokeChannel, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, status: 403, error: { code: 'FORBIDDEN', message: 'Untrusted sender' } };
    }
    if (!isMethodName(method)) {
      return { ok: false, status: 404, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method' } };
    }
    return forward(method, input);
  });
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const url = event.senderFrame?.url;
  return typeof url === 'string' && isAppUrl(url);
}
