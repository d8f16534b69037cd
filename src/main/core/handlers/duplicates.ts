import { findDuplicates } from '../duplicates/duplicates';
import type { SimilarityService } from '../similarity/similarityService';
import type { DomainHandlers } from './types';

/** `duplicates.list`: groups of near-identical documents. */
export function duplicateHandlers(service: SimilarityService): DomainHandlers<'duplicates.list'> {
  return {
    'duplicates.list': (input) => findDuplicates(service, input),
  };
}
