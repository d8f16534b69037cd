import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EmbedError } from './embedError';
import { readHfFolder } from './hf/readHfFolder';
import { HfTokenizer } from './hf/hfTokenizer';
import { charCapFor, sanitizeText } from './sanitizeTexts';
import { SentencePieceTokenizer } from './use-lite/sentencePiece';
import type { ModelSource } from './workerModel';

// Nothing here may load ONNX Runtime (useLiteRunner.ts does): extraction workers import this module.

/**
 * A model's token counter without its ONNX session, for a thread other than the embed worker.
 *
 * Chunking cuts text to the model's token limit with exact counts, about 1.5 per chunk. Asked of the
 * embed worker, each count waited for the model run in progress there (the worker answers between
 * runs), so chunking the next document crawled while the current one embedded and the model then sat
 * idle (bench:ingest: the chunk stage was running 81% of the wall time). An extraction worker opens
 * its own counter instead and chunks right after extracting (extract.worker.ts), never waiting.
 *
 * `count` is exactly `Embedder.countTokens` (the same sanitising, the same tokenizer, the passage
 * prefix of a Hugging Face model included), synchronously; tests/unit/embed/tokenCounter.test.ts holds
 * the two side by side.
 */
export interface TokenCounter {
  /** Tokens `text` produces when embedded as a passage (before truncation). */
  count(text: string): number;
}

/** Opens the tokenizer of a model folder (no ONNX Runtime); throws EmbedError as the runners do. */
export async function openTokenCounter(source: ModelSource): Promise<TokenCounter> {
  switch (source.kind) {
    case 'use-lite': {
      const maxTokens = await useLiteMaxTokens(source.dir);
      const tokenizer = await SentencePieceTokenizer.fromFile(path.join(source.dir, 'vocab.json'));
      const charCap = charCapFor(maxTokens);
      return { count: (text) => tokenizer.encode(sanitizeText(text, charCap).text).length };
    }
    case 'hf-onnx': {
      const cfg = await readHfFolder(source.dir);
      const tokenizer = HfTokenizer.load(cfg.tokenizerJson, cfg.tokenizerConfig);
      const charCap = charCapFor(cfg.maxTokens);
      const prefix = cfg.prefixes.passage;
      return { count: (text) => tokenizer.count(prefix + sanitizeText(text, charCap).text) };
    }
    default:
      throw new EmbedError('MODEL_INVALID', `unknown model kind ${String(source.kind)}`);
  }
}

/** `maxTokens` of a built use-lite folder's manifest.json (what `Embedder.info.maxTokens` says). */
async function useLiteMaxTokens(dir: string): Promise<number> {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { maxTokens?: unknown };
  if (typeof manifest.maxTokens !== 'number' || !(manifest.maxTokens > 0))
    throw new EmbedError('MODEL_INVALID', `${file} has no maxTokens`);
  return manifest.maxTokens;
}
