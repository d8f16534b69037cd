import type { MapGetResult } from '../../../shared/api/methods/map';
import type { MapService } from '../map/mapService';
import type { SimilarityService } from '../similarity/similarityService';
import { withTopics } from '../topics/mapTopics';
import type { DomainHandlers } from './types';

/**
 * `map.*`: the semantic map (projection, clusters, labels, query placement); see map/mapService.ts.
 * Colours and labels come from the library's one topic model (topics/mapTopics.ts).
 */
export function mapHandlers(
  map: MapService,
  topics: SimilarityService,
): DomainHandlers<'map.get' | 'map.recompute' | 'map.project'> {
  const withModelTopics = async (result: MapGetResult): Promise<MapGetResult> => {
    if (result.status !== 'ready' || result.layout.points === 0) return result;
    return { status: 'ready', layout: withTopics(result.layout, await topics.topics(result.layout.model)) };
  };
  return {
    'map.get': async (input) => withModelTopics(await map.get(input)),
    'map.recompute': async (input) => withModelTopics(await map.recompute(input)),
    'map.project': (input) => map.project(input),
  };
}
