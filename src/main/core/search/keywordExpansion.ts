import { tokenizeLikeIndex } from '../store/keywordIndex';
import type { KeywordQuery } from '../store/keywordQuery';
import type { Candidate } from './searchCandidates';

/**
 * Pseudo-relevance feedback for the keyword side, RM3-style (Lavrenko & Croft's relevance model,
 * interpolated with the query as in Abdul-Jaleel et al. 2004): the first BM25 ranking's top chunks
 * are taken as relevant, each word of theirs is weighed by how much of those chunks it makes up and
 * how well the chunk matched,
 *
 *   P(w | R) ~ sum over top chunks d of P(w | d) * P(d | q),  P(w | d) = tf(w, d) / |d|,
 *
 * and the best words the query lacks are added as extra alternatives (SHOULD clauses) weighted
 * `weight * P(w | R) / max P(w | R)` against the query's own words at 1. The second search finds
 * chunks that say "lift coefficient" for a query that said "aerodynamic force".
 */
export interface ExpansionOptions {
  /** Top chunks of the first ranking taken as relevant. */
  chunks: number;
  /** Words added. */
  terms: number;
  /** Weight of the best added word (the query's own words weigh 1). */
  weight: number;
}

/** Words shorter than this, and numbers, are never added (page numbers, units, symbols). */
const MIN_WORD = 3;

/** The expansion clauses for a first ranking, or [] when it gives nothing to add. */
export async function expansionTerms(
  query: KeywordQuery,
  first: readonly Candidate[],
  options: ExpansionOptions,
): Promise<NonNullable<KeywordQuery['weighted']>> {
  const top = first.slice(0, options.chunks);
  if (top.length === 0 || options.terms <= 0 || options.weight <= 0) return [];
  const own = new Set<string>();
  for (const c of query.should) for (const t of await tokenizeLikeIndex(c.text)) own.add(t.text);
  // P(d | q): BM25 scores made a distribution over the top chunks.
  const total = top.reduce((s, c) => s + Math.max(0, c.score), 0) || 1;
  const weight = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const c of top) {
    const words = c.chunk.text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const tokens = await tokenizeLikeIndex(c.chunk.text);
    if (tokens.length === 0) continue;
    const pd = Math.max(0, c.score) / total;
    for (const t of tokens) {
      if (own.has(t.text) || t.text.length < MIN_WORD || /^\p{N}+$/u.test(t.text)) continue;
      weight.set(t.text, (weight.get(t.text) ?? 0) + pd / tokens.length);
      const word = words[t.position]?.toLowerCase();
      if (word) {
        const forms = surface.get(t.text) ?? new Map<string, number>();
        forms.set(word, (forms.get(word) ?? 0) + 1);
        surface.set(t.text, forms);
      }
    }
  }
  const best = [...weight].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.terms);
  const max = best[0]?.[1] ?? 0;
  if (max <= 0) return [];
  const out: NonNullable<KeywordQuery['weighted']> = [];
  for (const [stem, w] of best) {
    // The word as the chunks wrote it most often: the index stems it back to `stem`.
    const forms = [...(surface.get(stem) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    const text = forms[0]?.[0];
    if (text) out.push({ text, weight: (options.weight * w) / max });
  }
  return out;
}
