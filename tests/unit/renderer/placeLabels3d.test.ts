import { describe, expect, it } from 'vitest';
import type { MapCluster } from '../../../src/shared/api/methods/map';
import { labelBox, overlaps } from '../../../src/renderer/src/map/placeLabels';
import {
  LABEL_FONT_PX,
  OPENING_EYE_DISTANCE,
  placeLabelLevels3d,
  projectToScreen,
  type SceneCamera,
  type SceneFrame,
} from '../../../src/renderer/src/map/placeLabels3d';

const ranges: Array<[number, number]> = [
  [-10, 10],
  [-10, 10],
  [-10, 10],
];
const UP = { x: 0, y: 0, z: 1 };
const ORIGIN = { x: 0, y: 0, z: 0 };

/** A camera on a circle around the scene at `angle` (radians), `height` up, `distance` away. */
function orbit(angle: number, height: number, distance = OPENING_EYE_DISTANCE): SceneCamera {
  const flat = Math.sqrt(Math.max(0, distance ** 2 - height ** 2));
  return { eye: { x: flat * Math.cos(angle), y: flat * Math.sin(angle), z: height }, center: ORIGIN, up: UP };
}

const frameAt = (camera: SceneCamera): SceneFrame => ({ camera, width: 900, height: 600, ranges });

/** Deterministic pseudo-random numbers (a small LCG), so the clusters are the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function clustersOf(count: number, seed: number, labelWords = 3): MapCluster[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, id) => ({
    id,
    label: Array.from({ length: labelWords }, (_, w) => `term${id}x${w}`).join(' · '),
    terms: [],
    size: 1 + Math.floor(next() * 100),
    centre: [next() * 16 - 8, next() * 16 - 8, next() * 16 - 8],
  }));
}

/** The placed labels' screen boxes, recomputed here from the projection. */
function boxesOf(placed: MapCluster[], frame: SceneFrame, fontPx: number) {
  return placed.map((c) => {
    const at = projectToScreen(c.centre, frame)!;
    expect(at).not.toBeNull();
    return labelBox(c.label, at.x, at.y, fontPx);
  });
}

describe('3D map labels (projected with the camera, never overlapping)', () => {
  it('projects like Plotly: the centre of the box to the middle of the scene, up is up', () => {
    const frame = frameAt(orbit(Math.PI / 4, 1));
    const centre = projectToScreen([0, 0, 0], frame)!;
    expect(centre.x).toBeCloseTo(450, 6);
    expect(centre.y).toBeCloseTo(300, 6);
    const high = projectToScreen([0, 0, 8], frame)!;
    expect(high.y).toBeLessThan(centre.y);
    // Outside the axis ranges nothing is drawn (Plotly drops such annotations too).
    expect(projectToScreen([0, 0, 11], frame)).toBeNull();
  });

  it('no two shown labels overlap, for any camera of a set around, above and inside the scene', () => {
    const topics = clustersOf(40, 7);
    const subtopics = clustersOf(60, 8, 2).map((c) => ({ ...c, id: c.id, label: `sub ${c.label}` }));
    const cameras: SceneCamera[] = [];
    for (let a = 0; a < 12; a++)
      for (const height of [-1.5, 0, 1, 2])
        for (const distance of [OPENING_EYE_DISTANCE, OPENING_EYE_DISTANCE / 2.5, OPENING_EYE_DISTANCE * 2])
          cameras.push(orbit((a * Math.PI) / 6, Math.min(height, distance * 0.95), distance));
    cameras.push({ eye: { x: 0.1, y: 0.1, z: 0.1 }, center: ORIGIN, up: UP }); // inside the box
    let shownAnywhere = 0;
    for (const camera of cameras) {
      const frame = frameAt(camera);
      const placed = placeLabelLevels3d(topics, subtopics, frame);
      const boxes = [
        ...boxesOf(placed.topics, frame, LABEL_FONT_PX.topic),
        ...boxesOf(placed.subtopics, frame, LABEL_FONT_PX.subtopic),
      ];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
      for (const b of boxes) {
        // Every shown label's anchor is on screen.
        expect((b.x0 + b.x1) / 2).toBeGreaterThanOrEqual(0);
        expect((b.x0 + b.x1) / 2).toBeLessThanOrEqual(900);
      }
      shownAnywhere += placed.topics.length;
      // The largest topic in view is always named (placement goes largest first).
      const inView = [...topics]
        .sort((a, b) => b.size - a.size)
        .find((c) => {
          const at = projectToScreen(c.centre, frame);
          return at && at.x >= 0 && at.x <= 900 && at.y >= 0 && at.y <= 600;
        });
      if (inView) expect(placed.topics[0]?.id).toBe(inView.id);
    }
    expect(shownAnywhere).toBeGreaterThan(cameras.length * 3);
  });

  it('hides the smaller of two topics one behind the other, and shows it again from the side', () => {
    const topics: MapCluster[] = [
      { id: 0, label: 'wings · lift', terms: [], size: 50, centre: [0, 0, 0] },
      // Straight behind topic 0 seen from the +x axis.
      { id: 1, label: 'engines · thrust', terms: [], size: 10, centre: [-9, 0, 0] },
    ];
    const fromFront = placeLabelLevels3d(topics, [], frameAt(orbit(0, 0)));
    expect(fromFront.topics.map((c) => c.id)).toEqual([0]);
    const fromSide = placeLabelLevels3d(topics, [], frameAt(orbit(Math.PI / 2, 0)));
    expect(fromSide.topics.map((c) => c.id)).toEqual([0, 1]);
  });

  it('names sub-topics only once zoomed in (as 2D does), and none before the first draw', () => {
    const topics: MapCluster[] = [{ id: 0, label: 'wings · lift', terms: [], size: 50, centre: [0, 0, 0] }];
    const subtopics: MapCluster[] = [{ id: 0, label: 'swept wings', terms: [], size: 30, centre: [0, 4, 4] }];
    expect(placeLabelLevels3d(topics, subtopics, frameAt(orbit(0.3, 0.5))).subtopics).toEqual([]);
    const zoomed = frameAt(orbit(0.3, 0.2, OPENING_EYE_DISTANCE / 2));
    expect(placeLabelLevels3d(topics, subtopics, zoomed).subtopics.map((c) => c.id)).toEqual([0]);
    expect(placeLabelLevels3d(topics, subtopics, null)).toEqual({ topics: [], subtopics: [] });
  });
});
