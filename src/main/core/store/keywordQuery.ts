import { BooleanQuery, MatchQuery, Occur, PhraseQuery, type FullTextQuery } from '@lancedb/lancedb';

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
}

/** The LanceDB full-text query for a KeywordQuery; a lone clause without exclusions stays a plain one. */
export function toFullTextQuery(query: KeywordQuery): FullTextQuery {
  const column = query.column ?? 'text';
  const clause = (c: KeywordClause): FullTextQuery =>
    c.phrase ? new PhraseQuery(c.text, column) : new MatchQuery(c.text, column);
  if (query.should.length === 1 && query.mustNot.length === 0)
    return clause(query.should[0] as KeywordClause);
  return new BooleanQuery([
    ...query.should.map((c): [Occur, FullTextQuery] => [Occur.Should, clause(c)]),
    ...query.mustNot.map((c): [Occur, FullTextQuery] => [Occur.MustNot, clause(c)]),
  ]);
}
