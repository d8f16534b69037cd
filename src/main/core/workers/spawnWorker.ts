import { isMainThread, Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { disableOrtTelemetry, ORT_TELEMETRY_OFF } from '../embed/ortTelemetry';

/**
 * Where worker entry points live and how to start them.
 *
 * From source (CLI through tsx, vitest) this module is a `.ts` file and the worker is
 * `src/main/core/workers/<name>.worker.ts`, started with tsx's loader so it can import TypeScript.
 * In a bundle (electron-vite build) every worker is emitted as `<name>.worker.js` next to the chunk that
 * holds this module (the build keeps the main output flat for that reason).
 */
const runningFromSource = import.meta.url.endsWith('.ts');

export function workerEntry(name: string): URL {
  return new URL(`./${name}.worker.${runningFromSource ? 'ts' : 'js'}`, import.meta.url);
}

let tsxApiUrl: string | undefined;
function tsxApi(): string {
  // Resolved from this file, not the cwd, so `npx loci` works from any directory.
  // (createRequire would pick the CommonJS build of the API; the worker bootstrap needs the ESM one.)
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  tsxApiUrl ??= pathToFileURL(path.join(path.dirname(pkg), 'dist/esm/api/index.mjs')).href;
  return tsxApiUrl;
}

/**
 * Starts the named worker (`<name>.worker.ts|js`).
 *
 * Any worker may load ONNX Runtime, whose native code reads the real process environment, which a
 * worker cannot change: so the main thread puts the telemetry switch there before every start, and
 * a caller's own `env` object gets it too (see embed/ortTelemetry.ts).
 */
export function spawnWorker(name: string, workerOptions: WorkerOptions = {}): Worker {
  return spawnWorkerAt(workerEntry(name), workerOptions);
}

/** spawnWorker for an entry module given by URL (tests start their own small workers this way). */
export function spawnWorkerAt(entry: URL, workerOptions: WorkerOptions = {}): Worker {
  if (isMainThread) disableOrtTelemetry();
  const env = workerOptions.env;
  const options =
    env && typeof env === 'object'
      ? { ...workerOptions, env: { ...env, ...ORT_TELEMETRY_OFF } }
      : workerOptions;
  if (!entry.href.endsWith('.ts')) return new Worker(entry, options);
  // Node 20 does not apply `--import` hooks before a worker's entry module loads, so a tiny bootstrap
  // registers tsx inside the worker first and then imports the TypeScript entry.
  const bootstrap =
    `import(${JSON.stringify(tsxApi())})` +
    `.then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })` +
    `.catch((e) => { process.nextTick(() => { throw e; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
