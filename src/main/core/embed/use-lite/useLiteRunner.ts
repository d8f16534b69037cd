/**
 * Runs the converted Universal Sentence Encoder Lite: tokenises, builds the sparse `indices`/`values`
 * feed, runs ONNX Runtime and returns exactly one unit-length 512-d vector per input text, in order.
 *
 * Graph quirks hidden here:
 * - The graph returns one row per sentence index up to the last sentence that has tokens, so trailing
 *   token-less texts would vanish and an all-empty batch has no defined output (TF.js and ORT even
 *   disagree on it). Only texts with tokens are fed, renumbered densely, and rows are mapped back.
 * - A text with no tokens ('' or anything NFKC-normalising to '') gets the model's embedding of the
 *   empty sequence: the vector the graph itself computes for a token-less sentence inside a batch
 *   (mean of nothing = 0, then the tanh layer's bias, then L2 normalisation). It is computed once per
 *   session by running the graph, is unit-length (never a zero vector, which would break cosine), and is
 *   the same for every empty text. Whitespace-only text is not empty: it tokenises to '▁' pieces exactly
 *   as in the reference implementation and is embedded like any other text.
 * - The graph drops tokens at positions >= 128; the runner truncates before feeding (same result, less
 *   work) and reports the count before truncation plus a `truncated` flag.
 *
 * A text's vector depends only on its own tokens: padding positions are masked out of attention and
 * pooling, so batching (and the length-sorted sub-batches used here) does not change results beyond
 * float rounding.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ort } from '../loadOrt';
import type { EmbedResult, ModelInfo } from '../types';
import type { UseLiteManifest } from './buildUseLiteModel';
import { SentencePieceTokenizer } from './sentencePiece';

/** Texts per ONNX run; sub-batches group texts of similar length to keep padding small. */
const SUB_BATCH = 32;

export interface UseLiteRunner {
  readonly info: ModelInfo;
  /** One vector per text, in order, with token counts (before truncation) and truncation flags. */
  embed(texts: readonly string[]): Promise<EmbedResult>;
  /** As `embed`, for texts already tokenised (`tokenize`): one vector per id list, in order. */
  embedIds(ids: readonly number[][]): Promise<Float32Array[]>;
  /** Token count of `text` before truncation. */
  countTokens(text: string): number;
  /** Token ids of `text` (before truncation). */
  tokenize(text: string): number[];
  /** Releases the ONNX session. */
  close(): Promise<void>;
}

export interface UseLiteRunnerOptions {
  /** Intra-op threads for ONNX Runtime (default: ORT's choice). */
  threads?: number;
}

/** ModelInfo for the embedder interface, from a built model folder's manifest. */
export function modelInfoFromManifest(m: UseLiteManifest): ModelInfo {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    dims: m.dims,
    maxTokens: m.maxTokens,
    normalized: m.normalized,
    fingerprint: m.fingerprint,
  };
}

/** Reads and sanity-checks `manifest.json` of a built use-lite folder. */
export async function readUseLiteManifest(modelDir: string): Promise<UseLiteManifest> {
  let raw: string;
  try {
    raw = await readFile(path.join(modelDir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`no built use-lite model in ${modelDir} (run \`npm run models:build\`)`);
  }
  const m = JSON.parse(raw) as UseLiteManifest;
  if (m.kind !== 'use-lite' || !m.fingerprint || !(m.dims > 0) || !(m.maxTokens > 0)) {
    throw new Error(`${path.join(modelDir, 'manifest.json')} is not a use-lite manifest`);
  }
  return m;
}

/** Opens model.onnx + vocab.json + manifest.json from a folder built by `buildUseLiteModel`. */
export async function createUseLiteRunner(
  modelDir: string,
  options: UseLiteRunnerOptions = {},
): Promise<UseLiteRunner> {
  const manifest = await readUseLiteManifest(modelDir);
  const tokenizer = await SentencePieceTokenizer.fromFile(path.join(modelDir, 'vocab.json'));
  const session = await ort.InferenceSession.create(path.join(modelDir, 'model.onnx'), {
    logSeverityLevel: 3,
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
  });
  return useLiteRunnerFromSession(session, tokenizer, modelInfoFromManifest(manifest));
}

/** Sparse feed for sentences that all have at least one token. */
export function sparseFeed(batch: readonly number[][]): Record<string, ort.Tensor> {
  const total = batch.reduce((n, ids) => n + ids.length, 0);
  const indices = new Int32Array(total * 2);
  const values = new Int32Array(total);
  let k = 0;
  batch.forEach((ids, row) => {
    ids.forEach((id, pos) => {
      indices[2 * k] = row;
      indices[2 * k + 1] = pos;
      values[k++] = id;
    });
  });
  return {
    indices: new ort.Tensor('int32', indices, [total, 2]),
    values: new ort.Tensor('int32', values, [total]),
  };
}

/** Wraps an open session of the converted model (the session is owned and closed by the runner). */
export function useLiteRunnerFromSession(
  session: ort.InferenceSession,
  tokenizer: SentencePieceTokenizer,
  info: ModelInfo,
): UseLiteRunner {
  const outputName = session.outputNames[0]!;
  let emptyVector: Promise<Float32Array> | undefined;

  async function run(batch: readonly number[][]): Promise<Float32Array[]> {
    const out = (await session.run(sparseFeed(batch)))[outputName]!;
    const data = out.data as Float32Array;
    if (out.dims[0] !== batch.length || out.dims[1] !== info.dims) {
      throw new Error(`use-lite: model returned [${out.dims}] for ${batch.length} texts`);
    }
    return batch.map((_, i) => data.slice(i * info.dims, (i + 1) * info.dims));
  }

  // The empty sequence's vector, as the graph computes it for a token-less sentence followed by a
  // non-empty one (row 0 does not depend on the other sentence; any token will do).
  function emptySequenceVector(): Promise<Float32Array> {
    emptyVector ??= (async () => {
      const feed = sparseFeed([[], [tokenizer.encode('.')[0] ?? 1]]);
      const out = (await session.run(feed))[outputName]!;
      return (out.data as Float32Array).slice(0, info.dims);
    })();
    return emptyVector;
  }

  async function embedIds(ids: readonly number[][]): Promise<Float32Array[]> {
    const vectors = new Array<Float32Array>(ids.length);
    const order = ids
      .map((x, i) => i)
      .filter((i) => ids[i]!.length > 0)
      .sort((a, b) => ids[a]!.length - ids[b]!.length);
    for (let s = 0; s < order.length; s += SUB_BATCH) {
      const rows = order.slice(s, s + SUB_BATCH);
      const results = await run(rows.map((i) => ids[i]!.slice(0, info.maxTokens)));
      rows.forEach((i, r) => (vectors[i] = results[r]!));
    }
    if (order.length < ids.length) {
      const empty = await emptySequenceVector();
      for (let i = 0; i < ids.length; i++) if (!vectors[i]) vectors[i] = empty.slice();
    }
    return vectors;
  }

  return {
    info,
    tokenize: (text) => tokenizer.encode(text),
    countTokens: (text) => tokenizer.encode(text).length,
    async embed(texts) {
      const ids = texts.map((t) => tokenizer.encode(t));
      const tokens = ids.map((x) => x.length);
      const truncated = tokens.map((n) => n > info.maxTokens);
      return { vectors: await embedIds(ids), tokens, truncated };
    },
    embedIds,
    close: () => session.release(),
  };
}
