import {
  BooleanQuery,
  MatchQuery,
  MultiMatchQuery,
  Occur,
  PhraseQuery,
  type FullTextQuery,
} from '@lancedb/lancedb';
import { FIELDS_COLUMN } from './chunkFields';
import { phraseStems, queryStems, STEMS_COLUMN } from './chunkStems';
import { DOC_TEXT_COLUMN } from './documentText';
import type { StemVocabulary } from './compoundStems';

/** One term or phrase of a keyword query; `phrase` matches the words in order (positions kept). */
export interface KeywordClause {
  text: string;
  phrase: boolean;
}

/**
 * A BM25 query in plain data, so search/ describes what to match and only the store speaks LanceDB:
 * `should` clauses are alternatives, `mustNot` clauses drop every chunk they match.
 */
export interface KeywordQuery {
  should: KeywordClause[];
  mustNot: KeywordClause[];
  /** The indexed column (default `text`). */
  column?: string;
  /**
   * Weight of the `fields` column (title, file name, headings: chunkFields.ts) against the text's 1;
   * 0 or absent searches the text alone. Ignored by a library whose fields are not ready.
   */
  fieldBoost?: number;
  /**
   * Extra phrases that add to a chunk's score where its text has them (the query's adjacent words:
   * a chunk saying "boundary layer" outranks one with "boundary" and "layer" pages apart). They
   * match nothing on their own that the `should` clauses would not.
   */
  boostPhrases?: string[];
  /** Extra words, each an alternative with its own weight (pseudo-relevance feedback), text only. */
  weighted?: Array<{ text: string; weight: number }>;
}

/**
 * Each clause's form in the `stems` column (chunkStems.ts), by clauseKey: the query words analysed
 * in every language a document may be stemmed in; one entry per phrase variant, and for a word its
 * compounds (compoundStems.ts) as a second entry of lower weight.
 */
export type ClauseStems = ReadonlyMap<string, ReadonlyArray<{ text: string; weight: number }>>;

/**
 * Weight of a compound's match against the query word's own stem (both under STEMS_WEIGHT): a
 * Krankenhaus is a kind of Haus, but a document about Häuser answers `Haus` first, and a rare
 * compound's high IDF alone must not outrank the word itself.
 */
export const COMPOUND_WEIGHT = 0.5;

const clauseKey = (c: KeywordClause): string => `${c.phrase ? 'p' : 'w'}:${c.text}`;

/**
 * The stems of every clause of a query (async: they run LanceDB's tokenizer). With the library's
 * vocabulary, a word's German, Dutch or Swedish stem also brings the compounds ending with it
 * (compoundStems.ts): `Versicherung` matches `Krankenversicherungen`. Phrases match as written.
 */
export async function stemsOfClauses(query: KeywordQuery, vocabulary?: StemVocabulary): Promise<ClauseStems> {
  const out = new Map<string, Array<{ text: string; weight: number }>>();
  for (const c of [...query.should, ...query.mustNot]) {
    const key = clauseKey(c);
    if (out.has(key)) continue;
    if (c.phrase) {
      out.set(
        key,
        (await phraseStems(c.text)).map((text) => ({ text, weight: 1 })),
      );
      continue;
    }
    const stems = await queryStems(c.text);
    const entries = stems ? [{ text: stems, weight: 1 }] : [];
    if (stems && vocabulary && vocabulary.size > 0) {
      const compounds = new Set(stems.split(' ').flatMap((t) => vocabulary.compoundsOf(t)));
      if (compounds.size > 0) entries.push({ text: [...compounds].join(' '), weight: COMPOUND_WEIGHT });
    }
    out.set(key, entries);
  }
  return out;
}

/**
 * Weight of the stems column against the text's 1. Its words also match the English-stemmed text
 * whenever the forms agree, so at 1 a document in another language counted twice: on the known-item
 * set (420 TeX Live PDFs, a few in French) English questions then ranked French manuals first, keyword
 * success@5 0.84 -> 0.72, hybrid 0.82 -> 0.70. At 0.2 (and 0.05) keyword is back to 0.84 / MRR 0.654,
 * hybrid 0.82 / 0.660 (0.670 without stems); an inflected form alone still finds its document.
 */
const STEMS_WEIGHT = 0.2;

/** What a library can answer beyond its `text` index (LibraryStore checks both once they are ready). */
export interface KeywordColumns {
  fieldsReady?: boolean;
  /** The clauses' stems; absent when the library has no stems index yet. */
  stems?: ClauseStems;
}

/** The LanceDB full-text query for a KeywordQuery; a lone clause without extras stays a plain one. */
export function toFullTextQuery(query: KeywordQuery, columns: KeywordColumns = {}): FullTextQuery {
  const column = query.column ?? 'text';
  const boost = columns.fieldsReady && column === 'text' ? (query.fieldBoost ?? 0) : 0;
  const stems = column === 'text' ? columns.stems : undefined;
  const inText = (c: KeywordClause): FullTextQuery =>
    c.phrase ? new PhraseQuery(c.text, column) : new MatchQuery(c.text, column);
  // Words of other languages match their inflected forms through the stems column.
  const stemQueries = (c: KeywordClause): FullTextQuery[] =>
    (stems?.get(clauseKey(c)) ?? []).map((s) =>
      c.phrase
        ? new PhraseQuery(s.text, STEMS_COLUMN)
        : new MatchQuery(s.text, STEMS_COLUMN, { boost: STEMS_WEIGHT * s.weight }),
    );
  const either = (queries: FullTextQuery[]): FullTextQuery =>
    queries.length === 1
      ? (queries[0] as FullTextQuery)
      : new BooleanQuery(queries.map((q): [Occur, FullTextQuery] => [Occur.Should, q]));
  const textOnly = (c: KeywordClause): FullTextQuery => either([inText(c), ...stemQueries(c)]);
  const clause = (c: KeywordClause): FullTextQuery => {
    if (boost <= 0) return textOnly(c);
    if (c.phrase) return either([inText(c), new PhraseQuery(c.text, FIELDS_COLUMN), ...stemQueries(c)]);
    return either([
      new MultiMatchQuery(c.text, [column, FIELDS_COLUMN], { boosts: [1, boost] }),
      ...stemQueries(c),
    ]);
  };
  const phrases = query.boostPhrases ?? [];
  const weighted = query.weighted ?? [];
  if (query.should.length === 1 && query.mustNot.length === 0 && phrases.length + weighted.length === 0)
    return clause(query.should[0] as KeywordClause);
  return new BooleanQuery([
    ...query.should.map((c): [Occur, FullTextQuery] => [Occur.Should, clause(c)]),
    ...phrases.map((p): [Occur, FullTextQuery] => [Occur.Should, new PhraseQuery(p, column)]),
    ...weighted.map((w): [Occur, FullTextQuery] => [
      Occur.Should,
      new MatchQuery(w.text, column, { boost: w.weight }),
    ]),
    // Exclusions look at the text only: `-tables` drops passages about tables, not every chunk of a
    // document whose title says "tables".
    ...query.mustNot.map((c): [Occur, FullTextQuery] => [Occur.MustNot, textOnly(c)]),
  ]);
}

/**
 * The whole-document side of a KeywordQuery (documentText.ts): its positive words, quoted phrases
 * included as words (their order is checked by the chunks, which alone are candidates), and its
 * weighted extras, over the documents' text. Exclusions, fields and stems stay with the chunks: a
 * document's score only re-weighs documents the chunk search found. Null when there is nothing to match.
 */
export function toDocumentTextQuery(query: KeywordQuery): FullTextQuery | null {
  const clauses: FullTextQuery[] = [
    ...query.should.filter((c) => c.text.trim()).map((c) => new MatchQuery(c.text, DOC_TEXT_COLUMN)),
    ...(query.weighted ?? []).map((w) => new MatchQuery(w.text, DOC_TEXT_COLUMN, { boost: w.weight })),
  ];
  if (clauses.length === 0) return null;
  if (clauses.length === 1) return clauses[0] as FullTextQuery;
  return new BooleanQuery(clauses.map((q): [Occur, FullTextQuery] => [Occur.Should, q]));
}
