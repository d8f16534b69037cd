import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { disableOrtTelemetry } from '../../../src/main/core/embed/ortTelemetry';
import { repoRoot } from '../../support/repoPaths';

// The guard around ONNX Runtime's telemetry switch. The end-to-end proof (no files, no sockets) is
// tests/integration/syscallPrivacy.test.ts; this covers the rule a worker thread cannot fix itself.

const tsxApi = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist/esm/api/index.mjs',
  ),
).href;
const loader = pathToFileURL(path.join(repoRoot, 'src/main/core/embed/loadOrt.ts')).href;

/** Loads loadOrt.ts in a raw worker thread (not spawnWorker) with the given environment. */
function loadOrtInWorker(env: NodeJS.ProcessEnv): Promise<string> {
  const code =
    `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(loader)}); })` +
    `.then(() => require('node:worker_threads').parentPort.postMessage('loaded'))` +
    `.catch((e) => require('node:worker_threads').parentPort.postMessage('refused: ' + e.message));`;
  const worker = new Worker(code, { eval: true, env });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: string) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once('error', reject);
  });
}

describe('ONNX Runtime telemetry switch', () => {
  it('on the main thread it is set whatever the environment said', () => {
    process.env.ORT_DISABLE_TELEMETRY = '0';
    disableOrtTelemetry();
    expect(process.env.ORT_DISABLE_TELEMETRY).toBe('1');
  });

  it('a worker whose environment lacks it refuses to load ONNX Runtime (it could not switch it off)', async () => {
    const env = { ...process.env };
    delete env.ORT_DISABLE_TELEMETRY;
    expect(await loadOrtInWorker(env)).toMatch(/^refused: ONNX Runtime telemetry could not be turned off/);
  });

  it('a worker that inherited it from the main thread loads ONNX Runtime', async () => {
    disableOrtTelemetry();
    expect(await loadOrtInWorker({ ...process.env })).toBe('loaded');
  });
});
