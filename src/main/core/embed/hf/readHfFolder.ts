import fs from 'node:fs/promises';
import path from 'node:path';
import { EmbedError } from '../embedError';
import { NO_PREFIXES, prefixesForNames, type Prefixes } from './prefixCatalog';

/** How token vectors become one text vector. `lasttoken` is for decoder-style embedding models. */
export type PoolingMode = 'mean' | 'cls' | 'max' | 'lasttoken';
const POOLING_MODES: readonly PoolingMode[] = ['mean', 'cls', 'max', 'lasttoken'];

/**
 * `loci-model.json`: optional overrides a user puts in a Hugging Face model folder (all fields optional).
 * Import writes the resolved values into the imported copy, so an imported model never changes meaning
 * when the built-in catalog changes.
 */
export interface LociModelFile {
  /** Display name; also matched against the prefix catalog. */
  name?: string;
  /** Pooling over token vectors; overrides 1_Pooling/config.json. */
  pooling?: PoolingMode;
  /** Tokens the model sees (special tokens included); overrides the configs. */
  maxTokens?: number;
  /** Text put before queries / passages; overrides the catalog. Use `{"query": "", "passage": ""}` for none. */
  prefixes?: Partial<Prefixes>;
  /** Name of the ONNX output to read; default: sentence_embedding, last_hidden_state, token_embeddings. */
  output?: string;
}

/** Everything needed to run a Hugging Face-layout folder, resolved from its config files. */
export interface HfFolderConfig {
  dir: string;
  modelPath: string;
  tokenizerPath: string;
  /** tokenizer.json parsed (what @huggingface/tokenizers takes). */
  tokenizerJson: object;
  /** tokenizer_config.json parsed, `{}` when absent. */
  tokenizerConfig: Record<string, unknown>;
  name: string;
  pooling: PoolingMode;
  maxTokens: number;
  prefixes: Prefixes;
  /** Which catalog family supplied the prefixes (`undefined` when none or overridden). */
  prefixFamily: string | undefined;
  output: string | undefined;
}

const invalid = (message: string): EmbedError => new EmbedError('MODEL_INVALID', message);

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Reads a JSON file; `undefined` when absent, MODEL_INVALID naming the file when unreadable. */
async function readJsonValue(file: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalid(`${label} cannot be read: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw invalid(`${label} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Like readJsonValue, for files that must hold one JSON object. */
async function readJson(file: string, label: string): Promise<Record<string, unknown> | undefined> {
  const value = await readJsonValue(file, label);
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`${label} must hold a JSON object`);
  return value as Record<string, unknown>;
}

const positiveInt = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;

/** The pooling module's folder: from modules.json when present, else the usual `1_Pooling`. */
async function poolingMode(dir: string): Promise<PoolingMode | undefined> {
  const modules = await readJsonValue(path.join(dir, 'modules.json'), 'modules.json');
  const list = Array.isArray(modules) ? (modules as { type?: string; path?: string }[]) : [];
  const dense = list.find((m) => typeof m.type === 'string' && m.type.endsWith('.Dense'));
  if (dense) {
    throw invalid(
      `modules.json lists a Dense layer (${dense.path ?? 'Dense'}) after pooling, which model.onnx does not include; ` +
        'export the full sentence-transformers pipeline so the ONNX graph has a sentence_embedding output',
    );
  }
  const poolPath =
    list.find((m) => typeof m.type === 'string' && m.type.endsWith('.Pooling'))?.path || '1_Pooling';
  const cfg = await readJson(path.join(dir, poolPath, 'config.json'), `${poolPath}/config.json`);
  if (!cfg) return undefined;
  const modes: PoolingMode[] = [];
  if (cfg.pooling_mode_cls_token === true) modes.push('cls');
  if (cfg.pooling_mode_mean_tokens === true) modes.push('mean');
  if (cfg.pooling_mode_max_tokens === true) modes.push('max');
  if (cfg.pooling_mode_lasttoken === true) modes.push('lasttoken');
  if (
    cfg.pooling_mode_mean_sqrt_len_tokens === true ||
    cfg.pooling_mode_weightedmean_tokens === true ||
    modes.length > 1
  ) {
    throw invalid(
      `${poolPath}/config.json asks for a pooling combination Loci does not support (supported: one of ${POOLING_MODES.join(', ')})`,
    );
  }
  return modes[0];
}

/** Max tokens: loci-model.json, sentence_bert_config.json, tokenizer_config.json, config.json, else 512. */
function resolveMaxTokens(
  override: number | undefined,
  sbert: Record<string, unknown> | undefined,
  tokCfg: Record<string, unknown>,
  config: Record<string, unknown> | undefined,
): number {
  let positions = positiveInt(config?.max_position_embeddings);
  // RoBERTa-family models reserve two position slots (padding offset), so 514 positions mean 512 tokens.
  if (positions !== undefined && /roberta|camembert/i.test(String(config?.model_type ?? ''))) positions -= 2;
  const modelMax = positiveInt(tokCfg.model_max_length);
  const wanted =
    override ??
    positiveInt(sbert?.max_seq_length) ??
    (modelMax !== undefined && modelMax < 100_000 ? modelMax : undefined) ??
    positions ??
    512;
  return positions !== undefined ? Math.min(wanted, positions) : wanted;
}

function checkOverrides(file: Record<string, unknown>): LociModelFile {
  const out: LociModelFile = {};
  if (file.name !== undefined) {
    if (typeof file.name !== 'string' || !file.name.trim())
      throw invalid('loci-model.json: "name" must be a non-empty string');
    out.name = file.name;
  }
  if (file.pooling !== undefined) {
    if (!POOLING_MODES.includes(file.pooling as PoolingMode))
      throw invalid(`loci-model.json: "pooling" must be one of ${POOLING_MODES.join(', ')}`);
    out.pooling = file.pooling as PoolingMode;
  }
  if (file.maxTokens !== undefined) {
    if (positiveInt(file.maxTokens) === undefined || (file.maxTokens as number) < 3)
      throw invalid('loci-model.json: "maxTokens" must be an integer >= 3');
    out.maxTokens = file.maxTokens as number;
  }
  if (file.prefixes !== undefined) {
    const p = file.prefixes as Record<string, unknown>;
    if (typeof p !== 'object' || p === null || Object.values(p).some((v) => typeof v !== 'string')) {
      throw invalid('loci-model.json: "prefixes" must be {"query": string, "passage": string}');
    }
    out.prefixes = p as Partial<Prefixes>;
  }
  if (file.output !== undefined) {
    if (typeof file.output !== 'string') throw invalid('loci-model.json: "output" must be a string');
    out.output = file.output;
  }
  return out;
}

/** Where the ONNX file is: `model.onnx`, else the `onnx/model.onnx` layout of many Hub repos. */
export async function findModelFile(dir: string): Promise<string | undefined> {
  for (const candidate of [path.join(dir, 'model.onnx'), path.join(dir, 'onnx', 'model.onnx')]) {
    if (await exists(candidate)) return candidate;
  }
  return undefined;
}

/** Reads and checks a Hugging Face-layout model folder; throws EmbedError saying exactly what is wrong. */
export async function readHfFolder(dirIn: string): Promise<HfFolderConfig> {
  const dir = path.resolve(dirIn);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat) throw new EmbedError('MODEL_NOT_FOUND', `no model folder at ${dir}`);
  if (!stat.isDirectory())
    throw invalid(`${dir} is a file; a model is a folder holding model.onnx and tokenizer.json`);
  const modelPath = await findModelFile(dir);
  if (!modelPath) {
    throw invalid(
      `${dir} has no model.onnx (looked for model.onnx and onnx/model.onnx); export the model to ONNX first, e.g. with optimum-cli export onnx`,
    );
  }
  const tokenizerPath = path.join(dir, 'tokenizer.json');
  if (!(await exists(tokenizerPath))) {
    throw invalid(
      `${dir} has no tokenizer.json (the fast-tokenizer file saved by transformers' tokenizer.save_pretrained)`,
    );
  }
  const tokenizerJson = await readJson(tokenizerPath, 'tokenizer.json');
  if (!tokenizerJson || typeof tokenizerJson.model !== 'object')
    throw invalid('tokenizer.json has no "model" section; it is not a Hugging Face tokenizer file');
  const tokenizerConfig =
    (await readJson(path.join(dir, 'tokenizer_config.json'), 'tokenizer_config.json')) ?? {};
  const config = await readJson(path.join(dir, 'config.json'), 'config.json');
  const sbert = await readJson(path.join(dir, 'sentence_bert_config.json'), 'sentence_bert_config.json');
  const overrides = checkOverrides(
    (await readJson(path.join(dir, 'loci-model.json'), 'loci-model.json')) ?? {},
  );

  const nameOrPath = typeof config?._name_or_path === 'string' ? config._name_or_path : '';
  const name = overrides.name ?? (nameOrPath ? path.basename(nameOrPath) : path.basename(dir));
  const names = [overrides.name, nameOrPath, path.basename(dir)].filter((n): n is string => !!n);
  const catalog = prefixesForNames(names);
  const prefixes: Prefixes = { ...NO_PREFIXES, ...catalog?.prefixes, ...overrides.prefixes };
  return {
    dir,
    modelPath,
    tokenizerPath,
    tokenizerJson,
    tokenizerConfig,
    name,
    pooling: overrides.pooling ?? (await poolingMode(dir)) ?? 'mean',
    maxTokens: resolveMaxTokens(overrides.maxTokens, sbert, tokenizerConfig, config),
    prefixes,
    prefixFamily: overrides.prefixes ? undefined : catalog?.family,
    output: overrides.output,
  };
}
