import type { MapService } from '../map/mapService';
import type { DomainHandlers } from './types';

/** `map.*`: the semantic map (projection, clusters, labels, query placement); see map/mapService.ts. */
export function mapHandlers(map: MapService): DomainHandlers<'map.get' | 'map.recompute' | 'map.project'> {
  return {
    'map.get': (input) => map.get(input),
    'map.recompute': (input) => map.recompute(input),
    'map.project': (input) => map.project(input),
  };
}
