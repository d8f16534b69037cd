import { Tokenizer } from '@huggingface/tokenizers';
import { EmbedError } from '../embedError';

/** One tokenised text, already truncated to the model's limit. */
export interface EncodedText {
  ids: number[];
  /** Segment ids when the tokenizer defines them (BERT); zeros are fed otherwise. */
  typeIds: number[] | undefined;
  /** Tokens before truncation (special tokens included). */
  tokens: number;
  truncated: boolean;
}

function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A Hugging Face `tokenizer.json` driven through @huggingface/tokenizers, with the truncation that library
 * leaves out: the text part is cut so that text plus special tokens fit `maxTokens`, keeping the special
 * tokens on both ends (what `truncation=True` does in transformers).
 */
export class HfTokenizer {
  private readonly specialHead: number;
  private readonly specialTail: number;
  readonly padId: number;

  private constructor(
    private readonly tok: Tokenizer,
    tokenizerJson: Record<string, unknown>,
    config: Record<string, unknown>,
  ) {
    // Where the template puts special tokens: compare a probe encoded with and without them.
    const probe = 'hello world';
    const full = tok.encode(probe).ids;
    const bare = tok.encode(probe, { add_special_tokens: false }).ids;
    const at = bare.length > 0 ? indexOfRun(full, bare) : -1;
    this.specialHead = at >= 0 ? at : 0;
    this.specialTail = at >= 0 ? full.length - at - bare.length : 0;
    const padding = tokenizerJson.padding as { pad_id?: unknown } | null | undefined;
    const padToken = typeof config.pad_token === 'string' ? tok.token_to_id(config.pad_token) : undefined;
    this.padId =
      typeof padding?.pad_id === 'number'
        ? padding.pad_id
        : (padToken ?? tok.token_to_id('[PAD]') ?? tok.token_to_id('<pad>') ?? 0);
  }

  /** Builds the tokenizer; MODEL_INVALID with the library's reason when tokenizer.json is not usable. */
  static load(tokenizerJson: object, config: Record<string, unknown>): HfTokenizer {
    try {
      return new HfTokenizer(
        new Tokenizer(tokenizerJson, config),
        tokenizerJson as Record<string, unknown>,
        config,
      );
    } catch (err) {
      throw new EmbedError('MODEL_INVALID', `tokenizer.json could not be loaded: ${(err as Error).message}`);
    }
  }

  /** Tokenises `text` (special tokens added) and truncates it to `maxTokens`. */
  encode(text: string, maxTokens: number, withTypeIds: boolean): EncodedText {
    const enc = withTypeIds ? this.tok.encode(text, { return_token_type_ids: true }) : this.tok.encode(text);
    const tokens = enc.ids.length;
    const typeIds = withTypeIds ? enc.token_type_ids : undefined;
    if (tokens <= maxTokens) return { ids: enc.ids, typeIds, tokens, truncated: false };
    const keep = Math.max(0, maxTokens - this.specialHead - this.specialTail);
    const cut = <T>(a: T[]): T[] => [
      ...a.slice(0, this.specialHead + keep),
      ...a.slice(a.length - this.specialTail),
    ];
    return {
      ids: cut(enc.ids).slice(0, maxTokens),
      typeIds: typeIds && cut(typeIds).slice(0, maxTokens),
      tokens,
      truncated: true,
    };
  }

  /** Token count of `text` with special tokens, before truncation. */
  count(text: string): number {
    return this.tok.encode(text).ids.length;
  }
}
