import type { Config, Data, Layout } from 'plotly.js-dist-min/lib/index';
import type { MapLayout, MapQueryProjection } from '../../../shared/api/methods/map';
import type { Coloring } from './mapColors';
import { placeLabelLevels, type MapFrame } from './placeLabels';
import { LABEL_FONT_PX, placeLabelLevels3d, type SceneCamera } from './placeLabels3d';

/**
 * The Plotly figure of a map, built from the layout and the view settings (pure: no DOM, so the bench
 * can render exactly what the app renders).
 *
 * One WebGL trace holds every point (scatter3d, or scattergl in 2D). Plotly's 3D picking reads the
 * point under the cursor back from the GPU, so hover stays cheap at 100k points; per-point hover texts
 * are built once per layout. When a search or a selection is active, the full trace is dimmed to one
 * grey and the points in focus are redrawn on top in their own colours (scatter3d has no per-point
 * opacity).
 */
export interface MapView {
  dims: 2 | 3;
  pointSize: number;
  opacity: number;
  showLabels: boolean;
  /** Points drawn in colour on top of a dimmed map (a selection or a query's hits). */
  focus: number[] | null;
  query: MapQueryProjection | null;
  /** Text colour (the app's foreground, light or dark theme). */
  textColor: string;
  /** The part of a 2D map on screen, once drawn: labels are placed so that none overlap. */
  frame?: MapFrame | null;
  /** A drawn 3D map's camera and pixel size, after each camera change: labels are placed for it. */
  scene?: { camera: SceneCamera; width: number; height: number } | null;
}

/** Trace names; clicks and tests find traces by them. */
export const TRACE = {
  density: 'density',
  points: 'points',
  focus: 'focus',
  query: 'query',
  links: 'links',
  labels: 'labels',
  subLabels: 'sub-labels',
} as const;

const DIMMED = 'rgba(140, 140, 150, 0.35)';
const QUERY_COLOR = '#ff2d55';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Hover text per point: title, page, cluster, first words (Plotly renders a little HTML: escape). */
export function hoverTexts(layout: MapLayout): string[] {
  return Array.from({ length: layout.points }, (_, i) => {
    const doc = layout.docs[layout.doc[i] as number];
    const page = layout.page[i] as number;
    const cluster = layout.clusters[layout.cluster[i] as number];
    const title = escapeHtml(doc?.title || doc?.path || '');
    const where = [page > 0 ? `p. ${page}` : '', cluster?.label ? escapeHtml(cluster.label) : '']
      .filter(Boolean)
      .join(' · ');
    const snippet = escapeHtml(layout.snippets[i] ?? '');
    return `<b>${title}</b>${where ? `<br>${where}` : ''}${snippet ? `<br><i>${snippet}</i>` : ''}`;
  });
}

function axis(coords: Float32Array, dims: number, a: number, points: ArrayLike<number> | null): Float32Array {
  if (!points) {
    const n = coords.length / dims;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = coords[i * dims + a] as number;
    return out;
  }
  return Float32Array.from(points, (i) => coords[i * dims + a] as number);
}

/** Positions of the given points (all when null) as x / y / z arrays. */
function positions(layout: MapLayout, points: ArrayLike<number> | null, dims: 2 | 3) {
  const d = layout.dims;
  const xyz = { x: axis(layout.coords, d, 0, points), y: axis(layout.coords, d, 1, points) } as {
    x: Float32Array;
    y: Float32Array;
    z?: Float32Array;
  };
  if (dims === 3 && d === 3) xyz.z = axis(layout.coords, d, 2, points);
  return xyz;
}

/** Below this many points contours say nothing the points do not. */
export const DENSITY_MIN_POINTS = 50;
/** The view frames this share of the points on each axis (outliers do not squeeze the mass). */
const FRAME_QUANTILES: [number, number] = [0.01, 0.99];
/** Room left around the framed points, as a share of their span. */
const FRAME_MARGIN = 0.08;

/**
 * Density contours under the points (like Embedding Atlas): where the mass of a 2D map is, even
 * where thousands of points overlap. Outlines only, in a faint text colour, so any colouring of the
 * points still reads.
 */
function densityTrace(layout: MapLayout, view: MapView): Data {
  return {
    type: 'histogram2dcontour',
    name: TRACE.density,
    ...positions(layout, null, 2),
    ncontours: 8,
    nbinsx: 60,
    nbinsy: 60,
    contours: { coloring: 'none', showlines: true },
    line: { color: view.textColor, width: 1, smoothing: 1.2 },
    opacity: 0.3,
    showscale: false,
    hoverinfo: 'skip',
    showlegend: false,
  } as Data;
}

/** The value at quantile q of the given axis (linear interpolation between order statistics). */
function quantile(sorted: Float32Array, q: number): number {
  if (sorted.length === 0) return 0;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

/**
 * The axis ranges a map opens with: the 1st to 99th percentile of the points on each axis plus a
 * margin, so that a few far outliers do not squeeze the rest into a corner (they stay on the map,
 * outside the first view; zoom out or Reset view reaches them). Null for an empty map.
 */
export function frameRanges(layout: MapLayout, dims: 2 | 3): Array<[number, number]> | null {
  if (layout.points === 0) return null;
  const out: Array<[number, number]> = [];
  for (let a = 0; a < Math.min(dims, layout.dims); a++) {
    const values = axis(layout.coords, layout.dims, a, null).sort();
    const lo = quantile(values, FRAME_QUANTILES[0]);
    const hi = quantile(values, FRAME_QUANTILES[1]);
    const margin = Math.max(hi - lo, 1e-6) * FRAME_MARGIN;
    out.push([lo - margin, hi + margin]);
  }
  return out;
}

function dateLabel(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function buildTraces(layout: MapLayout, coloring: Coloring, hover: string[], view: MapView): Data[] {
  const three = view.dims === 3 && layout.dims === 3;
  const scatter = three ? 'scatter3d' : 'scattergl';
  const dimmed = view.focus !== null || view.query !== null;
  const marker: Record<string, unknown> = { size: view.pointSize, opacity: dimmed ? 0.35 : view.opacity };
  if (dimmed) marker.color = DIMMED;
  else if (coloring.colors) marker.color = coloring.colors;
  else if (coloring.values && coloring.range) {
    const [min, max] = coloring.range;
    marker.color = coloring.values;
    marker.colorscale = 'Viridis';
    marker.showscale = true;
    marker.colorbar = {
      title: { text: 'Modified' },
      tickvals: [min, (min + max) / 2, max],
      ticktext: [dateLabel(min), dateLabel((min + max) / 2), dateLabel(max)],
      thickness: 12,
      tickfont: { color: view.textColor },
    };
  }
  if (three) marker.line = { width: 0 };
  const traces: Data[] = [];
  if (!three && layout.points >= DENSITY_MIN_POINTS) traces.push(densityTrace(layout, view));
  traces.push({
    type: scatter,
    mode: 'markers',
    name: TRACE.points,
    ...positions(layout, null, view.dims),
    marker,
    hovertext: hover,
    hoverinfo: 'text',
    showlegend: false,
  } as Data);

  const focus = view.focus ?? (view.query ? view.query.hits.map((h) => h.point) : null);
  if (focus && focus.length > 0) {
    traces.push({
      type: scatter,
      mode: 'markers',
      name: TRACE.focus,
      ...positions(layout, focus, view.dims),
      customdata: focus,
      marker: {
        size: view.pointSize * (view.query ? 2 : 1.4),
        opacity: 1,
        color: coloring.colors ? focus.map((i) => coloring.colors?.[i] as string) : QUERY_COLOR,
        line: { width: 1, color: view.textColor },
      },
      hovertext: focus.map((i) => hover[i] as string),
      hoverinfo: 'text',
      showlegend: false,
    } as Data);
  }

  if (view.query) {
    const q = Array.from(view.query.coords);
    const at = (i: number) => q[i] ?? 0;
    traces.push({
      type: scatter,
      mode: 'markers',
      name: TRACE.query,
      x: [at(0)],
      y: [at(1)],
      ...(three ? { z: [at(2)] } : {}),
      marker: {
        size: view.pointSize * 3 + 4,
        color: QUERY_COLOR,
        symbol: 'diamond',
        line: { width: 2, color: view.textColor },
      },
      hovertext: ['Your query'],
      hoverinfo: 'text',
      showlegend: false,
    } as Data);
    // One polyline with breaks (null) joins the query to each hit.
    const x: Array<number | null> = [];
    const y: Array<number | null> = [];
    const z: Array<number | null> = [];
    for (const hit of view.query.hits) {
      const d = layout.dims;
      x.push(at(0), layout.coords[hit.point * d] as number, null);
      y.push(at(1), layout.coords[hit.point * d + 1] as number, null);
      if (three) z.push(at(2), layout.coords[hit.point * d + 2] as number, null);
    }
    traces.push({
      type: scatter,
      mode: 'lines',
      name: TRACE.links,
      x,
      y,
      ...(three ? { z } : {}),
      line: { color: QUERY_COLOR, width: 2 },
      hoverinfo: 'skip',
      showlegend: false,
      connectgaps: false,
    } as Data);
  }

  // 3D labels are scene annotations (buildFigureLayout): SVG text Plotly moves with the camera.
  if (view.showLabels && layout.clusters.length > 1 && !three) {
    const dims = 2;
    const open = frameRanges(layout, 2)?.[0];
    const labelled = placeLabelLevels(
      layout.clusters,
      layout.subclusters,
      dims,
      view.frame ?? null,
      open ? open[1] - open[0] : 0,
    );
    // Topics in the regular label font; sub-topics (only when zoomed in) smaller and in italics.
    const levels = [
      { name: TRACE.labels, clusters: labelled.topics, size: 13, style: 'normal' },
      { name: TRACE.subLabels, clusters: labelled.subtopics, size: 11, style: 'italic' },
    ];
    for (const level of levels) {
      if (level.name === TRACE.subLabels && level.clusters.length === 0) continue;
      traces.push({
        type: 'scatter',
        mode: 'text',
        name: level.name,
        x: level.clusters.map((c) => c.centre[0] ?? 0),
        y: level.clusters.map((c) => c.centre[1] ?? 0),
        text: level.clusters.map((c) => escapeHtml(c.label)),
        textfont: { color: view.textColor, size: level.size, style: level.style },
        hoverinfo: 'skip',
        showlegend: false,
      } as Data);
    }
  }
  return traces;
}

/**
 * A 3D map's labels for its current camera (placeLabels3d.ts: none overlap on screen) as scene
 * annotations: topics in the label font, sub-topics (zoomed in) smaller and in italics.
 */
function sceneLabels(layout: MapLayout, view: MapView, ranges: Array<[number, number]> | null) {
  if (!view.showLabels || layout.clusters.length <= 1 || !ranges || ranges.length < 3) return [];
  const placed = placeLabelLevels3d(
    layout.clusters,
    layout.subclusters,
    view.scene ? { ...view.scene, ranges } : null,
  );
  const levels = [
    { clusters: placed.topics, size: LABEL_FONT_PX.topic, style: 'normal' },
    { clusters: placed.subtopics, size: LABEL_FONT_PX.subtopic, style: 'italic' },
  ];
  return levels.flatMap(({ clusters, size, style }) =>
    clusters.map((c) => ({
      x: c.centre[0] ?? 0,
      y: c.centre[1] ?? 0,
      z: c.centre[2] ?? 0,
      text: escapeHtml(c.label),
      showarrow: false,
      font: { color: view.textColor, size, style },
      captureevents: false,
    })),
  );
}

/** Axes carry no meaning on a UMAP map: keep a faint frame for orientation, no tick labels. */
function quietAxis(textColor: string) {
  return {
    showticklabels: false,
    title: { text: '' },
    zeroline: false,
    showspikes: false,
    gridcolor: 'rgba(128,128,128,0.15)',
    linecolor: 'rgba(128,128,128,0.3)',
    color: textColor,
  };
}

export const DEFAULT_CAMERA = {
  eye: { x: 1.4, y: 1.4, z: 1.0 },
  center: { x: 0, y: 0, z: 0 },
  up: { x: 0, y: 0, z: 1 },
};

export function buildFigureLayout(layout: MapLayout, view: MapView): Partial<Layout> {
  const three = view.dims === 3 && layout.dims === 3;
  const base: Partial<Layout> = {
    // Camera and zoom survive re-colouring and searches; a new layout (other points) starts afresh.
    uirevision: `${layout.level}:${layout.method}:${view.dims}`,
    margin: { l: 0, r: 0, t: 0, b: 0 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: view.textColor },
    hoverlabel: { align: 'left' },
    showlegend: false,
    dragmode: three ? 'orbit' : 'lasso',
  };
  const frame = frameRanges(layout, three ? 3 : 2);
  const ranged = (a: number) => ({
    ...quietAxis(view.textColor),
    ...(frame?.[a] ? { range: frame[a], autorange: false } : {}),
  });
  if (three) {
    base.scene = {
      xaxis: ranged(0),
      yaxis: ranged(1),
      zaxis: ranged(2),
      // The camera the labels were placed for (the one on screen): passing the opening camera here
      // would make Plotly.react put it back over a zoom it did not see as a user's edit.
      camera: view.scene?.camera ?? DEFAULT_CAMERA,
      aspectmode: 'cube',
      bgcolor: 'rgba(0,0,0,0)',
      annotations: sceneLabels(layout, view, frame),
    } as Layout['scene'];
  } else {
    base.xaxis = ranged(0) as Layout['xaxis'];
    base.yaxis = { ...ranged(1), scaleanchor: 'x' } as Layout['yaxis'];
  }
  return base;
}

export const PLOT_CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  // The toolbar's own buttons are replaced by ours (reset camera, PNG export) and lasso in 2D.
  displayModeBar: false,
  scrollZoom: true,
};
