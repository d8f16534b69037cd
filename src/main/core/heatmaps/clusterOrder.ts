import { dot } from '../math/gramKernel';

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
