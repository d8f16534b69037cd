import { isMainThread } from 'node:worker_threads';

/**
 * ONNX Runtime (1.30+ on Linux and macOS) ships Microsoft's 1DS telemetry uploader: on the first
 * session it writes a device id and an event database under `~/.cache/Microsoft/DeveloperTools/
 * .onnxruntime/` and then tries to post them to mobile.events.data.microsoft.com every few seconds.
 * The only switch that stops all of it (no uploader, no files, no events) is this variable, read with
 * getenv() when ORT creates its environment. `DisableTelemetryEvents()` is weaker (ORT still sends
 * ProcessInfo) and onnxruntime-node does not expose it anyway.
 */
export const ORT_TELEMETRY_OFF = { ORT_DISABLE_TELEMETRY: '1' } as const;

/**
 * Turns ONNX Runtime's telemetry off for this whole process, whatever the user's environment says.
 * Called by `loadOrt.ts` before it loads onnxruntime-node and by `spawnWorker` before it starts a
 * worker, so a worker that loads ORT finds the variable already in the real process environment.
 *
 * Only the main thread can do this: a worker thread's `process.env` is a private copy that native code
 * never sees. In a worker the copy is checked instead; it is inherited from the thread that spawned
 * the worker, and this module never writes it off the main thread, so a '1' there means the main
 * thread put it into the real environment. Anything else is refused loudly rather than phoning home.
 */
export function disableOrtTelemetry(): void {
  if (isMainThread) {
    Object.assign(process.env, ORT_TELEMETRY_OFF);
    return;
  }
  if (process.env.ORT_DISABLE_TELEMETRY !== ORT_TELEMETRY_OFF.ORT_DISABLE_TELEMETRY) {
    throw new Error(
      'ONNX Runtime telemetry could not be turned off in this worker (its environment lacks ' +
        'ORT_DISABLE_TELEMETRY=1): start workers with spawnWorker() and without a custom `env`.',
    );
  }
}
