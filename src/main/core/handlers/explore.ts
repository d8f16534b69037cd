import { exploreArithmetic, exploreNeighbours } from '../explore/explorer';
import { libraryVocabulary } from '../topics/keyTerms';
import type { SimilarityService } from '../similarity/similarityService';
import type { DomainHandlers } from './types';

/** `explore.*`: meaning arithmetic, neighbours and the library's vocabulary. */
export function exploreHandlers(
  service: SimilarityService,
): DomainHandlers<'explore.arithmetic' | 'explore.neighbours' | 'explore.vocabulary'> {
  return {
    'explore.arithmetic': (input) => exploreArithmetic(service, input),
    'explore.neighbours': (input) => exploreNeighbours(service, input),
    'explore.vocabulary': async ({ limit }) => ({
      terms: libraryVocabulary(await service.termIndex(), limit).map((t) => ({
        term: t.term,
        score: t.weight,
        df: t.df,
      })),
    }),
  };
}
