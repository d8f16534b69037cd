import { clusterHeatmap, documentHeatmap } from '../heatmaps/documentHeatmap';
import { compareModels } from '../heatmaps/modelComparison';
import { passagePair } from '../heatmaps/passagePair';
import { queryHeatmap } from '../heatmaps/queryHeatmap';
import type { SimilarityService } from '../similarity/similarityService';
import { timeHeatmap } from '../heatmaps/timeHeatmap';
import type { DomainHandlers } from './types';

/**
 * `heatmap.get`: the five heatmaps over the similarity service built once in createCore;
 * `heatmap.pair`: the matching passages of two documents (what a cell opens).
 */
export function heatmapHandlers(service: SimilarityService): DomainHandlers<'heatmap.get' | 'heatmap.pair'> {
  return {
    'heatmap.pair': (input) => passagePair(service, input),
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
