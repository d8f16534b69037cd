import { estimateTokens, pushTrimmed, splitLongSpan, splitSentences, type Span } from './splitSentences';
import type { Chunk, ExtractedPage } from './types';

export interface ChunkOptions {
  /**
   * Most tokens a chunk may have, as counted by `countTokens` (the built-in model sees 128). If
   * `countTokens` leaves out the model's special tokens, subtract them here.
   */
  maxTokens: number;
  /** Exact token count of a text for the target model (sync or async, e.g. `Embedder.countTokens`). */
  countTokens: (text: string) => number | Promise<number>;
  /**
   * Overlap: the last sentence of a chunk is repeated at the start of the next one if it is at most this
   * share of `maxTokens` (so overlap stays small, typically 10-20% of a chunk). 0 disables overlap.
   * Default 0.25.
   */
  overlapMaxShare?: number;
  /**
   * Most characters in a chunk, whatever its token count (default `maxTokens * 10`, far above normal
   * prose at ~4-5 characters per token). Stops degenerate chunks: a tokenizer maps any over-long "word"
   * (base64, hex dumps) to a single unknown token, so by tokens alone 100k characters would "fit".
   */
  maxChars?: number;
  /**
   * Most chunks to make; chunking stops there and reports where (`ChunkedDocument.stopped`). Bounds the
   * work of one document whatever its text (see `DocumentIndexLimits`).
   */
  maxChunks?: number;
  /** Epoch milliseconds after which no further chunk is started (the per-document time budget). */
  deadline?: number;
}

/** Constant tokens every text costs (e.g. [CLS] and [SEP]); the estimate adds it before scaling. */
const FIXED_TOKENS = 2;
/** Estimates above this share of the limit are "near the limit" and worth an exact count to fill a chunk. */
const NEAR_LIMIT = 1.15;

/** Where and why chunking stopped before the end of the text. */
export interface ChunkingStop {
  /** `max-chunks`: `maxChunks` reached; `deadline`: the time budget ran out. */
  reason: 'max-chunks' | 'deadline';
  /** 1-based page and page-text offset of the first character left out. */
  page: number;
  offset: number;
}

export interface ChunkedDocument {
  chunks: Chunk[];
  /** Set when text was left out because of `maxChunks` or `deadline`. */
  stopped?: ChunkingStop;
}

/** A sentence (or a cut of an over-long one) with its raw token estimate. */
type Unit = Span & { raw: number };

/** {@link chunkDocument} without the stop report (for callers that set no limits). */
export async function chunkPages(pages: readonly ExtractedPage[], options: ChunkOptions): Promise<Chunk[]> {
  return (await chunkDocument(pages, options)).chunks;
}

/**
 * Splits pages into chunks that fit the model's token limit.
 *
 * - Sentence-aware: chunks are runs of whole sentences; a sentence longer than the limit is cut at line
 *   breaks, then clause punctuation, then spaces (then inside a word, as a last resort).
 * - Never across a page, nor across a section (heading path) of a page.
 * - Overlap of one short sentence between consecutive chunks of the same section (`overlapMaxShare`).
 * - Offsets: `pages[chunk.page - 1].text.slice(chunk.start, chunk.end) === chunk.text`, always.
 * - Fast: sentences are packed by a cheap estimate, scaled by a factor learnt from this document's exact
 *   counts; `countTokens` runs once per chunk to confirm it fits, plus only when the estimate is near
 *   the limit (to fill the chunk) or wrong (to shrink it).
 * - Linear in the text's length, whatever the text (no spaces, base64): exact counts cover a few times
 *   the text, and a unit the estimate misjudged is halved in place on a stack of pending units (O(1)),
 *   not spliced into the section's unit list (O(units) per halving).
 * - Bounded: stops after `maxChunks` chunks or at `deadline` and says where (`stopped`).
 * - Deterministic: the same pages and options give the same chunks and ordinals (unless `deadline` stops it).
 */
export async function chunkDocument(
  pages: readonly ExtractedPage[],
  options: ChunkOptions,
): Promise<ChunkedDocument> {
  const { maxTokens } = options;
  if (!(maxTokens >= 8)) throw new RangeError(`maxTokens must be at least 8, got ${maxTokens}`);
  const overlapLimit = maxTokens * (options.overlapMaxShare ?? 0.25);
  const maxChars = options.maxChars ?? maxTokens * 10;
  const maxChunks = options.maxChunks ?? Infinity;
  const deadline = options.deadline ?? Infinity;
  const chunks: Chunk[] = [];
  /** Learnt ratio exact/estimate; starts at 1 (the estimate is built to be close for English). */
  let scale = 1;
  const estimate = (raw: number): number => (raw + FIXED_TOKENS) * scale;
  const count = async (text: string, raw: number): Promise<number> => {
    const exact = await options.countTokens(text);
    if (raw > 0) scale = 0.7 * scale + 0.3 * (exact / (raw + FIXED_TOKENS));
    return exact;
  };

  for (const page of pages) {
    for (const range of sectionRanges(page)) {
      // Sentences, with over-long ones pre-cut by the estimate (budget leaves room for estimate error).
      // Kept as a stack, next unit last: `at(k)` is the k-th unit from the current chunk's start.
      const rest: Unit[] = [];
      for (const sentence of splitSentences(page.text, range.start, range.end)) {
        for (const unit of oversized(page.text, sentence, maxTokens, scale, maxChars)) {
          rest.push({ ...unit, raw: estimateTokens(page.text, unit.start, unit.end) });
        }
      }
      rest.reverse();
      const at = (k: number): Unit => rest[rest.length - 1 - k]!;
      while (rest.length > 0) {
        // The deadline never leaves a document with no chunk at all: the first one is always made.
        if (chunks.length >= maxChunks || (chunks.length > 0 && Date.now() > deadline)) {
          const reason = chunks.length >= maxChunks ? 'max-chunks' : 'deadline';
          return { chunks, stopped: { reason, page: page.page, offset: at(0).start } };
        }
        let n = 1;
        let raw = at(0).raw;
        const fits = (k: number, limit: number): boolean =>
          estimate(raw + at(k).raw) <= limit && at(k).end - at(0).start <= maxChars;
        while (n < rest.length && fits(n, maxTokens)) raw += at(n++).raw;
        const textOf = (units: number): string => page.text.slice(at(0).start, at(units - 1).end);
        let tokens = await count(textOf(n), raw);
        while (tokens > maxTokens && n > 1) {
          raw -= at(--n).raw;
          tokens = await count(textOf(n), raw);
        }
        if (tokens > maxTokens) {
          // One unit the estimate misjudged badly: halve it and try again. (A single character that is
          // over the limit on its own cannot be cut further and is kept as it is.)
          const halves = halve(page.text, at(0));
          if (halves.length > 1) {
            rest.pop();
            for (let h = halves.length - 1; h >= 0; h--) {
              const half = halves[h]!;
              rest.push({ ...half, raw: estimateTokens(page.text, half.start, half.end) });
            }
            continue;
          }
        }
        // Near the limit the estimate is unreliable: let exact counts decide whether more fits.
        while (n < rest.length && fits(n, maxTokens * NEAR_LIMIT)) {
          const more = await count(textOf(n + 1), raw + at(n).raw);
          if (more > maxTokens) break;
          raw += at(n++).raw;
          tokens = more;
        }
        const start = at(0).start;
        const end = at(n - 1).end;
        chunks.push({
          ordinal: chunks.length,
          page: page.page,
          start,
          end,
          text: page.text.slice(start, end),
          headingPath: range.headingPath,
          tokens,
        });
        if (n >= rest.length) break;
        const last = at(n - 1);
        // Drop the units used, except a short last one that starts the next chunk again (overlap).
        const overlap = n > 1 && estimate(last.raw) - FIXED_TOKENS * scale <= overlapLimit;
        rest.length -= overlap ? n - 1 : n;
      }
    }
  }
  return { chunks };
}

/** The page's text ranges with their heading paths: sections, plus any text outside them. */
function sectionRanges(page: ExtractedPage): { start: number; end: number; headingPath: string[] }[] {
  const sections = [...(page.sections ?? [])].sort((a, b) => a.start - b.start);
  const ranges: { start: number; end: number; headingPath: string[] }[] = [];
  let at = 0;
  for (const s of sections) {
    if (s.start > at) ranges.push({ start: at, end: s.start, headingPath: [] });
    const start = Math.max(s.start, at);
    if (s.end > start) ranges.push({ start, end: s.end, headingPath: s.headingPath });
    at = Math.max(at, s.end);
  }
  if (page.text.length > at) ranges.push({ start: at, end: page.text.length, headingPath: [] });
  return ranges;
}

/**
 * A sentence as is, or cut into pieces that should fit: 80% of the token limit by the current estimate,
 * and at most `maxChars` characters (cut at the last space before the limit, else at the limit).
 */
function oversized(text: string, sentence: Span, maxTokens: number, scale: number, maxChars: number): Span[] {
  const budget = Math.max(4, Math.floor((maxTokens * 0.8) / scale) - FIXED_TOKENS);
  const spans =
    estimateTokens(text, sentence.start, sentence.end) <= budget
      ? [sentence]
      : splitLongSpan(text, sentence, budget);
  if (spans.every((s) => s.end - s.start <= maxChars)) return spans;
  const out: Span[] = [];
  for (const span of spans) {
    let at = span.start;
    while (span.end - at > maxChars) {
      let cut = text.lastIndexOf(' ', at + maxChars);
      if (cut <= at) {
        cut = at + maxChars;
        const c = text.charCodeAt(cut - 1);
        if (c >= 0xd800 && c <= 0xdbff) cut--;
      }
      pushTrimmed(text, at, cut, out);
      at = cut;
    }
    pushTrimmed(text, at, span.end, out);
  }
  return out;
}

/** Splits a span in two at the space nearest its middle (or at the middle, outside surrogate pairs). */
function halve(text: string, span: Span): Span[] {
  const mid = Math.floor((span.start + span.end) / 2);
  let cut = -1;
  for (let d = 0; d < (span.end - span.start) / 2 && cut === -1; d++) {
    if (/\s/.test(text[mid + d] ?? '')) cut = mid + d;
    else if (/\s/.test(text[mid - d] ?? '')) cut = mid - d;
  }
  if (cut <= span.start || cut >= span.end) {
    cut = mid;
    const c = text.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut++;
  }
  const out: Span[] = [];
  for (const [a, b] of [
    [span.start, cut],
    [cut, span.end],
  ] as const) {
    let s = a;
    let e = b;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}
