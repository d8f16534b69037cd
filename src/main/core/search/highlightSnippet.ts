import { hasStemmer, stemWordsIn } from '../store/chunkStems';
import { COMPOUND_LANGUAGES, isCompoundOf } from '../store/compoundStems';
import { tokenizeLikeIndex } from '../store/keywordIndex';
import { detectLanguage } from '../topics/stopWords';

/**
 * Snippets with the query's terms marked, as plain text plus [start, end) ranges: never HTML, so the
 * UI can render marks without ever interpreting document text as markup.
 *
 * Words are compared after the keyword index's own tokenizer (lowercase, ASCII folding, English
 * stemming, stop words removed), so a query for `wings` marks `wing` and `Wings`, exactly the words
 * BM25 matched. The tokenizer runs once per result page: all distinct words joined into one string,
 * whose token positions map back to the words (measured: 3,400 distinct words in ~5 ms). A passage in
 * another language with stems of its own (store/chunkStems.ts) also marks the words whose stem in that
 * language is a query word's (`chevaux` for `cheval`), as the stems column matched them.
 */

export interface Snippet {
  /** An excerpt of the chunk text (whole words). */
  text: string;
  /** Offset of the excerpt in the chunk text. */
  start: number;
  /** Marked ranges, offsets into `text`, ascending and non-overlapping. */
  highlights: Array<[number, number]>;
  /** Whether text was cut before / after the excerpt (the UI shows an ellipsis). */
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

/** Words as the `simple` tokenizer splits them (Unicode letters and digits). */
const WORD = /[\p{Alphabetic}\p{N}]+/gu;

interface Word {
  start: number;
  end: number;
  lower: string;
}

function words(text: string): Word[] {
  return Array.from(text.matchAll(WORD), (m) => ({
    start: m.index,
    end: m.index + m[0].length,
    lower: m[0].toLowerCase(),
  }));
}

/** Index-normalised form of each distinct word (missing = stop word or too long). */
async function normalise(distinct: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (distinct.length === 0) return out;
  const tokens = await tokenizeLikeIndex(distinct.join(' '));
  for (const token of tokens) {
    const word = distinct[token.position];
    if (word !== undefined) out.set(word, token.text);
  }
  return out;
}

/** Builds snippets for several chunk texts at once, marking the terms of `queryTexts`. */
export async function buildSnippets(
  texts: readonly string[],
  queryTexts: readonly string[],
  maxChars = 280,
): Promise<Snippet[]> {
  const split = texts.map(words);
  const distinct = new Set<string>();
  for (const ws of split) for (const w of ws) distinct.add(w.lower);
  const queryWords = queryTexts.flatMap((q) => words(q).map((w) => w.lower));
  for (const w of queryWords) distinct.add(w);
  const forms = await normalise([...distinct]);
  const terms = new Set(queryWords.map((w) => forms.get(w)).filter((t): t is string => t !== undefined));
  const stemMatch = await otherLanguageMatches(texts, split, queryWords);
  return texts.map((text, i) => {
    const own = stemMatch[i];
    const matches = (split[i] as Word[]).filter((w) => {
      const form = forms.get(w.lower);
      return (form !== undefined && terms.has(form)) || (own?.(w.lower) ?? false);
    });
    return snippetAround(text, matches, forms, maxChars);
  });
}

/**
 * For each text in a language with stems of its own, a test of whether a word's stem in that language
 * is one of the query words' stems; undefined for English and undetected texts (no extra work).
 */
async function otherLanguageMatches(
  texts: readonly string[],
  split: readonly Word[][],
  queryWords: readonly string[],
): Promise<Array<((word: string) => boolean) | undefined>> {
  const languages = texts.map((t) => detectLanguage(t));
  const out: Array<((word: string) => boolean) | undefined> = texts.map(() => undefined);
  for (const language of new Set(languages)) {
    if (!hasStemmer(language)) continue;
    const distinct = new Set(queryWords);
    languages.forEach((l, i) => {
      if (l === language) for (const w of split[i] as Word[]) distinct.add(w.lower);
    });
    const stems = await stemWordsIn([...distinct], language);
    const terms = new Set(queryWords.map((w) => stems.get(w)).filter((t) => t !== undefined));
    // German, Dutch and Swedish compounds ending with a query word matched it too (compoundStems.ts).
    const compounds = COMPOUND_LANGUAGES.has(language) ? [...terms] : [];
    const test = (word: string): boolean => {
      const stem = stems.get(word);
      return stem !== undefined && (terms.has(stem) || compounds.some((t) => isCompoundOf(stem, t)));
    };
    languages.forEach((l, i) => {
      if (l === language) out[i] = test;
    });
  }
  return out;
}

/** The excerpt of at most maxChars covering the most distinct matched terms, snapped to words. */
function snippetAround(text: string, matches: Word[], forms: Map<string, string>, maxChars: number): Snippet {
  let start = 0;
  let end = text.length;
  if (text.length > maxChars) {
    let best = { distinct: -1, total: -1, from: 0 };
    for (let a = 0; a < matches.length; a++) {
      const from = Math.max(0, (matches[a] as Word).start - Math.floor(maxChars / 6));
      const inside = matches.filter((m) => m.start >= from && m.end <= from + maxChars);
      const distinct = new Set(inside.map((m) => forms.get(m.lower))).size;
      if (distinct > best.distinct || (distinct === best.distinct && inside.length > best.total)) {
        best = { distinct, total: inside.length, from };
      }
    }
    start = best.from;
    end = Math.min(text.length, start + maxChars);
    if (end === text.length) start = Math.max(0, end - maxChars);
    // Snap inwards to whole words.
    if (start > 0 && !/\s/.test(text[start - 1] as string)) {
      const next = text.slice(start).search(/\s/);
      if (next >= 0) start += next;
    }
    if (end < text.length && !/\s/.test(text[end] as string)) {
      const lastSpace = text.slice(start, end).search(/\s\S*$/);
      if (lastSpace > 0) end = start + lastSpace;
    }
  }
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  const highlights: Array<[number, number]> = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => [m.start - start, m.end - start]);
  return {
    text: text.slice(start, end),
    start,
    highlights,
    truncatedStart: start > 0,
    truncatedEnd: end < text.length,
  };
}
