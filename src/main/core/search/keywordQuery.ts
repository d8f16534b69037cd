import type { KeywordClause, KeywordQuery } from '../store/keywordQuery';
import type { ParsedQuery, QueryPart } from './parseQueryArithmetic';
import { withSymbolNames } from './symbolNames';

/**
 * The full-text (BM25) side of a parsed query:
 * - positive parts are alternatives (SHOULD): plain runs match any of their words, quoted parts only
 *   as the exact phrase (the index keeps positions);
 * - negative parts are exclusions (MUST_NOT): a chunk containing the word, or the phrase, is dropped.
 * Tokenisation (stemming, stop words) is the index's, so `-wings` also drops chunks saying `wing`.
 * Unquoted lone symbols become their names (`_` -> underscore): the index keeps no symbols.
 */
export function keywordQuery(
  parsed: ParsedQuery,
  column = 'text',
  options: { symbolNames?: boolean } = {},
): KeywordQuery | null {
  if (parsed.positive.length === 0) return null;
  const positive = (part: QueryPart): KeywordClause => ({
    text: keywordPartText(part, options.symbolNames ?? true),
    phrase: part.quoted && /\s/.test(part.text),
  });
  // An unquoted negative is a single word; a quoted one may be a phrase.
  const negative = (part: QueryPart): KeywordClause => ({ text: part.text, phrase: /\s/.test(part.text) });
  return { should: parsed.positive.map(positive), mustNot: parsed.negative.map(negative), column };
}

/**
 * The words a positive part is searched for on the keyword side: a lone symbol by its name
 * (symbolNames.ts) unless `symbolNames` is off; a quoted part as written. Snippets mark these.
 */
export function keywordPartText(part: QueryPart, symbolNames: boolean): string {
  return part.quoted || !symbolNames ? part.text : withSymbolNames(part.text);
}
