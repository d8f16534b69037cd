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
 * use-lite runner. USE has no query/passage prefixes, so both purposes embed alike. The runner tokenises
 * inside `embed`, so `prepare` tokenises once more only to learn lengths for batching (SentencePiece is
 * cheap next to the model run).
 */
export async function openUseLiteModel(
  source: ModelSource,
  settings: SessionSettings,
): Promise<WorkerModel<string>> {
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
  return {
    info,
    prepare(text) {
      const tokens = runner.countTokens(text);
      return {
        length: Math.max(1, Math.min(tokens, info.maxTokens)),
        tokens,
        truncated: tokens > info.maxTokens,
        payload: text,
      };
    },
    async run(batch) {
      return (await runner.embed(batch)).vectors;
    },
    countTokens: (text) => runner.countTokens(text),
    close: () => runner.close(),
  };
}
