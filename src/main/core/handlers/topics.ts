import type { SimilarityService } from '../similarity/similarityService';
import { topicSummary } from '../topics/topicModel';
import type { DomainHandlers } from './types';

/** `topics.*`: the library's one topic model. */
export function topicHandlers(service: SimilarityService): DomainHandlers<'topics.get'> {
  return {
    'topics.get': async ({ model }) => topicSummary(await service.topics(await service.resolveModel(model))),
  };
}
