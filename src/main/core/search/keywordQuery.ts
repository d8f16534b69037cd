import { BooleanQuery, MatchQuery, Occur, PhraseQuery, type FullTextQuery } from '@lancedb/lancedb';
import type { ParsedQuery, QueryPart } from './parseQueryArithmetic';

/**
 * The full-text (BM25) side of a parsed query:
 * - positive parts are alternatives (SHOULD): plain runs match any of their words, quoted parts only
 *   as the exact phrase (the index keeps positions);
 * - negative parts are exclusions (MUST_NOT): a chunk containing the word, or the phrase, is dropped.
 * Tokenisation (stemming, stop words) is the index's, so `-wings` also drops chunks saying `wing`.
 */
export function keywordQuery(parsed: ParsedQuery, column = 'text'): FullTextQuery | null {
  if (parsed.positive.length === 0) return null;
  const clause = (part: QueryPart): FullTextQuery =>
    part.quoted && /\s/.test(part.text)
      ? new PhraseQuery(part.text, column)
      : new MatchQuery(part.text, column);
  const negatives = parsed.negative.map((part): [Occur, FullTextQuery] => [
    Occur.MustNot,
    // An unquoted negative is a single word; a quoted one may be a phrase.
    /\s/.test(part.text) ? new PhraseQuery(part.text, column) : new MatchQuery(part.text, column),
  ]);
  if (parsed.positive.length === 1 && negatives.length === 0) return clause(parsed.positive[0] as QueryPart);
  return new BooleanQuery([
    ...parsed.positive.map((p): [Occur, FullTextQuery] => [Occur.Should, clause(p)]),
    ...negatives,
  ]);
}
