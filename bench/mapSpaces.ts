/**
 * Raw model space vs the library-fitted space (vectorSpace/: the library mean subtracted, optionally the
 * top principal directions removed, renormalised) as the input of the map: which one makes the better
 * map, by the numbers (issue 12, item 1 for the map).
 *
 * For each space: a UMAP 2D layout (the app's computeLayout) and its clusters. Measured:
 * - trustworthiness@10 and continuity@10 of the layout against its own input space (how faithfully the
 *   map shows the space it was made from) and against the raw space (the neighbours the model gives);
 * - silhouette (cosine) of each space's clusters in its own space and in the raw one;
 * - contrast: the spread (10th-90th percentile) of pairwise cosines of a sample, which is what makes
 *   a map or heatmap readable at all.
 */
import os from 'node:os';
import { computeLayout, clusterSilhouette } from '../src/main/core/map/computeLayout';
import { layoutQuality } from '../src/main/core/map/layoutQuality';
import type { PointSet } from '../src/main/core/map/pointSet';
import type { LayoutParams } from '../src/main/core/map/storedLayout';
import { applyVectorSpace, fitVectorSpace } from '../src/main/core/vectorSpace/vectorSpace';

function contrast(vectors: Float32Array, n: number, d: number): string {
  const rows = Math.min(n, 400);
  const step = n / rows;
  const cos: number[] = [];
  for (let a = 0; a < rows; a++)
    for (let b = a + 1; b < rows; b++) {
      const i = Math.floor(a * step);
      const j = Math.floor(b * step);
      let dot = 0;
      for (let k = 0; k < d; k++) dot += (vectors[i * d + k] as number) * (vectors[j * d + k] as number);
      cos.push(dot);
    }
  cos.sort((x, y) => x - y);
  const q = (p: number) => cos[Math.floor(p * (cos.length - 1))] as number;
  return `median ${q(0.5).toFixed(2)}, p10-p90 ${q(0.1).toFixed(2)}..${q(0.9).toFixed(2)}`;
}

export function compareSpaces(name: string, points: PointSet, sample = 600): void {
  const { n, dims: d, vectors: raw } = points;
  const identity = {
    modelId: points.model.id,
    fingerprint: '',
    dims: d,
    level: 'document' as const,
    version: '',
  };
  const spaces: Array<[string, Float32Array]> = [
    ['raw', raw],
    ['centred (fitted)', applyVectorSpace(fitVectorSpace(identity, raw), raw)],
    ['centred, top-2 removed', applyVectorSpace(fitVectorSpace(identity, raw, { removeTop: 2 }), raw)],
  ];
  const params: LayoutParams = {
    level: points.spec.level,
    method: 'umap',
    dims: 2,
    modelId: 'm',
    filters: {},
    maxPoints: 100_000,
  };
  console.log(`\n== ${name}: ${n.toLocaleString()} points, UMAP 2D, raw vs library-fitted space ==`);
  const clusterings: Array<{ name: string; cluster: Int32Array; k: number }> = [];
  for (const [label, vectors] of spaces) {
    const t = performance.now();
    const layout = computeLayout({ ...points, vectors }, params, 'q', {
      indexDir: os.tmpdir(),
      vectorsVersion: null,
    });
    const own = layoutQuality(vectors, d, layout.coords, 2, 10, sample);
    const vsRaw = layoutQuality(raw, d, layout.coords, 2, 10, sample);
    const k = layout.clusterModel.k;
    clusterings.push({ name: label, cluster: layout.cluster, k });
    console.log(
      `${label.padEnd(23)}: contrast ${contrast(vectors, n, d)}; trustworthiness@10 own ${own.trustworthiness.toFixed(3)} / vs raw ${vsRaw.trustworthiness.toFixed(3)}; continuity@10 own ${own.continuity.toFixed(3)} / vs raw ${vsRaw.continuity.toFixed(3)}; k = ${k}; ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  for (const c of clusterings) {
    const scores = spaces.map(
      ([label, vectors]) => `${label} ${clusterSilhouette(vectors, n, d, c.cluster, c.k)?.toFixed(3) ?? '-'}`,
    );
    console.log(`silhouette of the ${c.name} clusters (k = ${c.k}) measured in: ${scores.join('; ')}`);
  }
}
