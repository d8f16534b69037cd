import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbedError } from './embedError';
import { readHfFolder, type LociModelFile } from './hf/readHfFolder';
import { writeManifest, type ModelManifest } from './modelManifest';
import { openEmbedder } from './openEmbedder';
import { idFromName } from './workerModel';

/** Ids: lower-case letters, digits, `.`, `_`, `-`; at most 64 characters; used as a folder name. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Files of a Hugging Face folder that matter at run time; everything else (READMEs, PyTorch weights) stays behind. */
const OPTIONAL_FILES = [
  'tokenizer_config.json',
  'special_tokens_map.json',
  'config.json',
  'sentence_bert_config.json',
  'modules.json',
];

export interface ImportPlan {
  id: string;
  name: string;
}

export interface ImportHooks {
  /** Gets the suggested id and name; returns the ones to use (throws to refuse, e.g. id taken). */
  chooseId(suggested: ImportPlan): Promise<ImportPlan>;
  /** Called with the validated model's fingerprint before anything is copied (throws to refuse). */
  beforeCopy?(fingerprint: string): Promise<void>;
  /** ONNX Runtime threads for the validation session. */
  threads?: number | undefined;
}

async function copyIfExists(from: string, to: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.copyFile(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/**
 * Validates a Hugging Face model folder and copies it into `modelsDir/<id>/` with a manifest.
 *
 * Order of checks, each failing with a message that says what is wrong: the folder's files and configs
 * (readHfFolder: missing model.onnx / tokenizer.json, broken JSON, unsupported pooling...), then the folder
 * is opened in ONNX Runtime in a worker (inputs it can feed, a usable output, a test sentence embeds), so
 * error messages name the user's files. Only then is it copied, into a hidden temporary folder that is
 * renamed into place last: a failed or interrupted import leaves nothing the registry would list.
 *
 * The resolved settings (name, pooling, max tokens, prefixes, output) are written to the copy's
 * loci-model.json, so the imported model keeps its meaning even if the prefix catalog changes later.
 */
export async function importModelFolder(
  folder: string,
  modelsDir: string,
  hooks: ImportHooks,
): Promise<ModelManifest> {
  const source = path.resolve(folder);
  const cfg = await readHfFolder(source);
  const plan = await hooks.chooseId({ id: idFromName(cfg.name), name: cfg.name });
  if (!MODEL_ID_PATTERN.test(plan.id)) {
    throw new EmbedError(
      'INVALID_INPUT',
      `model id "${plan.id}" must be lower-case letters, digits, ".", "_" or "-" (at most 64)`,
    );
  }

  const embedder = await openEmbedder(
    { kind: 'hf-onnx', dir: source, id: plan.id, name: plan.name },
    hooks.threads ? { threads: hooks.threads } : {},
  );
  const info = embedder.info;
  await embedder.close();
  await hooks.beforeCopy?.(info.fingerprint);

  await fs.mkdir(modelsDir, { recursive: true });
  const tmp = path.join(modelsDir, `.importing-${plan.id}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fs.mkdir(tmp);
    await fs.copyFile(cfg.modelPath, path.join(tmp, 'model.onnx'));
    // ONNX external data is referenced by file name relative to model.onnx.
    for (const ext of ['model.onnx_data', 'model.onnx.data'])
      await copyIfExists(path.join(path.dirname(cfg.modelPath), ext), path.join(tmp, ext));
    await fs.copyFile(cfg.tokenizerPath, path.join(tmp, 'tokenizer.json'));
    for (const file of OPTIONAL_FILES) await copyIfExists(path.join(source, file), path.join(tmp, file));
    // Pinning the resolved settings makes the copy resolve exactly like the source (same fingerprint).
    const resolved: LociModelFile = {
      name: plan.name,
      pooling: cfg.pooling,
      maxTokens: cfg.maxTokens,
      prefixes: cfg.prefixes,
    };
    if (cfg.output) resolved.output = cfg.output;
    await fs.writeFile(path.join(tmp, 'loci-model.json'), `${JSON.stringify(resolved, null, 2)}\n`);

    const manifest: ModelManifest = { ...info, importedFrom: source, importedAt: new Date().toISOString() };
    await writeManifest(tmp, manifest);
    const target = path.join(modelsDir, plan.id);
    try {
      await fs.rename(tmp, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST')
        throw new EmbedError('MODEL_CONFLICT', `a model with id "${plan.id}" already exists`);
      throw err;
    }
    return manifest;
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
