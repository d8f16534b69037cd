/**
 * `npm run models:build` (also run from postinstall): converts the built-in Universal Sentence Encoder
 * Lite from TF.js to ONNX into resources/models/use-lite/. Idempotent and offline; prints one line.
 *
 *   node bin/run-ts.mjs scripts/buildModels.ts [--force] [--out DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUseLiteModel } from '../src/main/core/embed/use-lite/buildUseLiteModel';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default location of the built-in model folder in a checkout. */
export const DEFAULT_USE_LITE_DIR = path.join(root, 'resources', 'models', 'use-lite');

/** Parses the arguments, builds, and returns the one line it printed. */
export async function runBuildModels(argv: readonly string[]): Promise<string> {
  const force = argv.includes('--force');
  const outIndex = argv.indexOf('--out');
  const outDir =
    outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]!) : DEFAULT_USE_LITE_DIR;
  const started = performance.now();
  const { skipped, manifest, reason } = await buildUseLiteModel({ outDir, force });
  const ms = Math.round(performance.now() - started);
  const where = path.relative(process.cwd(), outDir) || '.';
  const line = skipped
    ? `loci: use-lite model up to date in ${where} (${manifest.fingerprint.slice(0, 12)}, ${ms} ms)`
    : `loci: built use-lite model in ${where} (${reason}; ${manifest.fingerprint.slice(0, 12)}, ${ms} ms)`;
  console.log(line);
  return line;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBuildModels(process.argv.slice(2)).catch((err: unknown) => {
    console.error(
      `loci: building the use-lite model failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  });
}
