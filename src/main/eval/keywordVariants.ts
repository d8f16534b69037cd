import type { SearchMode } from '../../shared/api/methods/search';
import { search } from '../core/search/search';
import type { SearchDeps, SearchHit, SearchRequest } from '../core/search/searchTypes';

/**
 * The keyword-side settings `loci eval` compares (the same table for Cranfield and the known-item
 * set, so a default is chosen on both): the fields column's weight (title, file name, headings), the
 * phrase boost, pseudo-relevance feedback, the weight of whole-document BM25 (documentBm25.ts;
 * absent: the mode's default), lone symbols by name (symbolNames.ts) and derived word forms
 * (derivedForms.ts); in keyword and in hybrid mode, results by document.
 */
export interface KeywordVariant {
  name: string;
  mode: SearchMode;
  settings: Pick<
    SearchRequest,
    'fieldBoost' | 'phraseBoost' | 'expansion' | 'documentWeight' | 'derivedForms' | 'symbolNames'
  >;
  isDefault: boolean;
}

/** Whole-document BM25 weights compared besides each mode's default. */
const DOCUMENT_WEIGHTS: Record<'keyword' | 'hybrid', number[]> = { keyword: [0, 1, 2], hybrid: [0, 0.5] };

export function keywordVariants(
  defaults: Required<Pick<SearchRequest, 'fieldBoost' | 'phraseBoost' | 'expansion'>>,
): KeywordVariant[] {
  const rm3 = (chunks: number, terms: number, weight: number) => ({ chunks, terms, weight });
  const settings: Array<Required<Pick<SearchRequest, 'fieldBoost' | 'phraseBoost' | 'expansion'>>> = [
    { fieldBoost: 0, phraseBoost: false, expansion: null },
    { fieldBoost: 0, phraseBoost: true, expansion: null },
    { fieldBoost: 0.5, phraseBoost: false, expansion: null },
    { fieldBoost: 1, phraseBoost: false, expansion: null },
    { fieldBoost: 2, phraseBoost: false, expansion: null },
    { fieldBoost: 1, phraseBoost: true, expansion: null },
    { fieldBoost: 1, phraseBoost: false, expansion: rm3(10, 10, 0.3) },
    { fieldBoost: 1, phraseBoost: false, expansion: rm3(10, 20, 0.5) },
    { fieldBoost: 1, phraseBoost: false, expansion: rm3(5, 10, 0.5) },
  ];
  const out: KeywordVariant[] = [];
  for (const mode of ['keyword', 'hybrid'] as const) {
    for (const s of settings) {
      const x = s.expansion;
      out.push({
        name:
          `${mode.padEnd(7)} fields ${s.fieldBoost === 0 ? 'off' : `x${s.fieldBoost}`}` +
          `${s.phraseBoost ? ', phrases' : ''}${x ? `, RM3 ${x.chunks}/${x.terms}/${x.weight}` : ''}`,
        mode,
        settings: s,
        isDefault: JSON.stringify(s) === JSON.stringify(defaults),
      });
    }
    for (const documentWeight of DOCUMENT_WEIGHTS[mode]) {
      out.push({
        name: `${mode.padEnd(7)} fields x${defaults.fieldBoost}, whole documents ${documentWeight === 0 ? 'off' : `x${documentWeight}`}`,
        mode,
        settings: { ...defaults, documentWeight },
        isDefault: false,
      });
    }
    out.push({
      name: `${mode.padEnd(7)} fields x${defaults.fieldBoost}, lone symbols as typed (not by name)`,
      mode,
      settings: { ...defaults, symbolNames: false },
      isDefault: false,
    });
    out.push({
      name: `${mode.padEnd(7)} fields x${defaults.fieldBoost}, derived forms (dividing -> division)`,
      mode,
      settings: { ...defaults, derivedForms: true },
      isDefault: false,
    });
  }
  return out;
}

/** Runs every query with one setting, by document (default aggregation); each query's ranked hits. */
export async function runSearches<Q extends { text: string }>(
  deps: SearchDeps,
  queries: readonly Q[],
  request: Omit<SearchRequest, 'q'>,
  k: number,
): Promise<Map<Q, SearchHit[]>> {
  const out = new Map<Q, SearchHit[]>();
  for (const q of queries) {
    const r = await search(deps, { ...request, q: q.text, k, groupBy: 'document' });
    out.set(q, r.hits);
  }
  return out;
}
