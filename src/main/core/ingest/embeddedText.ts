/**
 * What a chunk's vector is made from. A chunk cut out of a long document does not say what it belongs
 * to: "Use \toprule and \midrule" embeds as a stray fragment unless the model also sees that it comes
 * from "booktabs: publication quality tables" under "Rules". So the embedded text can carry its
 * document's title and the chunk's heading path in front of the chunk text:
 *
 *   `<title> — <heading> › <heading>\n<chunk text>`
 *
 * all within the model's token budget: chunks are cut `CONTEXT_RESERVE_TOKENS` shorter, and the
 * prefix is trimmed (outer headings first, the innermost last, then the title's tail) to fit that reserve.
 * The stored chunk text (what keyword search, snippets and the viewer use) never contains the prefix.
 *
 * Which context a library embeds is recorded with its data (`LibraryStore.chunkContext`), because
 * vectors made with and without it must not be mixed: a library made before this keeps `none` until
 * the user re-embeds it.
 */

/** `none`: the chunk text alone; `title`: title + text; `title-headings`: title, heading path, text. */
export type ChunkContext = 'none' | 'title' | 'title-headings';

export const CHUNK_CONTEXTS: readonly ChunkContext[] = ['none', 'title', 'title-headings'];

/** Tokens kept free in every chunk for the prefix (the built-in model sees 128 tokens). */
export const CONTEXT_RESERVE_TOKENS = 24;

/** The token budget of a chunk's own text when `context` prefixes it. */
export function chunkTextBudget(maxTokens: number, context: ChunkContext): number {
  return context === 'none' ? maxTokens : Math.max(16, maxTokens - CONTEXT_RESERVE_TOKENS);
}

/** The untrimmed prefix (without the newline), or '' when there is nothing to add. */
export function contextPrefix(title: string, headingPath: readonly string[], context: ChunkContext): string {
  if (context === 'none') return '';
  const t = title.replace(/\s+/g, ' ').trim();
  const headings =
    context === 'title-headings'
      ? headingPath.map((h) => h.replace(/\s+/g, ' ').trim()).filter((h) => h && h !== t)
      : [];
  return [t, headings.join(' › ')].filter(Boolean).join(' — ');
}

/**
 * The texts to embed for a document's chunks. Prefixes are measured with the model's tokenizer once
 * per distinct heading path and trimmed to `reserve` tokens (a chunk cut to the shorter budget plus
 * its prefix then fits the model).
 */
export async function embeddedTexts(
  chunks: ReadonlyArray<{ text: string; headingPath: readonly string[] }>,
  title: string,
  context: ChunkContext,
  countTokens: (text: string) => number | Promise<number>,
  reserve = CONTEXT_RESERVE_TOKENS,
): Promise<string[]> {
  if (context === 'none') return chunks.map((c) => c.text);
  const fitted = new Map<string, string>();
  const out: string[] = [];
  for (const chunk of chunks) {
    const key = JSON.stringify(chunk.headingPath);
    let prefix = fitted.get(key);
    if (prefix === undefined) {
      prefix = await fitPrefix(title, chunk.headingPath, context, countTokens, reserve);
      fitted.set(key, prefix);
    }
    out.push(prefix ? `${prefix}\n${chunk.text}` : chunk.text);
  }
  return out;
}

/** The longest prefix within `reserve` tokens: outer headings go first, then words off the title. */
async function fitPrefix(
  title: string,
  headingPath: readonly string[],
  context: ChunkContext,
  countTokens: (text: string) => number | Promise<number>,
  reserve: number,
): Promise<string> {
  let headings = [...headingPath];
  let words = title.replace(/\s+/g, ' ').trim().split(' ');
  for (let guard = 0; guard < 64; guard++) {
    const prefix = contextPrefix(words.join(' '), headings, context);
    if (!prefix || (await countTokens(prefix)) <= reserve) return prefix;
    if (context === 'title-headings' && headings.length > 0) headings = headings.slice(1);
    else if (words.length > 1) words = words.slice(0, Math.max(1, Math.floor(words.length * 0.75)));
    else return '';
  }
  return '';
}
