import { parentPort } from 'node:worker_threads';

/**
 * FAKE of the utility-process side of Electron (the Electron binary cannot run here): gives this
 * worker thread the `process.parentPort` a utility process has (messages wrapped in `{data}`), then
 * runs the real coreHost.ts in it.
 */
const port = parentPort!;
(process as unknown as { parentPort: unknown }).parentPort = {
  on: (_event: 'message', listener: (e: { data: unknown }) => void) =>
    port.on('message', (data: unknown) => listener({ data })),
  postMessage: (message: unknown) => port.postMessage(message),
};

await import('../../src/main/electron/coreHost');
