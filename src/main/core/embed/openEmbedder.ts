import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './batchQueue';
import { abortError, EmbedError } from './embedError';
import { EmbedWorkerClient } from './embedWorkerClient';
import { defaultThreads } from './ortSession';
import { charCapFor, sanitizeText } from './sanitizeTexts';
import type { EmbedOptions, EmbedResult, Embedder, ModelInfo } from './types';
import type { ModelSource } from './workerModel';

export interface EmbedderOptions {
  /** ONNX Runtime intra-op threads; default: one per core (`os.availableParallelism()`). */
  threads?: number;
  /** Batch limits inside the worker (default 32 texts, 16,384 padded tokens per model run). */
  limits?: Partial<BatchLimits>;
}

/**
 * Texts sent to the worker per message. An `embed()` call of any size is fed through in chunks of this
 * many, one at a time, so memory stays bounded (at most one chunk of token ids and vectors in flight per
 * call) while each chunk is still large enough to sort by length and batch well.
 */
export const CHUNK_TEXTS = 256;

/**
 * Opens a model in its own worker thread and returns it as an `Embedder`. The ONNX session is created
 * once, here, and reused by every call until `close()`.
 *
 * `embed()` can be called concurrently from anywhere: calls are queued in the worker and take turns
 * batch by batch. Inputs are sanitised first (see sanitizeTexts.ts: non-strings -> INVALID_INPUT, NUL ->
 * space, lone surrogates -> U+FFFD, texts over the char cap cut early and reported truncated).
 * Throws EmbedError MODEL_NOT_FOUND / MODEL_INVALID when the folder is not a usable model.
 */
export async function openEmbedder(source: ModelSource, options: EmbedderOptions = {}): Promise<Embedder> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1)
    throw new EmbedError('INVALID_INPUT', `threads must be a positive integer, got ${threads}`);
  const client = new EmbedWorkerClient(source, threads, { ...DEFAULT_BATCH_LIMITS, ...options.limits });
  let info: ModelInfo;
  try {
    info = await client.start();
  } catch (err) {
    await client.close();
    throw err;
  }
  const charCap = charCapFor(info.maxTokens);

  async function embed(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    if (!Array.isArray(texts))
      throw new EmbedError(
        'INVALID_INPUT',
        `texts must be an array of strings, got ${texts === null ? 'null' : typeof texts}`,
      );
    const purpose = options?.purpose;
    if (purpose !== 'query' && purpose !== 'passage')
      throw new EmbedError('INVALID_INPUT', `purpose must be 'query' or 'passage', got ${String(purpose)}`);
    const bad = texts.findIndex((t) => typeof t !== 'string');
    if (bad >= 0) sanitizeText(texts[bad], charCap, bad); // throws INVALID_INPUT naming the index
    const signal = options.signal;
    if (signal?.aborted) throw abortError(signal);

    const result: EmbedResult = { vectors: [], tokens: [], truncated: [] };
    for (let start = 0; start < texts.length; start += CHUNK_TEXTS) {
      const chunk = texts
        .slice(start, start + CHUNK_TEXTS)
        .map((t, i) => sanitizeText(t, charCap, start + i));
      const request = { texts: chunk.map((c) => c.text), purpose };
      const reply = await client.call('embed', request, signal ? { signal } : {});
      chunk.forEach((c, i) => {
        result.vectors.push(reply.vectors.slice(i * reply.dims, (i + 1) * reply.dims));
        result.tokens.push(reply.tokens[i]!);
        result.truncated.push(reply.truncated[i]! || c.cut);
      });
    }
    return result;
  }

  return {
    info,
    source,
    embed,
    async countTokens(text: string): Promise<number> {
      const clean = sanitizeText(text, charCap);
      return client.call('count', { text: clean.text });
    },
    close: () => client.close(),
  };
}
