import { chunkIdFor, chunkKeyFor } from '../store/chunkIdentity';
import type { LibraryStore } from '../store/libraryStore';
import type { DocumentRecord } from '../store/storeTypes';
import type { VectorIndex } from '../store/vectorIndex';

/**
 * Semantic search by document: a document's score is its best passage's cosine plus LEAD_WEIGHT times
 * the cosine of its first passage (its title page, abstract or opening lines: what the document says
 * it is about). The best passage alone lets any document with one on-topic paragraph rank with the
 * documents about the topic; the opening tells them apart without rewarding length.
 *
 * Measured with the query's content words embedded (denseQueryText.ts), results by document:
 * - through search() (`loci eval` "dense query" rows): Cranfield (fp32) nDCG@10 0.1855 -> 0.1935,
 *   MAP@100 0.143 -> 0.151; known items (int8) success@5 0.38 -> 0.44, MRR@10 0.264 -> 0.290;
 * - weights, in an offline replica of search() (exact search), Cranfield / known items: best passage
 *   alone 0.1892 / 0.38, 0.275; + 0.1 x first 0.1917 / 0.38, 0.281; + 0.25 x 0.1956 / 0.44, 0.303;
 *   + 0.5 x 0.1968 / 0.44, 0.231. 0.25 wins on both.
 * Tried and lost beside it: the mean of the document's passage vectors, the title alone, the best
 * passage corrected for the number of passages (aggregateDocuments.ts). The title's vector added to
 * the first passage's did a little better (0.2026 / 0.42, 0.300), but no title is embedded on its own.
 */
export const LEAD_WEIGHT = 0.25;

/**
 * Hybrid by document: the same, with the dense query steered by the keyword hits (denseFeedback.ts),
 * added to the fused score (its scale: 0-1 per branch, damped over passages). Offline replica,
 * Cranfield nDCG@10 / known items success@5, MRR@10: 0 (before) 0.3746 / 0.82, 0.663; 0.1 0.3761 /
 * 0.82, 0.652; 0.2 0.3772 / 0.82, 0.664; 0.3 0.3789 / 0.82, 0.671; 0.4 0.3790 / 0.82, 0.671; 0.5
 * 0.3783 / 0.82, 0.671. A plateau from 0.3, small but on both sets. Through search() at 0.3:
 * Cranfield (fp32) 0.3744 -> 0.3787 (MAP@100 0.295 -> 0.301), known items (int8) 0.82 / 0.660 ->
 * 0.82 / 0.667.
 */
export const HYBRID_LEAD_WEIGHT = 0.3;

/**
 * The default weight of the first passage by mode (keyword search has no vectors to compare) and by
 * what the library embeds with each chunk (`chunkContext`, ingest/embeddedText.ts; null: not recorded,
 * i.e. `none`).
 *
 * Semantic mode adds nothing when every passage's vector already carries its document's title
 * (`title`, `title-headings`): the opening then repeats what each passage says about its document and
 * only pulls documents with a generic first page up. Measured through search() on the title-embedded
 * copies of both sets (content words embedded), first passage x0.25 -> x0: Cranfield (`title`, fp32)
 * nDCG@10 0.2017 -> 0.2037 (MAP@100 0.1536 -> 0.1528); known items (`title-headings`, fp32) success@5
 * 0.40 -> 0.48, MRR@10 0.273 -> 0.339; x0.1 lies between (0.2033; 0.42 / 0.323). Hybrid keeps its
 * 0.3 there (offline replica, title-embedded libraries, 0 vs 0.3: Cranfield 0.3708 vs 0.3720, known
 * items 0.80 / 0.685 vs 0.80 / 0.689).
 */
export function defaultLeadWeight(
  mode: 'keyword' | 'semantic' | 'hybrid',
  chunkContext: string | null = null,
): number {
  if (mode === 'semantic') return chunkContext === null || chunkContext === 'none' ? LEAD_WEIGHT : 0;
  return mode === 'hybrid' ? HYBRID_LEAD_WEIGHT : 0;
}

/** Cosine of the (unit) query with each document's first passage vector; documents without one are absent. */
export async function leadCosines(
  store: LibraryStore,
  index: VectorIndex | null,
  modelId: string,
  query: Float32Array,
  docs: readonly DocumentRecord[],
): Promise<Map<string, number>> {
  const keyOf = new Map(docs.map((d) => [d.id, chunkKeyFor(chunkIdFor(d.generation, 0))]));
  const keys = [...keyOf.values()];
  // The index holds the same vectors in memory; LanceDB is read only for the rest.
  const vectors = (await index?.vectors(keys)) ?? new Map<bigint, Float32Array>();
  const missing = keys.filter((key) => !vectors.has(key));
  if (missing.length > 0)
    for (const [key, v] of await store.vectorsByKeys(modelId, missing)) vectors.set(key, v);
  const out = new Map<string, number>();
  for (const [docId, key] of keyOf) {
    const v = vectors.get(key);
    if (!v || v.length !== query.length) continue;
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += (v[d] as number) * (query[d] as number);
    out.set(docId, dot);
  }
  return out;
}
