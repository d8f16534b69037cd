import { MapService, type MapServiceDeps } from '../analyze/mapService';
import type { DomainHandlers } from './types';

/** `map.*`: the semantic map (projection, clusters, labels, query placement); see analyze/mapService.ts. */
export function mapHandlers(
  deps: MapServiceDeps,
  onClose: (close: () => Promise<void>) => void,
): DomainHandlers<'map.get' | 'map.recompute' | 'map.project'> {
  const map = new MapService(deps);
  onClose(() => map.close());
  return {
    'map.get': (input) => map.get(input),
    'map.recompute': (input) => map.recompute(input),
    'map.project': (input) => map.project(input),
  };
}
