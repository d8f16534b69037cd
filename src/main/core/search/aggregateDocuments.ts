/**
 * Results by document: a document's score is an aggregation of its chunks' scores. Which one is a
 * measured choice (`loci eval` prints the table, see eval/aggregationVariants.ts):
 *
 * - `max`: the best chunk alone. Never rewards length; blind to a document that answers in several
 *   places.
 * - `damped`: s1 + d*s2 + d^2*s3 + ... over the document's best `depth` chunks, best first. A second and
 *   third good passage raise the document, geometrically less each, so a 300-page manual cannot win on
 *   volume alone.
 * - `meanTop`: the mean of the best `k` chunk scores (a document with fewer counts its missing chunks
 *   as 0, so one lucky chunk in a short document does not beat three good ones).
 *
 * Scores must be comparable across documents and >= 0 for damped sums to mean anything: BM25, the
 * convex fusion's [0, 1] scores and RRF all are; cosine similarity is, for the texts people search.
 */

export type DocumentAggregation =
  { method: 'max' } | { method: 'damped'; decay: number; depth?: number } | { method: 'meanTop'; k: number };

/**
 * Hybrid search by document: fuse the keyword and semantic chunk rankings, then aggregate per document
 * (`fuse-then-aggregate`), or aggregate each ranking per document and fuse the document rankings
 * (`aggregate-then-fuse`).
 */
export type HybridDocumentOrder = 'fuse-then-aggregate' | 'aggregate-then-fuse';

export interface ScoredItem {
  id: string;
  score: number;
}

export interface DocumentGroup<T extends ScoredItem> {
  docId: string;
  score: number;
  /** The document's items, best first. */
  items: T[];
}

/**
 * Groups a ranking (best first) by document and scores each group. Ties keep the order of the best
 * item, so results are deterministic.
 */
export function aggregateByDocument<T extends ScoredItem>(
  ranked: readonly T[],
  docOf: (item: T) => string,
  aggregation: DocumentAggregation,
): Array<DocumentGroup<T>> {
  const groups = new Map<string, { first: number; items: T[] }>();
  ranked.forEach((item, i) => {
    const docId = docOf(item);
    const group = groups.get(docId);
    if (group) group.items.push(item);
    else groups.set(docId, { first: i, items: [item] });
  });
  const out: Array<DocumentGroup<T> & { first: number }> = [];
  for (const [docId, { first, items }] of groups) {
    items.sort((a, b) => b.score - a.score);
    out.push({
      docId,
      first,
      items,
      score: aggregateScores(
        items.map((i) => i.score),
        aggregation,
      ),
    });
  }
  out.sort((a, b) => b.score - a.score || a.first - b.first);
  return out.map(({ docId, score, items }) => ({ docId, score, items }));
}

/** One document's score from its chunk scores (best first). */
export function aggregateScores(sorted: readonly number[], aggregation: DocumentAggregation): number {
  if (sorted.length === 0) return 0;
  switch (aggregation.method) {
    case 'max':
      return sorted[0] as number;
    case 'damped': {
      const depth = Math.min(sorted.length, aggregation.depth ?? 5);
      let sum = 0;
      let weight = 1;
      for (let i = 0; i < depth; i++) {
        sum += weight * (sorted[i] as number);
        weight *= aggregation.decay;
      }
      return sum;
    }
    case 'meanTop': {
      const top = sorted.slice(0, aggregation.k);
      return top.reduce((a, b) => a + b, 0) / aggregation.k;
    }
  }
}

/** A readable name for tables and logs: `max`, `damped d=0.5`, `mean top 3`. */
export function aggregationName(aggregation: DocumentAggregation): string {
  switch (aggregation.method) {
    case 'max':
      return 'max';
    case 'damped':
      return `damped d=${aggregation.decay}${aggregation.depth ? ` top ${aggregation.depth}` : ''}`;
    case 'meanTop':
      return `mean top ${aggregation.k}`;
  }
}

/**
 * The defaults, chosen on Cranfield (nDCG@10, documents of ~2.8 chunks) and the known-item set
 * (success@5 / MRR@10, 420 PDFs of 3-80 pages) with the built-in model; `loci eval cranfield` and
 * `loci eval known-items` print the full tables:
 * - keyword: damped d=0.35 wins on both (Cranfield 0.341 -> 0.349; known items 0.82/0.608 -> 0.84/0.659);
 *   d=0.5 and means of the top chunks fall below max on Cranfield.
 * - hybrid: fuse the chunk rankings, then damped d=0.35 (Cranfield 0.356 -> 0.361; known items
 *   0.78/0.611 -> 0.82/0.664). Aggregating each branch first and fusing documents loses on Cranfield
 *   (0.343) for a small gain on known items.
 * - semantic: max. Any sum or mean of cosine scores drops Cranfield from 0.175 to 0.096-0.145 (a
 *   held-out collection agreed: FINDINGS.md), though it helps on long PDFs (0.40 -> 0.52 success@5).
 *   Correcting the best chunk for a document's number of chunks (long manuals win "max over chunks"
 *   by numbers?) loses on both: best-chunk z-score minus c*sqrt(2 ln n) at c = 0.25 gives Cranfield
 *   0.168, known items 0.28 / 0.183 (max: 0.180, 0.34 / 0.258); the known items' answers are often
 *   the long manuals. The document's mean vector added to its best chunk (+0.5 cos) helps with the
 *   whole query (0.188, 0.36 / 0.286) but not with the query's content words (denseQueryText.ts:
 *   0.1892 -> 0.1875 on Cranfield), so semantic stays on max, plus a quarter of the cosine of the
 *   document's first passage, added in search.ts (leadPassage.ts).
 */
export function defaultAggregation(mode: 'keyword' | 'semantic' | 'hybrid'): DocumentAggregation {
  return mode === 'semantic' ? { method: 'max' } : { method: 'damped', decay: 0.35 };
}
export const DEFAULT_HYBRID_ORDER: HybridDocumentOrder = 'fuse-then-aggregate';
