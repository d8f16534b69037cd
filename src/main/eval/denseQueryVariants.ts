import { defaultContentWords } from '../core/search/search';
import { defaultLeadWeight, HYBRID_LEAD_WEIGHT, LEAD_WEIGHT } from '../core/search/leadPassage';
import type { SearchMode } from '../../shared/api/methods/search';
import type { SearchRequest } from '../core/search/searchTypes';

/**
 * The semantic side's settings `loci eval` compares on every collection: what is embedded (the whole
 * query, or its content words: denseQueryText.ts) and, by document in semantic mode, how much the
 * document's first passage adds to its best passage (leadPassage.ts); results by document.
 */
export interface DenseQueryVariant {
  name: string;
  mode: SearchMode;
  settings: Required<Pick<SearchRequest, 'contentWords' | 'leadWeight'>>;
  isDefault: boolean;
}

/** `chunkContext`: what the library embeds with each chunk; the default first-passage weight depends on it. */
export function denseQueryVariants(chunkContext: string | null = null): DenseQueryVariant[] {
  const rows: Array<[SearchMode, boolean, number]> = [
    ['semantic', false, 0],
    ['semantic', true, 0],
    ['semantic', false, LEAD_WEIGHT],
    ['semantic', true, LEAD_WEIGHT],
    ['hybrid', false, 0],
    ['hybrid', true, 0],
    ['hybrid', false, HYBRID_LEAD_WEIGHT],
    ['hybrid', true, HYBRID_LEAD_WEIGHT],
  ];
  return rows.map(([mode, contentWords, leadWeight]) => ({
    name:
      `${mode.padEnd(8)} ${contentWords ? 'content words' : 'whole query'}` +
      (leadWeight > 0 ? ` + first passage x${leadWeight}` : ''),
    mode,
    settings: { contentWords, leadWeight },
    isDefault:
      contentWords === defaultContentWords(mode) && leadWeight === defaultLeadWeight(mode, chunkContext),
  }));
}
