import { dot } from '../math/gramKernel';
import type { TopicClusters } from './topicModel';

/**
 * The order rows are drawn in: by cluster, so each topic is one block on the diagonal of a heatmap.
 * Clusters follow a chain of nearest centroids (similar topics sit next to each other, so related
 * blocks touch); inside a cluster, the most typical document (closest to the centroid) comes first.
 */

export interface ClusterBand {
  /** Cluster number in display order (0..bands-1). */
  cluster: number;
  /** First position of the band in `order`. */
  start: number;
  size: number;
}

export interface ClusterOrdering {
  /** order[position] = row index. */
  order: Int32Array;
  /** Display cluster of each row (renumbered: 0 is the first band). */
  clusterOf: Int32Array;
  bands: ClusterBand[];
}

/**
 * Orders rows by cluster. `assignment` gives each row's cluster (0..k-1), `centroids` the k unit
 * centroids; empty clusters are dropped and the rest renumbered in display order.
 */
export function orderByClusters(
  data: Float32Array,
  rows: number,
  dims: number,
  assignment: Int32Array,
  centroids: Float32Array,
  k: number,
): ClusterOrdering {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < rows; i++) members[assignment[i] as number]?.push(i);
  const centroidDot = (a: number, b: number) => dot(centroids, a * dims, centroids, b * dims, dims);
  const chain = centroidChain(
    members.map((m) => m.length),
    centroidDot,
  );
  const order = new Int32Array(rows);
  const clusterOf = new Int32Array(rows);
  const bands: ClusterBand[] = [];
  let at = 0;
  for (const c of chain) {
    const rowsOf = members[c] as number[];
    const fit = new Map<number, number>();
    for (const r of rowsOf) {
      let s = 0;
      for (let d = 0; d < dims; d++)
        s += (data[r * dims + d] as number) * (centroids[c * dims + d] as number);
      fit.set(r, s);
    }
    rowsOf.sort((x, y) => (fit.get(y) as number) - (fit.get(x) as number) || x - y);
    const band: ClusterBand = { cluster: bands.length, start: at, size: rowsOf.length };
    for (const r of rowsOf) {
      order[at++] = r;
      clusterOf[r] = band.cluster;
    }
    bands.push(band);
  }
  return { order, clusterOf, bands };
}

/**
 * Non-empty clusters in chain order: start with the largest, then repeatedly append the remaining
 * cluster most similar to the last one (greedy nearest-neighbour path; ties by size, then index).
 */
export function centroidChain(
  sizes: readonly number[],
  similarity: (a: number, b: number) => number,
): number[] {
  const left = new Set(sizes.map((s, i) => (s > 0 ? i : -1)).filter((i) => i >= 0));
  if (left.size === 0) return [];
  let current = [...left].sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b)[0] as number;
  const chain = [current];
  left.delete(current);
  while (left.size > 0) {
    let best = -1;
    let bestSim = -Infinity;
    for (const c of left) {
      const s = similarity(current, c);
      if (s > bestSim || (s === bestSim && (sizes[c] as number) > (sizes[best] as number))) {
        bestSim = s;
        best = c;
      }
    }
    chain.push(best);
    left.delete(best);
    current = best;
  }
  return chain;
}

/** The inverse permutation: position of each row in `order`. */
export function positionsOf(order: Int32Array): Int32Array {
  const pos = new Int32Array(order.length);
  order.forEach((row, p) => (pos[row] = p));
  return pos;
}

/**
 * A two-level topic fit renumbered in display order: topic ids become the bands' order (empty topics
 * dropped), sub-topics are numbered topic after topic (empty ones dropped).
 */
export function topicsInDisplayOrder(
  fit: { topic: Int32Array; k: number; subtopic: Int32Array; subtopicParent: Int32Array; silhouette: number },
  ordering: ClusterOrdering,
): TopicClusters & { clusterOf: Int32Array } {
  const rows = fit.topic.length;
  const newTopic = new Int32Array(fit.k).fill(-1);
  const subSize = new Int32Array(fit.subtopicParent.length);
  for (let i = 0; i < rows; i++) {
    newTopic[fit.topic[i] as number] = ordering.clusterOf[i] as number;
    subSize[fit.subtopic[i] as number] = (subSize[fit.subtopic[i] as number] as number) + 1;
  }
  const parentOf = (s: number) => newTopic[fit.subtopicParent[s] as number] as number;
  const kept = Array.from(fit.subtopicParent.keys())
    .filter((s) => (subSize[s] as number) > 0 && parentOf(s) >= 0)
    .sort((a, b) => parentOf(a) - parentOf(b) || a - b);
  const newSub = new Int32Array(fit.subtopicParent.length).fill(-1);
  kept.forEach((s, i) => (newSub[s] = i));
  return {
    topic: ordering.clusterOf,
    clusterOf: ordering.clusterOf,
    subtopic: Int32Array.from(fit.subtopic, (s) => newSub[s] as number),
    subtopicParent: Int32Array.from(kept, parentOf),
    k: ordering.bands.length,
    order: ordering.order,
    bands: ordering.bands,
    silhouette: fit.silhouette,
  };
}
