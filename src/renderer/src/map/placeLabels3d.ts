import type { MapCluster } from '../../../shared/api/methods/map';
import { FINE_LABEL_ZOOM, labelBox, largestFirst, overlaps, type Box } from './placeLabels';

/**
 * Labels of a 3D map that never overlap on screen. Plotly draws them (scene annotations: SVG text it
 * moves with the camera); which ones are shown is decided here, after each camera change, by
 * projecting every label's anchor with the camera Plotly uses and placing labels largest topic first,
 * each only where it overlaps no label already placed (the 2D rule of placeLabels.ts).
 *
 * The projection is gl3d's own (plotly.js src/plots/gl3d/scene.js and gl-plot3d): data are scaled so
 * each axis range spans 1 around the origin (aspectmode 'cube': the box is [-0.5, 0.5]^3), the view is
 * lookAt(eye, center, up) in those units (the layout's `scene.camera`), the projection a perspective
 * of vertical field of view pi/4 over the scene's pixel box.
 */

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Plotly's `scene.camera` (eye, center and up in the scene's normalised units). */
export interface SceneCamera {
  eye: Vec3;
  center: Vec3;
  up: Vec3;
}

/** What a 3D label placement needs: the camera, the scene's pixel size and its axis ranges. */
export interface SceneFrame {
  camera: SceneCamera;
  width: number;
  height: number;
  /** The x, y and z axis ranges (data units) of the scene (mapTraces.frameRanges). */
  ranges: ReadonlyArray<readonly [number, number]>;
}

/** gl-plot3d's defaults. */
const FOVY = Math.PI / 4;
const Z_NEAR = 0.01;

/** The camera a map opens with; its distance from the centre is zoom 1. */
export const OPENING_EYE_DISTANCE = Math.hypot(1.4, 1.4, 1.0);

const sub = (a: Vec3, b: Vec3): Vec3 => ({ x: a.x - b.x, y: a.y - b.y, z: a.z - b.z });
const dot = (a: Vec3, b: Vec3) => a.x * b.x + a.y * b.y + a.z * b.z;
const cross = (a: Vec3, b: Vec3): Vec3 => ({
  x: a.y * b.z - a.z * b.y,
  y: a.z * b.x - a.x * b.z,
  z: a.x * b.y - a.y * b.x,
});
function unit(v: Vec3): Vec3 {
  const n = Math.hypot(v.x, v.y, v.z) || 1;
  return { x: v.x / n, y: v.y / n, z: v.z / n };
}

/**
 * Where a data point appears in the scene's pixel box ({x, y} from its top left), or null when it is
 * behind the camera or outside the axis ranges (Plotly does not draw an annotation there either).
 */
export function projectToScreen(
  point: readonly number[],
  frame: SceneFrame,
): { x: number; y: number } | null {
  const n: number[] = [];
  for (let a = 0; a < 3; a++) {
    const [lo, hi] = frame.ranges[a] ?? [0, 1];
    const v = point[a] ?? 0;
    if (v < lo || v > hi) return null;
    n.push((v - (lo + hi) / 2) / (hi - lo || 1));
  }
  const { eye, center, up } = frame.camera;
  const f = unit(sub(center, eye));
  const s = unit(cross(f, up));
  const u = cross(s, f);
  const rel = sub({ x: n[0]!, y: n[1]!, z: n[2]! }, eye);
  const depth = dot(f, rel);
  if (depth <= Z_NEAR) return null;
  const focal = 1 / Math.tan(FOVY / 2);
  const aspect = frame.width / (frame.height || 1);
  const cx = (focal / aspect) * dot(s, rel);
  const cy = focal * dot(u, rel);
  return { x: 0.5 * (1 + cx / depth) * frame.width, y: 0.5 * (1 - cy / depth) * frame.height };
}

/** How far the camera is zoomed in from the opening view (eye distance to the centre, inverted). */
export function cameraZoom(camera: SceneCamera): number {
  return OPENING_EYE_DISTANCE / (Math.hypot(...Object.values(sub(camera.eye, camera.center))) || 1);
}

/** A label's font size in 3D, by level (the 2D map's sizes). */
export const LABEL_FONT_PX = { topic: 13, subtopic: 11 } as const;

/** Every candidate (in order) whose projected label is on screen and overlaps no box in `placed`. */
function placeInto(
  candidates: readonly MapCluster[],
  frame: SceneFrame,
  fontPx: number,
  placed: Box[],
  out: MapCluster[],
): void {
  for (const cluster of candidates) {
    const at = projectToScreen(cluster.centre, frame);
    if (!at || at.x < 0 || at.x > frame.width || at.y < 0 || at.y > frame.height) continue;
    const box = labelBox(cluster.label, at.x, at.y, fontPx);
    if (placed.some((b) => overlaps(b, box))) continue;
    placed.push(box);
    out.push(cluster);
  }
}

/**
 * The labels to show on a 3D map for the current camera: topics, largest first, and, once zoomed in
 * FINE_LABEL_ZOOM times or more, sub-topics in the room left; no two labels of either level overlap.
 * With no frame yet (before the first draw) none: they appear with the first camera report.
 */
export function placeLabelLevels3d(
  topics: readonly MapCluster[],
  subtopics: readonly MapCluster[],
  frame: SceneFrame | null,
): { topics: MapCluster[]; subtopics: MapCluster[] } {
  if (!frame) return { topics: [], subtopics: [] };
  const placed: Box[] = [];
  const coarse: MapCluster[] = [];
  placeInto(largestFirst(topics), frame, LABEL_FONT_PX.topic, placed, coarse);
  const fine: MapCluster[] = [];
  if (cameraZoom(frame.camera) >= FINE_LABEL_ZOOM)
    placeInto(largestFirst(subtopics), frame, LABEL_FONT_PX.subtopic, placed, fine);
  return { topics: coarse, subtopics: fine };
}
