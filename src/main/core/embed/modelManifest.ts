import fs from 'node:fs/promises';
import path from 'node:path';
import type { ModelInfo } from './types';

/**
 * `manifest.json` in every registered model folder (`<resourcesDir>/models/<id>/` for built-ins,
 * `<dataDir>/models/<id>/` for imported ones). The ModelInfo fields are required; the rest is
 * provenance. The built-in use-lite manifest (written by the model build) has the same core fields.
 */
export interface ModelManifest extends ModelInfo {
  /** Imported models: the folder they were copied from, and when. */
  importedFrom?: string;
  importedAt?: string;
  [extra: string]: unknown;
}

const KINDS: readonly ModelInfo['kind'][] = ['use-lite', 'hf-onnx'];

/** Reads `dir/manifest.json`; undefined when missing or not a complete manifest (such folders are not listed). */
export async function readManifest(dir: string): Promise<ModelManifest | undefined> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const m = raw as Partial<ModelManifest> | null;
  const complete =
    !!m &&
    typeof m.id === 'string' &&
    typeof m.name === 'string' &&
    KINDS.includes(m.kind as ModelInfo['kind']) &&
    typeof m.dims === 'number' &&
    typeof m.maxTokens === 'number' &&
    typeof m.normalized === 'boolean' &&
    typeof m.fingerprint === 'string';
  return complete ? (m as ModelManifest) : undefined;
}

/** Writes `dir/manifest.json` through a temporary file, so a reader never sees half of it. */
export async function writeManifest(dir: string, manifest: ModelManifest): Promise<void> {
  const file = path.join(dir, 'manifest.json');
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`);
  await fs.rename(tmp, file);
}
