import path from 'node:path';
import { EmbedError } from './embedError';
import { createSession } from './ortSession';
import { SentencePieceTokenizer } from './use-lite/sentencePiece';
import {
  modelInfoFromManifest,
  readUseLiteManifest,
  useLiteRunnerFromSession,
} from './use-lite/useLiteRunner';
import type { ModelSource, SessionSettings, WorkerModel } from './workerModel';

/**
 * The built-in Universal Sentence Encoder Lite (converted to ONNX by ./use-lite) as a WorkerModel.
 * The session is created here with the engine's settings (threads, no spinning) and handed to the
 * use-lite runner. USE has no query/passage prefixes, so both purposes embed alike. `prepare`
 * tokenises (or takes the ids a recent count made) and the ids are what the model runs on.
 */
export async function openUseLiteModel(
  source: ModelSource,
  settings: SessionSettings,
): Promise<WorkerModel<number[]>> {
  let manifest;
  let tokenizer;
  try {
    manifest = await readUseLiteManifest(source.dir);
    tokenizer = await SentencePieceTokenizer.fromFile(path.join(source.dir, 'vocab.json'));
  } catch (err) {
    throw new EmbedError(
      'MODEL_INVALID',
      `the use-lite model in ${source.dir} cannot be opened: ${(err as Error).message}`,
    );
  }
  const session = await createSession(path.join(source.dir, 'model.onnx'), settings);
  const info = {
    ...modelInfoFromManifest(manifest),
    ...(source.id ? { id: source.id } : {}),
    ...(source.name ? { name: source.name } : {}),
  };
  const runner = useLiteRunnerFromSession(session, tokenizer, info);
  const counted = new RecentTokens();
  return {
    info,
    prepare(text) {
      const ids = counted.take(text) ?? runner.tokenize(text);
      const tokens = ids.length;
      return {
        length: Math.max(1, Math.min(tokens, info.maxTokens)),
        tokens,
        truncated: tokens > info.maxTokens,
        payload: ids,
      };
    },
    run: (batch) => runner.embedIds(batch),
    countTokens(text) {
      const ids = runner.tokenize(text);
      counted.put(text, ids);
      return ids.length;
    },
    close: () => runner.close(),
  };
}

/**
 * Token ids of the texts counted last. Ingest counts a chunk's exact text while cutting it and then
 * embeds that same text: the ids are kept from the count, so the text is tokenised once, not three
 * times (count, prepare, run). Bounded (first in, first out); a text embedded without a count, or
 * counted too long ago, is simply tokenised again.
 */
class RecentTokens {
  private readonly ids = new Map<string, number[]>();

  constructor(private readonly capacity = 4096) {}

  put(text: string, ids: number[]): void {
    this.ids.delete(text);
    this.ids.set(text, ids);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.keys().next().value!);
  }

  /** The ids of `text` if it was counted recently (forgotten here: a chunk is embedded once). */
  take(text: string): number[] | undefined {
    const ids = this.ids.get(text);
    if (ids) this.ids.delete(text);
    return ids;
  }
}
