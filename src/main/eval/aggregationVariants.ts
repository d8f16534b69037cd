import type { SearchMode } from '../../shared/api/methods/search';
import {
  aggregationName,
  DEFAULT_HYBRID_ORDER,
  defaultAggregation,
  type DocumentAggregation,
  type HybridDocumentOrder,
} from '../core/search/aggregateDocuments';
import { search } from '../core/search/search';
import type { SearchDeps, SearchHit } from '../core/search/searchTypes';

/**
 * The by-document settings `loci eval` compares: every mode with each way of turning chunk scores
 * into a document score, and for hybrid both orders of fusion and aggregation. The same table is
 * printed for every collection (Cranfield, the known-item set), so the default is chosen on all.
 */
export interface AggregationVariant {
  mode: SearchMode;
  aggregation: DocumentAggregation;
  hybridOrder: HybridDocumentOrder;
  isDefault: boolean;
}

const AGGREGATIONS: DocumentAggregation[] = [
  { method: 'max' },
  { method: 'damped', decay: 0.2 },
  { method: 'damped', decay: 0.35 },
  { method: 'damped', decay: 0.5 },
  { method: 'meanTop', k: 2 },
  { method: 'meanTop', k: 3 },
];

export function aggregationVariants(): AggregationVariant[] {
  const out: AggregationVariant[] = [];
  const same = (a: DocumentAggregation, mode: SearchMode) =>
    JSON.stringify(a) === JSON.stringify(defaultAggregation(mode));
  for (const mode of ['keyword', 'semantic'] as const) {
    for (const aggregation of AGGREGATIONS)
      out.push({ mode, aggregation, hybridOrder: DEFAULT_HYBRID_ORDER, isDefault: same(aggregation, mode) });
  }
  for (const hybridOrder of ['fuse-then-aggregate', 'aggregate-then-fuse'] as const) {
    for (const aggregation of AGGREGATIONS) {
      out.push({
        mode: 'hybrid',
        aggregation,
        hybridOrder,
        isDefault: same(aggregation, 'hybrid') && hybridOrder === DEFAULT_HYBRID_ORDER,
      });
    }
  }
  return out;
}

export function variantName(v: AggregationVariant): string {
  const order =
    v.mode === 'hybrid' ? (v.hybridOrder === 'fuse-then-aggregate' ? ' fuse>agg' : ' agg>fuse') : '';
  return `${v.mode}${order} ${aggregationName(v.aggregation)}`;
}

/** Runs every query with one variant, by document; returns each query's ranked hits. */
export async function runVariant<Q extends { text: string }>(
  deps: SearchDeps,
  queries: readonly Q[],
  variant: AggregationVariant,
  k: number,
): Promise<Map<Q, SearchHit[]>> {
  const out = new Map<Q, SearchHit[]>();
  for (const q of queries) {
    const r = await search(deps, {
      q: q.text,
      k,
      mode: variant.mode,
      groupBy: 'document',
      aggregation: variant.aggregation,
      hybridOrder: variant.hybridOrder,
    });
    out.set(q, r.hits);
  }
  return out;
}
