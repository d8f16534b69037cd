/**
 * Near-duplicate grouping: pairs of documents above a similarity threshold are edges; a group is a
 * connected component (union-find), so A~B and B~C put A, B and C together even when A and C fall just
 * under the threshold. Each group keeps the pairs that joined it, for listing "A and B: 0.97".
 */

export interface ScoredPair {
  a: number;
  b: number;
  score: number;
}

export interface PairGroup {
  /** Member indices, ascending. */
  members: number[];
  /** The pairs inside the group, best first. */
  pairs: ScoredPair[];
  /** Highest pair score in the group. */
  best: number;
}

/** Disjoint sets with path halving and union by size. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) {
      const grand = this.parent[this.parent[r] as number] as number;
      this.parent[r] = grand;
      r = grand;
    }
    return r;
  }

  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    return true;
  }
}

/** Connected components of the pairs, biggest best score first. Singletons are not groups. */
export function groupPairs(pairs: readonly ScoredPair[], n: number): PairGroup[] {
  const sets = new UnionFind(n);
  for (const p of pairs) sets.union(p.a, p.b);
  const byRoot = new Map<number, PairGroup>();
  const seen = new Set<string>();
  for (const p of pairs) {
    const a = Math.min(p.a, p.b);
    const b = Math.max(p.a, p.b);
    if (a === b || seen.has(`${a}:${b}`)) continue;
    seen.add(`${a}:${b}`);
    const root = sets.find(a);
    let group = byRoot.get(root);
    if (!group) {
      group = { members: [], pairs: [], best: -Infinity };
      byRoot.set(root, group);
    }
    group.pairs.push({ a, b, score: p.score });
    group.best = Math.max(group.best, p.score);
  }
  for (const group of byRoot.values()) {
    const members = new Set<number>();
    for (const p of group.pairs) {
      members.add(p.a);
      members.add(p.b);
    }
    group.members = [...members].sort((x, y) => x - y);
    group.pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  }
  return [...byRoot.values()].sort(
    (x, y) => y.best - x.best || (x.members[0] as number) - (y.members[0] as number),
  );
}

/** Pairs i < j of an n x n similarity matrix with score >= threshold. */
export function pairsAbove(matrix: Float32Array, n: number, threshold: number): ScoredPair[] {
  const out: ScoredPair[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = matrix[i * n + j] as number;
      if (s >= threshold) out.push({ a: i, b: j, score: s });
    }
  }
  return out;
}

/** Groups of indices sharing a key (exact duplicates by content hash); only keys held by 2+ items. */
export function groupByKey(keys: readonly string[]): number[][] {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (!key) return;
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  return [...byKey.values()].filter((g) => g.length > 1);
}
