import { clusterHeatmap, documentHeatmap } from '../heatmaps/documentHeatmap';
import { compareModels } from '../heatmaps/modelComparison';
import { queryHeatmap } from '../heatmaps/queryHeatmap';
import type { SimilarityService } from '../similarity/similarityService';
import { timeHeatmap } from '../heatmaps/timeHeatmap';
import type { DomainHandlers } from './types';

/** `heatmap.get`: the five heatmaps over the similarity service built once in createCore. */
export function heatmapHandlers(service: SimilarityService): DomainHandlers<'heatmap.get'> {
  return {
    'heatmap.get': async (input) => {
      switch (input.kind) {
        case 'documents':
          return documentHeatmap(service, input);
        case 'clusters':
          return clusterHeatmap(service, input);
        case 'query':
          return queryHeatmap(service, input);
        case 'models':
          return compareModels(service, input);
        case 'time':
          return timeHeatmap(service, input);
      }
    },
  };
}
