import type { SearchDeps } from '../core/search/searchTypes';
import { applyVectorSpace, fitVectorSpace } from '../core/vectorSpace/vectorSpace';

/**
 * Semantic search in the library-fitted space (core/vectorSpace) against the raw model space, for
 * `loci eval` (issue 11, item 4: keep the fitted space for search only if it wins). Exact search over
 * every visible chunk vector, documents ranked by their best chunk (the semantic default), in the raw
 * space, centred, and centred with the top 1 / 2 principal directions removed; the space is fitted on
 * the library's own chunk vectors and applied to them and to the queries alike.
 */
export const SPACE_VARIANTS = [
  { name: 'raw cosine', removeTop: null },
  { name: 'centred', removeTop: 0 },
  { name: 'centred, top 1 removed', removeTop: 1 },
  { name: 'centred, top 2 removed', removeTop: 2 },
] as const;

/** Each variant's ranked document paths per query (best first, `k` of them). */
export async function rankInSpaces<Q extends { text: string }>(
  deps: SearchDeps,
  queries: readonly Q[],
  k: number,
): Promise<Array<{ name: string; runs: Map<Q, string[]> }>> {
  const { store, embedder } = deps;
  if (!embedder) throw new Error('the vector-space comparison needs the embedding model');
  const dims = embedder.info.dims;
  const keys: bigint[] = [];
  const parts: Float32Array[] = [];
  for await (const batch of store.iterateVectors(embedder.info.id)) {
    for (const key of batch.keys) keys.push(BigInt.asIntN(64, key));
    parts.push(batch.vectors);
  }
  const all = concat(parts);
  // Only visible chunks count (a committed document at the same generation).
  const catalog = await store.catalog();
  const pathOf = new Map<bigint, string>();
  for (const c of await store.chunksByKeys(keys)) {
    const doc = catalog.visibleDocument(c.docId, c.generation);
    if (doc) pathOf.set(c.key, doc.path);
  }
  const rows: number[] = [];
  keys.forEach((key, i) => pathOf.has(key) && rows.push(i));
  const matrix = new Float32Array(rows.length * dims);
  rows.forEach((r, i) => matrix.set(all.subarray(r * dims, (r + 1) * dims), i * dims));
  const paths = rows.map((r) => pathOf.get(keys[r] as bigint) as string);

  const queryVectors = new Float32Array(queries.length * dims);
  for (let at = 0; at < queries.length; at += 64) {
    const texts = queries.slice(at, at + 64).map((q) => q.text);
    const { vectors } = await embedder.embed(texts, { purpose: 'query' });
    vectors.forEach((v, i) => queryVectors.set(unit(v), (at + i) * dims));
  }

  const out: Array<{ name: string; runs: Map<Q, string[]> }> = [];
  for (const variant of SPACE_VARIANTS) {
    let m: Float32Array = matrix;
    let q: Float32Array = queryVectors;
    if (variant.removeTop !== null) {
      const identity = {
        modelId: embedder.info.id,
        fingerprint: '',
        dims,
        level: 'chunk' as const,
        version: '',
      };
      const space = fitVectorSpace(identity, matrix, { removeTop: variant.removeTop });
      m = applyVectorSpace(space, matrix);
      q = applyVectorSpace(space, queryVectors);
    }
    const runs = new Map<Q, string[]>();
    queries.forEach((query, qi) => {
      const best = new Map<string, number>();
      for (let r = 0; r < paths.length; r++) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += (m[r * dims + d] as number) * (q[qi * dims + d] as number);
        const p = paths[r] as string;
        if (dot > (best.get(p) ?? -Infinity)) best.set(p, dot);
      }
      runs.set(
        query,
        [...best]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([p]) => p),
      );
    });
    out.push({ name: variant.name, runs });
  }
  return out;
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  const n = Math.sqrt(s) || 1;
  return Float32Array.from(v, (x) => x / n);
}
