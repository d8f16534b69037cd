import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { relaxedSimdAvailable } from './relaxedSimd';

/**
 * For bench:ocr-options: tesseract.js's own worker (its message handlers, unchanged) with an adapter that
 * loads tesseract.js-core's LSTM-only build. In Node, tesseract.js 7's `getCore` ignores `corePath` and is
 * handed a boolean where it tests for an OEM, so it always loads the full build (legacy engine + LSTM),
 * even for `OEM.LSTM_ONLY`. Measured side by side (`--paired`), the LSTM-only build costs the same CPU
 * per page (x0.99), so Loci keeps tesseract.js's stock worker. The adapter has no fetch at all.
 *
 * Passed as a `data:` URL (worker_threads runs it as an ES module): no file is written; the modules it
 * loads are resolved from tesseract.js's own folder.
 */
const requireHere = createRequire(import.meta.url);

/** The tesseract.js-core build for Loci's LSTM-only engine on this WebAssembly engine. */
export function tesseractCoreFile(): string {
  const build = relaxedSimdAvailable() ? 'relaxedsimd-lstm' : 'simd-lstm';
  return requireHere.resolve(`tesseract.js-core/tesseract-core-${build}.js`);
}

export function tesseractWorkerUrl(): URL {
  const tesseractJs = requireHere.resolve('tesseract.js/package.json');
  const dir = path.dirname(tesseractJs);
  const str = (s: string) => JSON.stringify(s);
  const source = [
    `import { createRequire } from 'node:module';`,
    `import { parentPort } from 'node:worker_threads';`,
    `const require = createRequire(${str(pathToFileURL(tesseractJs).href)});`,
    `const worker = require(${str(path.join(dir, 'src/worker-script/index.js'))});`,
    `let core = null;`,
    `worker.setAdapter({`,
    `  getCore: async () => (core ??= require(${str(tesseractCoreFile())})),`,
    `  gunzip: require(${str(path.join(dir, 'src/worker-script/node/gunzip.js'))}),`,
    `  ...require(${str(path.join(dir, 'src/worker-script/node/cache.js'))}),`,
    `  fetch: () => Promise.reject(new Error('OCR language data is read from local files only')),`,
    `});`,
    `parentPort.on('message', (packet) => worker.dispatchHandlers(packet, (m) => parentPort.postMessage(m)));`,
  ].join('\n');
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}
