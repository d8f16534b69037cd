import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { pdfjsAssets } from './scripts/pdfjsAssetsPlugin';

// Every worker entry point (`src/main/core/workers/*.worker.ts`) is its own bundle entry, emitted
// flat next to the main bundle as `<name>.worker.js`, which is where spawnWorker() looks for it.
const workersDir = 'src/main/core/workers';
const workerEntries = Object.fromEntries(
  fs
    .readdirSync(workersDir)
    .filter((f) => f.endsWith('.worker.ts'))
    .map((f) => [f.replace(/\.ts$/, ''), path.join(workersDir, f)]),
);

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: 'src/main/electron/main.ts',
          coreHost: 'src/main/electron/coreHost.ts',
          ...workerEntries,
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        // Sandboxed preload scripts must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    build: {
      outDir: 'out/renderer',
      // A smaller page loads faster in the window and the browser; source maps stay out of the package.
      minify: true,
      rollupOptions: { input: 'src/renderer/index.html' },
    },
    plugins: [react(), pdfjsAssets()],
  },
});
