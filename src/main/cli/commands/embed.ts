import { LociError } from '../../../shared/api/errors';
import { EmbedError } from '../../core/embed/embedError';
import { l2Norm } from '../../core/embed/pooling';
import { DEFAULT_MODEL_ID } from '../../core/embed/registry';
import type { EmbedPurpose } from '../../core/embed/types';
import { UsageError, type CliCommand, type CliContext } from '../command';
import { withCore } from '../withCore';

/** First values shown per vector in human output. */
const PREVIEW = 6;

/**
 * Prints an EmbedError (or a handler's LociError) the CLI way: message on stderr, `{error}` on stdout
 * with --json. Exit code 1.
 */
export function reportEmbedError(err: unknown, ctx: CliContext, json: boolean, name: string): number {
  if (!(err instanceof EmbedError) && !(err instanceof LociError)) throw err;
  ctx.stderr.write(`loci ${name}: ${err.message}\n`);
  if (json) ctx.stdout.write(`${JSON.stringify({ error: { code: err.code, message: err.message } })}\n`);
  return 1;
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 48 ? `${oneLine.slice(0, 47)}…` : oneLine);
}

export const command: CliCommand = {
  name: 'embed',
  summary: 'Print the embedding vectors of texts (for checking a model)',
  usage: `loci embed [--model ID] [--purpose query|passage] [--json] TEXT...

  --model ID         model to use (default: ${DEFAULT_MODEL_ID}; see "loci models list")
  --purpose P        query (default) or passage: models such as e5, bge and nomic
                     put a different prefix in front of each
  --json             print {"model":{"id","dims","fingerprint"},"vectors":[[...]],
                     "tokens":[...],"truncated":[...]} on stdout`,
  options: {
    model: { type: 'string' },
    purpose: { type: 'string' },
  },
  async run(args, ctx) {
    const texts = args.positionals;
    if (texts.length === 0) throw new UsageError('give at least one TEXT to embed');
    const purpose = (args.values.purpose as string | undefined) ?? 'query';
    if (purpose !== 'query' && purpose !== 'passage')
      throw new UsageError(`--purpose must be query or passage, got ${purpose}`);
    const modelId = (args.values.model as string | undefined) ?? DEFAULT_MODEL_ID;

    return withCore(args, ctx, async (core) => {
      try {
        const embedder = await core.registry.getEmbedder(modelId);
        const result = await embedder.embed(texts, { purpose: purpose as EmbedPurpose, signal: ctx.signal });
        const { id, dims, fingerprint } = embedder.info;
        if (args.json) {
          const out = {
            model: { id, dims, fingerprint },
            vectors: result.vectors.map((v) => Array.from(v)),
            tokens: result.tokens,
            truncated: result.truncated,
          };
          ctx.stdout.write(`${JSON.stringify(out)}\n`);
          return 0;
        }
        ctx.stdout.write(
          `${embedder.info.name} (${id}): ${dims} dims, max ${embedder.info.maxTokens} tokens, ${purpose} vectors, fingerprint ${fingerprint.slice(0, 19)}…\n`,
        );
        result.vectors.forEach((v, i) => {
          const values = Array.from(v.slice(0, PREVIEW), (x) => x.toFixed(4)).join(', ');
          const cut = result.truncated[i] ? ` (truncated to ${embedder.info.maxTokens})` : '';
          ctx.stdout.write(
            `[${i + 1}] ${preview(texts[i]!)}\n    ${result.tokens[i]} tokens${cut}, norm ${l2Norm(v).toFixed(4)}, [${values}, …]\n`,
          );
        });
        return 0;
      } catch (err) {
        return reportEmbedError(err, ctx, args.json, 'embed');
      }
    });
  },
};
