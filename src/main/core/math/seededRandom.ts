/**
 * mulberry32: a tiny, fast, seedable PRNG. Layouts, samples and k-means seeds all draw from it, so the
 * same library and parameters always give the same map (Math.random would make every recompute move).
 */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices from [0, n), in increasing order (all of them when count >= n). */
export function sampleIndices(n: number, count: number, random: () => number): Int32Array {
  if (count >= n) return Int32Array.from({ length: n }, (_, i) => i);
  // Partial Fisher-Yates over a virtual identity array (a Map holds only the swapped slots).
  const swapped = new Map<number, number>();
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    const vj = swapped.get(j) ?? j;
    out[i] = vj;
    swapped.set(j, swapped.get(i) ?? i);
  }
  return out.sort();
}

/** FNV-1a of a string as an unsigned 32-bit number (stable sampling by id, cache file names). */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
