import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { PlotlyHTMLElement, PlotMouseEvent, PlotSelectionEvent } from 'plotly.js-dist-min/lib/index';
import type { MapLayout } from '../../../shared/api/methods/map';
import { loadPlotly, type Plotly } from './loadPlotly';
import type { Coloring } from './mapColors';
import type { MapFrame } from './placeLabels';
import type { SceneCamera } from './placeLabels3d';
import {
  buildFigureLayout,
  buildTraces,
  DEFAULT_CAMERA,
  frameRanges,
  hoverTexts,
  PLOT_CONFIG,
  TRACE,
  type MapView,
} from './mapTraces';

export interface MapPlotHandle {
  resetCamera(): void;
  exportPng(): Promise<void>;
}

interface MapPlotProps {
  layout: MapLayout;
  coloring: Coloring;
  view: MapView;
  onPointClick: (point: number) => void;
  /** Points inside a lasso or box (2D), or null when the selection is cleared. */
  onRegion: (points: number[] | null) => void;
  /** What part of a 2D map is on screen, after each draw, zoom or pan. */
  onFrame?: (frame: MapFrame) => void;
  /** A 3D map's camera and pixel size, after each draw, camera change or resize. */
  onScene?: (scene: SceneView) => void;
  ref?: Ref<MapPlotHandle>;
}

/** The point index a Plotly event refers to (the full trace by position, the others by customdata). */
function pointOf(datum: {
  data: { name?: string };
  pointNumber: number;
  customdata: unknown;
}): number | null {
  const name = datum.data.name;
  if (name === TRACE.points) return datum.pointNumber;
  if (name === TRACE.focus && typeof datum.customdata === 'number') return datum.customdata;
  return null;
}

/** The Plotly figure of a map (WebGL), kept in sync with the props through Plotly.react. */
/** The visible ranges and pixel size of a drawn 2D plot (Plotly's resolved axes), or null. */
function frameOf(gd: unknown): MapFrame | null {
  const full = (gd as { _fullLayout?: Record<string, { range?: number[]; _length?: number }> })._fullLayout;
  const x = full?.xaxis;
  const y = full?.yaxis;
  if (!x?.range || !y?.range || !x._length || !y._length) return null;
  return {
    x: [x.range[0] as number, x.range[1] as number],
    y: [y.range[0] as number, y.range[1] as number],
    width: x._length,
    height: y._length,
  };
}

/** A drawn 3D scene's camera and pixel box. */
export interface SceneView {
  camera: SceneCamera;
  width: number;
  height: number;
}

/** The camera and pixel size of a drawn 3D scene (Plotly's resolved layout), or null. */
function sceneOf(gd: unknown): SceneView | null {
  const full = (
    gd as {
      _fullLayout?: {
        _size?: { w: number; h: number };
        scene?: { camera?: SceneCamera; domain?: { x: number[]; y: number[] } };
      };
    }
  )._fullLayout;
  const camera = full?.scene?.camera;
  const size = full?._size;
  if (!camera?.eye || !camera.center || !camera.up || !size) return null;
  const dx = full.scene?.domain?.x ?? [0, 1];
  const dy = full.scene?.domain?.y ?? [0, 1];
  return {
    camera: { eye: { ...camera.eye }, center: { ...camera.center }, up: { ...camera.up } },
    width: size.w * ((dx[1] ?? 1) - (dx[0] ?? 0)),
    height: size.h * ((dy[1] ?? 1) - (dy[0] ?? 0)),
  };
}

/** How long after the last wheel step a 3D camera is taken as settled. */
const WHEEL_SETTLE_MS = 300;

/** The camera a 3D scene shows right now (gl3d's, which runs ahead of the layout's while it eases). */
function liveCamera(gd: unknown): SceneCamera | null {
  const scene = (gd as { _fullLayout?: { scene?: { _scene?: { getCamera?: () => SceneCamera } } } })
    ._fullLayout?.scene?._scene;
  return scene?.getCamera?.() ?? null;
}

export function MapPlot({
  layout,
  coloring,
  view,
  onPointClick,
  onRegion,
  onFrame,
  onScene,
  ref,
}: MapPlotProps) {
  const host = useRef<HTMLDivElement>(null);
  const [plotly, setPlotly] = useState<Plotly | null>(null);
  const [error, setError] = useState<string | null>(null);
  const callbacks = useRef({ onPointClick, onRegion, onFrame, onScene });
  useEffect(() => {
    callbacks.current = { onPointClick, onRegion, onFrame, onScene };
  });
  // After a draw, a camera change or a resize: tell the screen what is on screen (labels follow).
  // While a wheel zoom of a 3D scene eases, its relayout events carry the camera it started from.
  const wheeling = useRef(false);
  const report = useRef((gd: unknown) => {
    // Only a 3D figure has a scene (buildFigureLayout).
    if ((gd as { layout?: { scene?: unknown } }).layout?.scene) {
      if (wheeling.current) return;
      const scene = sceneOf(gd);
      if (scene) callbacks.current.onScene?.(scene);
    } else {
      const frame = frameOf(gd);
      if (frame) callbacks.current.onFrame?.(frame);
    }
  });
  const hover = useMemo(() => hoverTexts(layout), [layout]);

  useEffect(() => {
    let live = true;
    loadPlotly().then(
      (p) => live && setPlotly(p),
      (err: Error) => live && setError(`Could not load the plotting library: ${err.message}`),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const div = host.current;
    if (!plotly || !div) return;
    const traces = buildTraces(layout, coloring, hover, view);
    const figure = buildFigureLayout(layout, view);
    void plotly.react(div, traces, figure, PLOT_CONFIG).then((gd: PlotlyHTMLElement) => {
      report.current(gd);
      const el = gd as PlotlyHTMLElement & {
        __lociBound?: boolean;
        removeAllListeners?: (e: string) => void;
      };
      if (el.__lociBound) return;
      el.__lociBound = true;
      el.on('plotly_click', (event: PlotMouseEvent) => {
        for (const datum of event.points) {
          const point = pointOf(datum as never);
          if (point !== null) return callbacks.current.onPointClick(point);
        }
      });
      el.on('plotly_selected', (event: PlotSelectionEvent) => {
        if (!event) return callbacks.current.onRegion(null);
        const points = new Set<number>();
        for (const datum of event.points) {
          const point = pointOf(datum as never);
          if (point !== null) points.add(point);
        }
        callbacks.current.onRegion([...points]);
      });
      el.on('plotly_deselect', () => callbacks.current.onRegion(null));
      // Zoom, pan, a turn of the 3D camera: the labels are placed again for what is now on screen.
      el.on('plotly_relayout', () => report.current(el));
      // A wheel zoom of a 3D scene emits plotly_relayout as it starts, with the camera before the zoom
      // (gl3d's camera then eases to the new one). Reporting that camera would redraw the figure with
      // it and undo the zoom: wait until the camera has settled, then store the one it reached, which
      // relayouts again and places the labels for it. (Capture phase: before gl3d's own listener.)
      let settle: ReturnType<typeof setTimeout> | undefined;
      el.addEventListener(
        'wheel',
        () => {
          if (!el.layout?.scene) return;
          wheeling.current = true;
          clearTimeout(settle);
          settle = setTimeout(() => {
            wheeling.current = false;
            const live = liveCamera(el);
            if (live) void plotly.relayout(el, { 'scene.camera': live } as never);
          }, WHEEL_SETTLE_MS);
        },
        { passive: true, capture: true },
      );
    });
  }, [plotly, layout, coloring, hover, view]);

  useEffect(() => {
    const div = host.current;
    return () => {
      if (plotly && div) plotly.purge(div);
    };
  }, [plotly]);

  // When the map's box changes (the viewer opens beside it, the sidebar goes), Plotly's `responsive`
  // only follows window resizes: fit the plot to its new box and drop the hover label, which would
  // otherwise stay where the pointer was, naming a point that has moved away.
  useEffect(() => {
    const div = host.current;
    if (!plotly || !div) return;
    let last: string | null = null;
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry?.contentRect.width ?? 0)}x${Math.round(entry?.contentRect.height ?? 0)}`;
      if (last !== null && size !== last) {
        (plotly as unknown as { Fx?: { unhover?: (el: HTMLElement) => void } }).Fx?.unhover?.(div);
        div.querySelectorAll('.hoverlayer').forEach((layer) => layer.replaceChildren());
        if (div.classList.contains('js-plotly-plot'))
          void Promise.resolve(plotly.Plots.resize(div) as unknown).then(() => report.current(div));
      }
      last = size;
    });
    observer.observe(div);
    return () => observer.disconnect();
  }, [plotly]);

  useImperativeHandle(
    ref,
    () => ({
      resetCamera() {
        const div = host.current;
        if (!plotly || !div) return;
        if (view.dims === 3 && layout.dims === 3)
          void plotly.relayout(div, { 'scene.camera': DEFAULT_CAMERA } as never);
        else {
          // Back to the opening frame (the bulk of the points), not to every outlier.
          const frame = frameRanges(layout, 2);
          void plotly.relayout(
            div,
            (frame
              ? { 'xaxis.range': frame[0], 'yaxis.range': frame[1] }
              : { 'xaxis.autorange': true, 'yaxis.autorange': true }) as never,
          );
        }
      },
      async exportPng() {
        const div = host.current;
        if (!plotly || !div) return;
        await plotly.downloadImage(div, { format: 'png', filename: 'loci-map', width: 1600, height: 1000 });
      },
    }),
    [plotly, view.dims, layout],
  );

  return (
    <div className="map-plot" data-testid="map-plot" data-layout-id={layout.layoutId}>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {!plotly && !error && (
        <p className="muted map-loading" aria-busy="true">
          Loading the map…
        </p>
      )}
      <div ref={host} className="map-canvas" />
    </div>
  );
}
