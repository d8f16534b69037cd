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
/** A 3D map shows this many labels, the largest topics (depth makes screen overlap unknowable here). */
const MAX_3D_LABELS = 12;

/** Zoomed in at least this far (opening view's width / visible width), sub-topics get labels too. */
export const FINE_LABEL_ZOOM = 2;

type Box = { x0: number; x1: number; y0: number; y1: number };

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
    const half = (cluster.label.length * CHAR_PX) / 2 + PAD_PX;
    const box = { x0: px - half, x1: px + half, y0: py - LINE_PX / 2, y1: py + LINE_PX / 2 };
    if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
    placed.push(box);
    out.push(cluster);
  }
}

const largestFirst = (clusters: readonly MapCluster[]) =>
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
  if (dims === 3 || !frame) return candidates.slice(0, dims === 3 ? MAX_3D_LABELS : candidates.length);
  const out: MapCluster[] = [];
  placeInto(candidates, frame, [], out);
  return out;
}

/**
 * Two levels of labels: the topics' (as placeLabels) and, once the 2D view is zoomed in at least
 * FINE_LABEL_ZOOM times past the width it opened with (`openWidth`, in data units), the sub-topics' in
 * the room the topic labels leave. No label ever overlaps another, of either level. 3D and a view
 * not yet drawn name topics only.
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
