import type { MapCluster } from '../../../shared/api/methods/map';

/** What part of a 2D map is on screen and how many pixels it spans (from Plotly's axes). */
export interface MapFrame {
  x: [number, number];
  y: [number, number];
  width: number;
  height: number;
}

/** Rough pixel box of a label in the map's 13 px font (no DOM measuring: this runs per zoom step). */
const CHAR_PX = 7.2;
const LINE_PX = 18;
const PAD_PX = 6;

/** Zoomed in at least this far (opening view's width / visible width), sub-topics get labels too. */
export const FINE_LABEL_ZOOM = 2;

export type Box = { x0: number; x1: number; y0: number; y1: number };

/** The pixel box of a label centred at (x, y) in a font of `fontPx` (13 px: the map's label font). */
export function labelBox(label: string, x: number, y: number, fontPx = 13): Box {
  const scale = fontPx / 13;
  const half = (label.length * CHAR_PX * scale) / 2 + PAD_PX;
  const halfHeight = (LINE_PX * scale) / 2;
  return { x0: x - half, x1: x + half, y0: y - halfHeight, y1: y + halfHeight };
}

export const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Adds to `out` every candidate (in order) whose label is in view and overlaps no box in `placed`. */
function placeInto(
  candidates: readonly MapCluster[],
  frame: MapFrame,
  placed: Box[],
  out: MapCluster[],
): void {
  const sx = frame.width / (frame.x[1] - frame.x[0] || 1);
  const sy = frame.height / (frame.y[1] - frame.y[0] || 1);
  for (const cluster of candidates) {
    const px = ((cluster.centre[0] ?? 0) - frame.x[0]) * sx;
    const py = ((cluster.centre[1] ?? 0) - frame.y[0]) * sy;
    if (px < 0 || px > frame.width || py < 0 || py > frame.height) continue;
    const box = labelBox(cluster.label, px, py);
    if (placed.some((b) => overlaps(b, box))) continue;
    placed.push(box);
    out.push(cluster);
  }
}

export const largestFirst = (clusters: readonly MapCluster[]) =>
  clusters.filter((c) => c.size > 0 && c.label).sort((a, b) => b.size - a.size);

/**
 * The cluster labels to draw: in 2D, largest topic first, every label whose box on screen does not
 * overlap one already placed and whose centre is in view. Zoomed out only the big topics are named;
 * zooming in spreads the clusters apart and the smaller ones' labels appear, never on top of another.
 */
export function placeLabels(
  clusters: readonly MapCluster[],
  dims: 2 | 3,
  frame: MapFrame | null,
): MapCluster[] {
  const candidates = largestFirst(clusters);
  // 3D labels are placed by the camera (placeLabels3d.ts).
  if (dims === 3) return [];
  if (!frame) return candidates;
  const out: MapCluster[] = [];
  placeInto(candidates, frame, [], out);
  return out;
}

/**
 * Two levels of labels: the topics' (as placeLabels) and, once the 2D view is zoomed in at least
 * FINE_LABEL_ZOOM times past the width it opened with (`openWidth`, in data units), the sub-topics' in
 * the room the topic labels leave. No label ever overlaps another, of either level. A view not yet
 * drawn names topics only; 3D is placeLabelLevels3d's (placeLabels3d.ts).
 */
export function placeLabelLevels(
  topics: readonly MapCluster[],
  subtopics: readonly MapCluster[],
  dims: 2 | 3,
  frame: MapFrame | null,
  openWidth: number,
): { topics: MapCluster[]; subtopics: MapCluster[] } {
  if (dims === 3 || !frame) return { topics: placeLabels(topics, dims, frame), subtopics: [] };
  const placed: Box[] = [];
  const coarse: MapCluster[] = [];
  placeInto(largestFirst(topics), frame, placed, coarse);
  const fine: MapCluster[] = [];
  const zoom = openWidth / (frame.x[1] - frame.x[0] || 1);
  if (zoom >= FINE_LABEL_ZOOM) placeInto(largestFirst(subtopics), frame, placed, fine);
  return { topics: coarse, subtopics: fine };
}
