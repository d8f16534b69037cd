import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTinyBert, type TinyBertShape } from './tinyBertGraph';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared test data folder: `LOCI_SHARED_DATA`, else `../shared/data` next to the repo. */
export function sharedDataDir(): string {
  return path.resolve(repoRoot, process.env.LOCI_SHARED_DATA ?? '../shared/data');
}

/** The real all-MiniLM-L6-v2 WordPiece tokenizer (vocabulary 30522) the tiny models are paired with. */
export function miniLmTokenizerPath(): string {
  return path.join(sharedDataDir(), 'tokenizers', 'all-MiniLM-L6-v2', 'tokenizer.json');
}

export interface TinyBertFolderOptions extends Partial<TinyBertShape> {
  /** Written as config.json `_name_or_path` (the prefix catalog matches on it). Default `tiny-bert`. */
  name?: string;
  /** 1_Pooling/config.json mode; `null` writes no pooling config. Default `mean`. */
  pooling?: 'mean' | 'cls' | null;
  /** sentence_bert_config.json `max_seq_length`; `null` writes no such file. Default 128. */
  maxSeqLength?: number | null;
  /** Written as loci-model.json when given. */
  lociModel?: Record<string, unknown>;
}

/**
 * Writes a Hugging Face-layout model folder with a generated BERT-shaped model into `dir` (created):
 * model.onnx, tokenizer.json (copied from the shared data), config.json, 1_Pooling/config.json,
 * sentence_bert_config.json and optionally loci-model.json. Defaults: hidden 128, 2 layers, seed 1.
 * The app's multi-model tests use it for "a second model" (e.g. hidden 384 vs 128).
 */
export async function writeTinyBertModelFolder(
  dir: string,
  options: TinyBertFolderOptions = {},
): Promise<string> {
  const shape: TinyBertShape = {
    hidden: options.hidden ?? 128,
    layers: options.layers ?? 2,
    seed: options.seed ?? 1,
    vocabSize: options.vocabSize ?? 30522,
    maxPositions: options.maxPositions ?? 512,
    intermediate: options.intermediate ?? 0,
    output: options.output ?? 'last_hidden_state',
    inputNames: options.inputNames ?? { ids: 'input_ids', mask: 'attention_mask', types: 'token_type_ids' },
  };
  await fs.mkdir(path.join(dir, '1_Pooling'), { recursive: true });
  await fs.writeFile(path.join(dir, 'model.onnx'), buildTinyBert(shape));
  await fs.copyFile(miniLmTokenizerPath(), path.join(dir, 'tokenizer.json'));
  const config = {
    _name_or_path: options.name ?? 'tiny-bert',
    model_type: 'bert',
    hidden_size: shape.hidden,
    num_hidden_layers: shape.layers,
    max_position_embeddings: shape.maxPositions,
    vocab_size: shape.vocabSize,
  };
  await fs.writeFile(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  const pooling = options.pooling === undefined ? 'mean' : options.pooling;
  if (pooling) {
    const poolCfg = {
      word_embedding_dimension: shape.hidden,
      pooling_mode_cls_token: pooling === 'cls',
      pooling_mode_mean_tokens: pooling === 'mean',
    };
    await fs.writeFile(path.join(dir, '1_Pooling', 'config.json'), JSON.stringify(poolCfg, null, 2));
  }
  const maxSeq = options.maxSeqLength === undefined ? 128 : options.maxSeqLength;
  if (maxSeq !== null) {
    await fs.writeFile(
      path.join(dir, 'sentence_bert_config.json'),
      JSON.stringify({ max_seq_length: maxSeq, do_lower_case: false }),
    );
  }
  if (options.lociModel)
    await fs.writeFile(path.join(dir, 'loci-model.json'), JSON.stringify(options.lociModel, null, 2));
  return dir;
}
