import { describe, expect, it } from 'vitest';
import { assignToClusters, clusterPoints } from '../../../src/main/core/topics/clusterPoints';
import { kmeans } from '../../../src/main/core/math/kmeans';
import { silhouette } from '../../../src/main/core/math/silhouette';
import { rows, unitBlobs } from '../map/blobs';

/** Are the two labelings the same partition (up to renaming)? */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if ((map.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return false;
    map.set(x, y);
    back.set(y, x);
  }
  return true;
}

describe('clusters', () => {
  it('k-means recovers separated groups exactly', () => {
    const { vectors, labels, n, dims } = unitBlobs(600, 5, 32, 0.2);
    const fit = kmeans(vectors, n, dims, 5);
    expect(samePartition(fit.assignments, labels)).toBe(true);
  });

  it('the silhouette is high for the true groups and near zero for arbitrary labels', () => {
    const { vectors, labels, n, dims } = unitBlobs(400, 4, 32, 0.3);
    expect(silhouette(vectors, n, dims, labels, 4, 'cosine')).toBeGreaterThan(0.5);
    const arbitrary = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 100));
    expect(Math.abs(silhouette(vectors, n, dims, arbitrary, 4, 'cosine'))).toBeLessThan(0.05);
  });

  it('chooses the number of groups by itself and places new points in their own group', () => {
    const { vectors, labels, n, dims } = unitBlobs(1400, 7, 128, 0.5);
    const result = clusterPoints(vectors, 1200, dims);
    expect(result.model.k).toBe(7);
    expect(samePartition(result.assignments, labels.subarray(0, 1200))).toBe(true);
    const best = result.scores.reduce((a, b) => (b.silhouette > a.silhouette ? b : a));
    expect(best.k).toBe(7);
    // Points the clustering never saw land in the cluster of their own group.
    const fresh = assignToClusters(result.model, rows(vectors, dims, 1200, n), n - 1200);
    const clusterOfGroup = new Map<number, number>();
    for (let i = 0; i < 1200; i++) clusterOfGroup.set(labels[i] as number, result.assignments[i] as number);
    fresh.forEach((c, i) => expect(c).toBe(clusterOfGroup.get(labels[1200 + i] as number)));
  });

  it('makes one cluster of a handful of points', () => {
    const { vectors, dims } = unitBlobs(5, 2, 16);
    const result = clusterPoints(vectors, 5, dims);
    expect(result.model.k).toBe(1);
    expect(Array.from(result.assignments)).toEqual([0, 0, 0, 0, 0]);
  });
});
