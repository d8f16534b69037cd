import { describe, expect, it } from 'vitest';
import type { MapLayout } from '../../../src/shared/api/methods/map';
import {
  buildFigureLayout,
  buildTraces,
  frameRanges,
  type MapView,
} from '../../../src/renderer/src/map/mapTraces';
import { placeLabelLevels, placeLabels } from '../../../src/renderer/src/map/placeLabels';
import { selectionCsv, selectionRows } from '../../../src/renderer/src/map/selectionRows';

/** A 2D layout: a dense blob of `n` points around the origin plus the given far outliers. */
function layoutWith(
  n: number,
  outliers: Array<[number, number]>,
  level: MapLayout['level'] = 'documents',
): MapLayout {
  const points = n + outliers.length;
  const coords = new Float32Array(points * 2);
  for (let i = 0; i < n; i++) {
    coords[i * 2] = Math.cos(i * 2.4) * (i / n);
    coords[i * 2 + 1] = Math.sin(i * 2.4) * (i / n);
  }
  outliers.forEach(([x, y], j) => {
    coords[(n + j) * 2] = x;
    coords[(n + j) * 2 + 1] = y;
  });
  return {
    layoutId: 'l',
    level,
    method: 'umap',
    dims: 2,
    model: 'm',
    dataVersion: 'v',
    coords,
    cluster: Int32Array.from({ length: points }, (_, i) => i % 2),
    subcluster: Int32Array.from({ length: points }, (_, i) => i % 2),
    doc: Int32Array.from({ length: points }, (_, i) => i % 3),
    page: new Int32Array(points),
    ordinal: new Int32Array(points),
    charStart: new Int32Array(points),
    charEnd: new Int32Array(points),
    snippets: new Array<string>(points).fill(''),
    docs: ['alpha', 'beta', '=gamma'].map((t, i) => ({
      id: `d${i}`,
      title: t,
      path: `/lib/${t}.pdf`,
      kind: 'pdf' as const,
      source: '/lib',
      mtime: 0,
      date: 0,
      pages: 1,
    })),
    clusters: [
      { id: 0, label: 'wings · lift', terms: [], size: 0, centre: [0, 0] },
      { id: 1, label: 'music · keys', terms: [], size: 0, centre: [0, 0] },
    ],
    subclusters: [],
    points,
    total: points,
    sampled: false,
    placed: 0,
    computedAt: 0,
    silhouette: null,
    explained: null,
  };
}

const view: MapView = {
  dims: 2,
  pointSize: 7,
  opacity: 0.8,
  showLabels: true,
  focus: null,
  query: null,
  textColor: '#000000',
};

describe('the map view', () => {
  it('frames the bulk of the points, not the outliers that would squeeze it into a corner', () => {
    const layout = layoutWith(1000, [
      [500, 0],
      [0, -800],
      [300, 300],
    ]);
    const [x, y] = frameRanges(layout, 2)!;
    // The blob spans about [-1, 1]; the frame holds it with a margin and ignores the far points.
    expect(x![0]).toBeLessThan(-0.9);
    expect(x![1]).toBeGreaterThan(0.9);
    expect(x![1]).toBeLessThan(2);
    expect(y![0]).toBeGreaterThan(-2);
    const figure = buildFigureLayout(layout, view);
    expect(figure.xaxis).toMatchObject({ range: x, autorange: false });
  });

  it('draws density contours under a 2D map of many points, not under a few or in 3D', () => {
    const names = (l: MapLayout, v: MapView) =>
      buildTraces(l, { colors: null, values: null, range: null, legend: [] }, [], v).map(
        (t) => (t as { name: string }).name,
      );
    expect(names(layoutWith(200, []), view)[0]).toBe('density');
    expect(names(layoutWith(10, []), view)).not.toContain('density');
  });

  it('lists the documents of a selection with their main topic and exports them as safe CSV', () => {
    const layout = layoutWith(
      0,
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ],
      'chunks',
    );
    // Points 0..4 belong to documents 0,1,2,0,1 and clusters 0,1,0,1,0.
    const rows = selectionRows(layout, [0, 1, 2, 3, 4]);
    expect(rows.map((r) => [r.title, r.points])).toEqual([
      ['alpha', 2],
      ['beta', 2],
      ['=gamma', 1],
    ]);
    expect(rows[2]).toMatchObject({ topic: 'wings · lift', path: '/lib/=gamma.pdf', first: 2 });
    const csv = selectionCsv(rows, 'chunks').split('\r\n');
    expect(csv[0]).toBe('title,topic,path,passages');
    expect(csv[3]).toBe("'=gamma,wings · lift,/lib/=gamma.pdf,1");
  });

  it('never draws two labels on top of each other; zooming in makes room for the smaller topics', () => {
    const cluster = (id: number, size: number, x: number, y: number) => ({
      id,
      label: `topic number ${id}`,
      terms: [],
      size,
      centre: [x, y],
    });
    const clusters = [
      cluster(0, 50, 0, 0),
      cluster(1, 10, 0.5, 0.1),
      cluster(2, 30, 5, 5),
      cluster(3, 5, 40, 0),
    ];
    const wide = {
      x: [-10, 10] as [number, number],
      y: [-10, 10] as [number, number],
      width: 600,
      height: 600,
    };
    // Zoomed out, topic 1 sits under the larger topic 0's label; topic 3 is out of view.
    expect(placeLabels(clusters, 2, wide).map((c) => c.id)).toEqual([0, 2]);
    const zoomed = {
      x: [-1, 1] as [number, number],
      y: [-1, 1] as [number, number],
      width: 600,
      height: 600,
    };
    expect(placeLabels(clusters, 2, zoomed).map((c) => c.id)).toEqual([0, 1]);
    // Before the first draw (no frame) every label is a candidate; 3D is placed by its camera.
    expect(placeLabels(clusters, 2, null).map((c) => c.id)).toEqual([0, 2, 1, 3]);
    expect(placeLabels(clusters, 3, wide)).toEqual([]);
  });

  it('names topics zoomed out and adds sub-topics zoomed in, never overlapping a label of either level', () => {
    const at = (id: number, size: number, x: number, y: number, label: string, parent?: number) => ({
      id,
      label,
      terms: [],
      size,
      centre: [x, y],
      ...(parent === undefined ? {} : { parent }),
    });
    const topics = [at(0, 50, 0, 0, 'wings · lift'), at(1, 40, 6, 6, 'fonts · type')];
    const subtopics = [
      at(0, 30, -1.5, -1.5, 'swept wings', 0),
      at(1, 20, 0.05, 0.05, 'lift coefficient', 0), // right under its topic's label
      at(2, 25, 6, 4.5, 'glyph metrics', 1),
    ];
    const frame = (half: number, cx = 0, cy = 0) => ({
      x: [cx - half, cx + half] as [number, number],
      y: [cy - half, cy + half] as [number, number],
      width: 600,
      height: 600,
    });
    const opened = 20; // the view opened 20 units wide
    const ids = (r: { topics: Array<{ id: number }>; subtopics: Array<{ id: number }> }) => ({
      topics: r.topics.map((c) => c.id),
      subtopics: r.subtopics.map((c) => c.id),
    });
    // As opened (and zoomed in less than 2x): topics only.
    expect(ids(placeLabelLevels(topics, subtopics, 2, frame(10, 3, 3), opened))).toEqual({
      topics: [0, 1],
      subtopics: [],
    });
    expect(ids(placeLabelLevels(topics, subtopics, 2, frame(6, 3, 3), opened)).subtopics).toEqual([]);
    // Zoomed in 4x around topic 0: its sub-topics appear, except the one its topic's label covers.
    expect(ids(placeLabelLevels(topics, subtopics, 2, frame(2.5), opened))).toEqual({
      topics: [0],
      subtopics: [0],
    });
    // 3D names topics only.
    expect(ids(placeLabelLevels(topics, subtopics, 3, frame(2.5), opened)).subtopics).toEqual([]);
  });
});
