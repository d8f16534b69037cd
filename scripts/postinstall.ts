import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs after `npm install` / `npm ci` in a checkout: converts the built-in embedding model to ONNX
 * (resources/models/use-lite, skipped when up to date) and builds the app bundles (main, preload,
 * renderer) so that `npx loci ...` and `npx loci serve` work right away. Everything here is local.
 */
const root = path.resolve(import.meta.dirname, '..');

function step(label: string, args: string[]): void {
  const started = Date.now();
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`loci: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

step('built-in models ready (resources/models: use-lite, use-lite-int8)', [
  path.join(root, 'bin/run-ts.mjs'),
  'scripts/buildModels.ts',
]);
step('built the app (out/)', [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
