import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/main/core/map/computeLayout';
import { MIN_KEPT_SHARE, placeIntoLayout, projectQuery } from '../../../src/main/core/map/placeNewPoints';
import type { PointSet } from '../../../src/main/core/map/pointSet';
import { layoutKey, type LayoutParams } from '../../../src/main/core/map/storedLayout';
import { rows, unitBlobs, type Blobs } from './blobs';

/** The points of a map over blob vectors (documents level; ids say which blob a point is from). */
function pointsOf(blobs: Blobs, ids: number[], dataVersion: string): PointSet {
  const n = ids.length;
  const d = blobs.dims;
  const vectors = new Float32Array(n * d);
  ids.forEach((id, i) => vectors.set(blobs.vectors.subarray(id * d, (id + 1) * d), i * d));
  return {
    spec: { level: 'documents', modelId: 'm', filters: {}, maxPoints: 100_000 },
    model: { id: 'm', dims: d, fingerprint: 'f', table: 't' },
    dataVersion,
    total: n,
    n,
    dims: d,
    ids: ids.map((id) => `doc${id}@g`),
    keys: [],
    vectors,
    docs: [],
    doc: new Int32Array(n),
    page: new Int32Array(n),
    ordinal: new Int32Array(n).fill(-1),
    charStart: new Int32Array(n).fill(-1),
    charEnd: new Int32Array(n).fill(-1),
    texts: ids.map((id) => `topic${blobs.labels[id]} words`),
    snippets: ids.map(() => ''),
  };
}

function params(method: 'pca' | 'umap'): LayoutParams {
  return { level: 'documents', method, dims: 3, modelId: 'm', filters: {}, maxPoints: 100_000 };
}

function centroid(coords: Float32Array, indices: number[]): number[] {
  const c = [0, 0, 0];
  for (const i of indices)
    for (let a = 0; a < 3; a++) c[a] = (c[a] as number) + (coords[i * 3 + a] as number) / indices.length;
  return c;
}

function dist(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.hypot(...[0, 1, 2].map((i) => (a[i] as number) - (b[i] as number)));
}

describe('placing new points into an existing layout', () => {
  const blobs = unitBlobs(700, 6, 48, 0.4);
  const first = Array.from({ length: 600 }, (_, i) => i);
  const later = Array.from({ length: 700 }, (_, i) => i).filter((i) => i % 50 !== 3); // 12 removed, 98 added

  for (const method of ['umap', 'pca'] as const) {
    it(`${method}: old points keep their coordinates, new ones land among their own group`, () => {
      const before = pointsOf(blobs, first, 'v1');
      const layout = computeLayout(before, params(method), layoutKey(params(method), 'f'), {
        indexDir: '/nonexistent',
        vectorsVersion: null,
      });
      const after = pointsOf(blobs, later, 'v2');
      const placed = placeIntoLayout(layout, after);
      expect(placed).not.toBeNull();
      if (!placed) return;
      expect(placed.dataVersion).toBe('v2');
      expect(placed.placed).toBe(later.filter((id) => id >= 600).length);
      expect(placed.layoutId).not.toBe(layout.layoutId);
      expect(placed.ids).toEqual(after.ids);
      const oldRow = new Map(layout.ids.map((id, i) => [id, i]));
      after.ids.forEach((id, i) => {
        const row = oldRow.get(id);
        if (row === undefined) return;
        expect(Array.from(placed.coords.subarray(i * 3, i * 3 + 3))).toEqual(
          Array.from(layout.coords.subarray(row * 3, row * 3 + 3)),
        );
        expect(placed.cluster[i]).toBe(layout.cluster[row]);
      });
      // Each new point is nearer the centre of its own group's old points than to any other group's.
      const groupCentres = [0, 1, 2, 3, 4, 5].map((g) =>
        centroid(
          placed.coords,
          after.ids
            .map((_, i) => i)
            .filter((i) => (later[i] as number) < 600 && blobs.labels[later[i] as number] === g),
        ),
      );
      let right = 0;
      let fresh = 0;
      after.ids.forEach((_, i) => {
        const id = later[i] as number;
        if (id < 600) return;
        fresh++;
        const own = blobs.labels[id] as number;
        const p = placed.coords.subarray(i * 3, i * 3 + 3);
        const nearest = groupCentres
          .map((c) => dist(p, c))
          .indexOf(Math.min(...groupCentres.map((c) => dist(p, c))));
        if (nearest === own) right++;
      });
      expect(right / fresh).toBeGreaterThan(0.95);
    });
  }

  it('asks for a recompute when most points would be new, and is a no-op when nothing changed', () => {
    const before = pointsOf(blobs, first.slice(0, 200), 'v1');
    const layout = computeLayout(before, params('pca'), 'k', {
      indexDir: '/nonexistent',
      vectorsVersion: null,
    });
    expect(placeIntoLayout(layout, pointsOf(blobs, first, 'v2'))).toBeNull();
    expect(200 / 600).toBeLessThan(MIN_KEPT_SHARE);
    expect(placeIntoLayout(layout, pointsOf(blobs, first.slice(0, 200), 'v1'))).toBe(layout);
  });

  it('places a query where its nearest points are and returns them best first', () => {
    const points = pointsOf(blobs, first, 'v1');
    const layout = computeLayout(points, params('umap'), 'k', {
      indexDir: '/nonexistent',
      vectorsVersion: null,
    });
    const query = rows(blobs.vectors, blobs.dims, 650, 651); // not on the map, from group 650 % 6
    const { coords, hits } = projectQuery(layout, points, query, 5);
    expect(hits).toHaveLength(5);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
    for (const hit of hits) expect(blobs.labels[first[hit.point] as number]).toBe(blobs.labels[650]);
    const top = hits[0]!.point;
    const ownGroup = first.filter((id) => blobs.labels[id] === blobs.labels[650]);
    expect(dist(coords, layout.coords.subarray(top * 3, top * 3 + 3))).toBeLessThan(
      dist(
        centroid(layout.coords, ownGroup),
        centroid(
          layout.coords,
          first.filter((id) => blobs.labels[id] !== blobs.labels[650]),
        ),
      ),
    );
  });
});
