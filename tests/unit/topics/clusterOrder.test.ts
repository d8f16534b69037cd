import { describe, expect, it } from 'vitest';
import { fitTopics } from '../../../src/main/core/topics/topicClustering';
import { centroidChain, orderByClusters, positionsOf } from '../../../src/main/core/topics/clusterOrder';
import { gramNaive } from '../../../src/main/core/math/gramKernel';
import { normalizeRows } from '../../../src/main/core/math/vectorRows';
import { seededRandom } from '../../../src/main/core/math/seededRandom';
import { kmeans } from '../../../src/main/core/math/kmeans';

const dims = 32;

/**
 * `groups` well separated topics: each row is its topic's direction plus noise, rows shuffled so that
 * the input order says nothing about the topics. Returns the rows and each row's true topic.
 */
function topicRows(sizes: number[], seed: number, noise = 0.1) {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = sizes.map(() => normalizeRows(Float32Array.from({ length: dims }, gauss), dims));
  const labels = sizes.flatMap((size, t) => Array.from({ length: size }, () => t));
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  const data = new Float32Array(labels.length * dims);
  labels.forEach((t, i) => {
    for (let d = 0; d < dims; d++) data[i * dims + d] = centres[t]![d]! + noise * gauss();
  });
  return { data: normalizeRows(data, dims), labels, rows: labels.length };
}

describe('ordering documents by cluster', () => {
  it('puts each topic in one contiguous block, whatever the input order', () => {
    const { data, labels, rows } = topicRows([12, 7, 20], 3);
    const fit = fitTopics(data, rows, dims);
    expect(fit.k).toBe(3);
    const { order, bands, clusterOf } = orderByClusters(data, rows, dims, fit.topic, fit.centroids, fit.k);
    expect(bands.map((b) => b.size).sort((a, b) => a - b)).toEqual([7, 12, 20]);
    // Every band holds exactly one true topic.
    for (const band of bands) {
      const topicsInBand = new Set(
        Array.from(order.subarray(band.start, band.start + band.size), (r) => labels[r]),
      );
      expect(topicsInBand.size).toBe(1);
    }
    // The order is a permutation and clusterOf agrees with the bands.
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: rows }, (_, i) => i));
    const pos = positionsOf(order);
    for (let r = 0; r < rows; r++) {
      const band = bands[clusterOf[r]!]!;
      expect(pos[r]).toBeGreaterThanOrEqual(band.start);
      expect(pos[r]).toBeLessThan(band.start + band.size);
    }
  });

  it('shows topic blocks on the diagonal: mean similarity inside blocks well above outside', () => {
    const { data, rows } = topicRows([10, 10, 10], 5);
    const fit = fitTopics(data, rows, dims);
    const { order, clusterOf } = orderByClusters(data, rows, dims, fit.topic, fit.centroids, fit.k);
    const sims = gramNaive(data, rows, data, rows, dims);
    let inside = 0;
    let insideN = 0;
    let outside = 0;
    let outsideN = 0;
    for (let p = 0; p < rows; p++)
      for (let q = 0; q < rows; q++) {
        if (p === q) continue;
        const s = sims[order[p]! * rows + order[q]!]!;
        if (clusterOf[order[p]!] === clusterOf[order[q]!]) {
          inside += s;
          insideN++;
        } else {
          outside += s;
          outsideN++;
        }
      }
    expect(inside / insideN).toBeGreaterThan(outside / outsideN + 0.5);
  });

  it('inside a block, the most typical document comes first', () => {
    const { data, rows } = topicRows([15], 8);
    const fit = kmeans(data, rows, dims, 1, { metric: 'cosine' });
    const { order } = orderByClusters(data, rows, dims, fit.assignments, fit.centroids, 1);
    const fitToCentroid = Array.from(order, (r) => {
      let s = 0;
      for (let d = 0; d < dims; d++) s += data[r * dims + d]! * fit.centroids[d]!;
      return s;
    });
    expect(fitToCentroid).toEqual([...fitToCentroid].sort((a, b) => b - a));
  });

  it('chains clusters so that similar ones are neighbours, starting with the largest', () => {
    // Similarity on a line: 0-1-2-3 with 3 the largest; the chain walks the line from 3.
    const sim = (a: number, b: number) => -Math.abs(a - b);
    expect(centroidChain([5, 5, 5, 9], sim)).toEqual([3, 2, 1, 0]);
    // Empty clusters are dropped.
    expect(centroidChain([4, 0, 6], sim)).toEqual([2, 0]);
  });

  it('is deterministic: the same vectors give the same clusters', () => {
    const { data, rows } = topicRows([30, 30, 30, 30], 11);
    const a = kmeans(data, rows, dims, 4, { metric: 'cosine', seed: 1 });
    const b = kmeans(data, rows, dims, 4, { metric: 'cosine', seed: 1 });
    expect(Array.from(a.assignments)).toEqual(Array.from(b.assignments));
  });
});
