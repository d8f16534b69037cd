import { tokenize, type Table, type TokenizeOptions } from '@lancedb/lancedb';
import { detectLanguage } from '../topics/stopWords';
import { hasColumn } from './fillChunkColumn';

/**
 * The `stems` column of chunk rows: the chunk's words analysed in its document's own language, for
 * documents written in a language other than English. The `text` index stems every text as English, so
 * a French query word never met its inflected forms (`cheval` / `chevaux`, `économique` / `économiques`)
 * and German plurals missed their singulars (`Häuser` / `Haus`). LanceDB gives one analyser per index,
 * so the per-language analysis runs here, with LanceDB's own (tantivy's) tokenizer and Snowball
 * stemmers, and the column holds the result as language-tagged tokens (`fr_cheval fr_mang ...`) under an
 * index that only splits on spaces. A query is analysed in every language below and its tagged tokens
 * matched against the column (queryStems), so a French word can only meet French stems, and the
 * column's BM25 statistics are per language.
 *
 * English documents (and documents whose language is not detected) leave the column empty: English
 * keyword search is exactly what it was.
 */
export const STEMS_COLUMN = 'stems';
/** Meta key recording that every row of a pre-version-3 library has been filled in. */
export const STEMS_FILLED_KEY = 'chunkStems';

/** Detected language (ISO 639-1, topics/stopWords.ts) -> tantivy's stemmer for it. */
const STEM_LANGUAGES: ReadonlyMap<string, string> = new Map([
  ['fr', 'French'],
  ['de', 'German'],
  ['es', 'Spanish'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['sv', 'Swedish'],
  ['ru', 'Russian'],
]);

function analyser(language: string): Partial<TokenizeOptions> {
  return {
    baseTokenizer: 'simple',
    language,
    lowercase: true,
    asciiFolding: true,
    stem: true,
    removeStopWords: true,
    maxTokenLength: 40,
  };
}

/** The language a document's stems are made in, or null for English and undetected documents. */
export function stemLanguageOf(texts: readonly string[]): string | null {
  let sample = '';
  for (const t of texts) {
    if (sample.length >= 20_000) break;
    sample += `${t}\n`;
  }
  const language = detectLanguage(sample);
  return language && STEM_LANGUAGES.has(language) ? language : null;
}

/** A chunk's `stems` value: its tokens analysed in `language` (stemLanguageOf), tagged; '' for null. */
export async function chunkStems(text: string, language: string | null): Promise<string> {
  const name = language === null ? undefined : STEM_LANGUAGES.get(language);
  if (!name || !text) return '';
  const tokens = await tokenize(text, analyser(name));
  return tokens.map((t) => `${language}_${t.text}`).join(' ');
}

/**
 * A query text as tagged stems of every language (`chevaux` -> `fr_cheval de_chevaux es_chevaux ...`),
 * distinct: one alternative per language, so whichever language a document is in, its stem is there.
 */
export async function queryStems(text: string): Promise<string> {
  const out = new Set<string>();
  for (const [code, name] of STEM_LANGUAGES)
    for (const t of await tokenize(text, analyser(name))) out.add(`${code}_${t.text}`);
  return [...out].join(' ');
}

/**
 * A quoted phrase as one tagged phrase per language (`"chevaux blancs"` -> `fr_cheval fr_blanc`, ...),
 * each matched in order; languages whose analysis leaves nothing are dropped.
 */
export async function phraseStems(text: string): Promise<string[]> {
  const out = new Set<string>();
  for (const [code, name] of STEM_LANGUAGES) {
    const tokens = await tokenize(text, analyser(name));
    if (tokens.length > 0) out.add(tokens.map((t) => `${code}_${t.text}`).join(' '));
  }
  return [...out];
}

/** The words a highlighter should compare in `language`: each word's stem, or absent (stop word). */
export async function stemWordsIn(words: readonly string[], language: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const name = STEM_LANGUAGES.get(language);
  if (!name || words.length === 0) return out;
  for (const token of await tokenize(words.join(' '), analyser(name))) {
    const word = words[token.position];
    if (word !== undefined) out.set(word, token.text);
  }
  return out;
}

/** Whether `language` (ISO 639-1) has stems of its own (stemWordsIn, chunkStems). */
export function hasStemmer(language: string | null): language is string {
  return language !== null && STEM_LANGUAGES.has(language);
}

export function hasStemsColumn(chunks: Table): Promise<boolean> {
  return hasColumn(chunks, STEMS_COLUMN);
}
