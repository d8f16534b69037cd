import { EmbedError } from './embedError';

/**
 * Input hygiene applied on the caller's side before texts go to the worker. It is linear and cheap
 * (no tokenising), and it bounds memory before anything is copied across the thread boundary.
 *
 * - Non-strings (and a non-array `texts`) are rejected with EmbedError code INVALID_INPUT, naming the index.
 * - NUL characters become spaces: they come from broken PDF text layers, mean nothing to a tokenizer, and
 *   a space keeps the words on either side apart.
 * - Lone UTF-16 surrogates (half of an emoji cut by a bad slice) become U+FFFD, so tokenizers that work on
 *   UTF-8 bytes never see an unencodable string.
 * - Texts longer than `charCap` characters are cut there before tokenising. The cap is far above what
 *   the model can see (see `charCapFor`), so the cut never changes a vector; it only stops a 1 MB string
 *   from being tokenised in full. `cut` records whether anything but whitespace was dropped, so the
 *   result can still report the text as truncated.
 */
export interface SanitizedText {
  text: string;
  /** True when non-whitespace content past the char cap was dropped. */
  cut: boolean;
}

/** Characters kept per text for a model that sees `maxTokens` tokens: 64 per token, at least 16k. */
export function charCapFor(maxTokens: number): number {
  return Math.max(16_384, maxTokens * 64);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NON_WHITESPACE = /\S/;

/** Validates and cleans one text (see module comment). `index` only serves the error message. */
export function sanitizeText(value: unknown, charCap: number, index = 0): SanitizedText {
  if (typeof value !== 'string') {
    const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    throw new EmbedError('INVALID_INPUT', `text ${index} is ${got}, expected a string`);
  }
  let text = value;
  let cut = false;
  if (text.length > charCap) {
    // Do not split a surrogate pair at the cap.
    let end = charCap;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    cut = NON_WHITESPACE.test(text.slice(end));
    text = text.slice(0, end);
  }
  if (text.includes('\u0000')) text = text.replaceAll('\u0000', ' ');
  text = text.replace(LONE_SURROGATE, '\uFFFD');
  return { text, cut };
}

/** Validates the `texts` argument of `Embedder.embed` and cleans every entry. */
export function sanitizeTexts(texts: unknown, charCap: number): SanitizedText[] {
  if (!Array.isArray(texts)) {
    throw new EmbedError(
      'INVALID_INPUT',
      `texts must be an array of strings, got ${texts === null ? 'null' : typeof texts}`,
    );
  }
  return texts.map((t, i) => sanitizeText(t, charCap, i));
}
