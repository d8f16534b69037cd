import { defaultContentWords } from '../core/search/search';
import type { SearchMode } from '../../shared/api/methods/search';
import type { SearchRequest } from '../core/search/searchTypes';

/**
 * What the semantic side embeds, compared by `loci eval` on every collection: the whole query, or its
 * content words (English function words dropped: denseQueryText.ts), in semantic and hybrid mode,
 * results by document with the default aggregation.
 */
export interface DenseQueryVariant {
  name: string;
  mode: SearchMode;
  settings: Pick<SearchRequest, 'contentWords'>;
  isDefault: boolean;
}

export function denseQueryVariants(): DenseQueryVariant[] {
  const out: DenseQueryVariant[] = [];
  for (const mode of ['semantic', 'hybrid'] as const)
    for (const contentWords of [false, true])
      out.push({
        name: `${mode.padEnd(8)} ${contentWords ? 'content words' : 'whole query'}`,
        mode,
        settings: { contentWords },
        isDefault: contentWords === defaultContentWords(mode),
      });
  return out;
}
