/**
 * `npm run models:build` (also run from postinstall): converts the built-in Universal Sentence Encoder
 * Lite from TF.js to ONNX, as float32 into resources/models/use-lite/ and statically quantised to int8
 * into resources/models/use-lite-int8/. Idempotent and offline; prints one line per model.
 *
 *   node bin/run-ts.mjs scripts/buildModels.ts [--force] [--out MODELS_DIR]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildUseLiteModel,
  USE_LITE_IDS,
  type UseLiteVariant,
} from '../src/main/core/embed/use-lite/buildUseLiteModel';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Default location of the built-in models in a checkout (one folder per model id). */
export const DEFAULT_MODELS_DIR = path.join(root, 'resources', 'models');

const VARIANTS: readonly UseLiteVariant[] = ['fp32', 'int8'];

/** Parses the arguments, builds every variant, and returns the lines it printed (one per model). */
export async function runBuildModels(argv: readonly string[]): Promise<string[]> {
  const force = argv.includes('--force');
  const outIndex = argv.indexOf('--out');
  const modelsDir =
    outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]!) : DEFAULT_MODELS_DIR;
  const lines: string[] = [];
  for (const variant of VARIANTS) {
    const id = USE_LITE_IDS[variant];
    const outDir = path.join(modelsDir, id);
    const started = performance.now();
    const { skipped, manifest, reason } = await buildUseLiteModel({ outDir, force, variant });
    const ms = Math.round(performance.now() - started);
    const where = path.relative(process.cwd(), outDir) || '.';
    const line = skipped
      ? `loci: ${id} model up to date in ${where} (${manifest.fingerprint.slice(0, 12)}, ${ms} ms)`
      : `loci: built ${id} model in ${where} (${reason}; ${manifest.fingerprint.slice(0, 12)}, ${ms} ms)`;
    console.log(line);
    lines.push(line);
  }
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBuildModels(process.argv.slice(2)).catch((err: unknown) => {
    console.error(
      `loci: building the built-in models failed: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exitCode = 1;
  });
}
