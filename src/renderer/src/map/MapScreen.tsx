import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { MapLayout } from '../../../shared/api/methods/map';
import { useTabRoute } from '../routing/hashRouter';
import { useRoutedViewer } from '../routing/useRoutedViewer';
import { useResolvedTheme } from '../theme/ThemeContext';
import { ViewerPane } from '../viewer/ViewerPane';
import type { ViewerTarget } from '../viewer/viewerTarget';
import { colorPoints } from './mapColors';
import { MapPlot, type MapPlotHandle, type SceneView } from './MapPlot';
import { MapSelectionTable } from './MapSelectionTable';
import { MapSidebar, type MapSelection } from './MapSidebar';
import { MapBuilding } from './MapBuilding';
import { MapToolbar, type ToolbarState } from './MapToolbar';
import type { MapView } from './mapTraces';
import type { MapFrame } from './placeLabels';
import { useMapLayout, type MapParams } from './useMapLayout';
import { useMapQuery } from './useMapQuery';
import './map.css';

const DEFAULT_2D_POINT_SIZE = 7;
const DEFAULT_3D_POINT_SIZE = 4;

/** The page's text colour (light or dark theme), for labels drawn inside the WebGL canvas. */
function useTextColor(): string {
  const theme = useResolvedTheme();
  // Read again whenever the theme on screen changes (a setting or, under "system", the OS).
  return useMemo(
    () => (theme && getComputedStyle(document.documentElement).getPropertyValue('--fg').trim()) || '#1d1d1f',
    [theme],
  );
}

/** What the viewer opens for a point: its document, at its page, with the passage marked (chunks). */
function targetOf(layout: MapLayout, point: number): ViewerTarget | null {
  const doc = layout.docs[layout.doc[point] as number];
  if (!doc) return null;
  const page = layout.page[point] as number;
  const start = layout.charStart[point] as number;
  const end = layout.charEnd[point] as number;
  return {
    docId: doc.id,
    title: doc.title,
    kind: doc.kind,
    path: doc.path,
    page: page > 0 ? page : doc.kind === 'pdf' ? 1 : null,
    ...(start >= 0 && end > start ? { charStart: start, charEnd: end } : {}),
    openedAt: Date.now(),
  };
}

function statusLine(layout: MapLayout): string {
  const unit = layout.level === 'documents' ? 'documents' : 'passages';
  const parts = [
    layout.sampled
      ? `Showing ${layout.points.toLocaleString()} of ${layout.total.toLocaleString()} ${unit} (a fixed sample: the map draws at most 100,000 points)`
      : `${layout.points.toLocaleString()} ${unit}`,
    `${layout.clusters.length} topic cluster${layout.clusters.length === 1 ? '' : 's'}`,
    `${layout.method.toUpperCase()} · ${layout.model}`,
  ];
  if (layout.placed > 0) parts.push(`${layout.placed.toLocaleString()} added since the layout was computed`);
  return parts.join(' · ');
}

/**
 * The semantic map: every document (or passage) of the library as a point, placed so that similar
 * texts are close, coloured by topic cluster, folder, kind or date. Hover shows what a point is, a
 * click opens it in the viewer, a search is drawn as its own marker joined to its closest points.
 */
export function MapScreen() {
  // The view (level, projection, dimensions, colouring), the selected legend entry, the placed query
  // and the open document live in the URL; point size, opacity and labels are display preferences.
  const [route, setRoute] = useTabRoute('map');
  // Point size follows the dimensions until the user picks one: 2D points are larger (a flat map
  // has room for them; 3D points overlap in depth).
  const [display, setDisplay] = useState<{ pointSize: number | null; opacity: number; showLabels: boolean }>({
    pointSize: null,
    opacity: 0.85,
    showLabels: true,
  });
  const params: MapParams = useMemo(
    () => ({
      level: route.level,
      method: route.method,
      ...(route.dims !== null ? { dims: route.dims } : {}),
      filters: {},
    }),
    [route.level, route.method, route.dims],
  );
  const map = useMapLayout(params);
  const dims = route.dims ?? map.layout?.dims ?? 3;
  const toolbar: ToolbarState = {
    level: route.level,
    method: route.method,
    dims,
    colorBy: route.color,
    ...display,
    pointSize: display.pointSize ?? (dims === 2 ? DEFAULT_2D_POINT_SIZE : DEFAULT_3D_POINT_SIZE),
  };
  function setToolbar(patch: Partial<ToolbarState>) {
    const { level, method, dims, colorBy, ...rest } = patch;
    setDisplay((d) => ({ ...d, ...rest }));
    const viewPatch = {
      ...(level !== undefined ? { level } : {}),
      ...(method !== undefined ? { method } : {}),
      ...(dims !== undefined ? { dims } : {}),
      ...(colorBy !== undefined ? { color: colorBy, sel: null } : {}),
    };
    if (Object.keys(viewPatch).length > 0) setRoute(viewPatch);
  }
  const query = useMapQuery(params, map.layout !== null && !map.updating);
  const [region, setRegion] = useState<MapSelection | null>(null);
  const viewer = useRoutedViewer(route.doc, (doc, how) => setRoute({ doc }, how));
  const [q, setQ] = useState(route.q);
  const plot = useRef<MapPlotHandle>(null);
  const textColor = useTextColor();

  const layout = map.layout;
  // A 3D map's camera and size (after each draw, turn, zoom or resize): where its labels fit.
  const [scene, setScene] = useState<SceneView | null>(null);
  // A new layout (other points) invalidates a drawn region; a legend entry is found again by its key.
  const [seenLayout, setSeenLayout] = useState<string | null>(null);
  if (layout && layout.layoutId !== seenLayout) {
    setSeenLayout(layout.layoutId);
    setRegion(null);
    // Other points open with the opening camera (their labels are placed once it is drawn).
    setScene(null);
  }
  const coloring = useMemo(
    () => (layout ? colorPoints(layout, toolbar.colorBy) : null),
    [layout, toolbar.colorBy],
  );
  const selection: MapSelection | null = useMemo(() => {
    if (region) return region;
    const entry = route.sel ? coloring?.legend.find((e) => e.key === route.sel) : undefined;
    return entry ? { label: entry.label, points: entry.points, key: entry.key } : null;
  }, [region, route.sel, coloring]);
  function setSelection(next: MapSelection | null) {
    setRegion(next && !next.key ? next : null);
    setRoute({ sel: next?.key ?? null });
  }

  // A query in the URL (reload, bookmark, Back) is placed again once the layout is ready.
  const { search: placeQuery, clear: clearQuery } = query;
  const queryReady = map.layout !== null && !map.updating;
  useEffect(() => {
    if (route.q.trim() && queryReady) placeQuery(route.q);
    else if (!route.q.trim()) clearQuery();
  }, [route.q, queryReady, placeQuery, clearQuery]);
  const [seenQ, setSeenQ] = useState(route.q);
  if (seenQ !== route.q) {
    setSeenQ(route.q);
    setQ(route.q);
  }
  const projection =
    query.result && layout && query.result.layoutId === layout.layoutId ? query.result : null;
  // The part of a 2D map on screen (after each draw, zoom or pan): where labels have room. Rounded, so
  // that redrawing with the labels it chose does not report a new frame and redraw again.
  const [frame, setFrame] = useState<MapFrame | null>(null);
  const onFrame = useCallback((next: MapFrame) => {
    const round = (v: number) => Number(v.toPrecision(4));
    const key = (f: MapFrame | null) => (f ? [...f.x, ...f.y, f.width, f.height].map(round).join() : '');
    setFrame((current) => (key(current) === key(next) ? current : next));
  }, []);
  const onScene = useCallback((next: SceneView) => {
    const round = (v: number) => Number(v.toPrecision(4));
    const key = (v: SceneView | null) =>
      v
        ? [v.camera.eye, v.camera.center, v.camera.up]
            .flatMap((p) => [p.x, p.y, p.z])
            .concat(v.width, v.height)
            .map(round)
            .join()
        : '';
    setScene((current) => (key(current) === key(next) ? current : next));
  }, []);
  const view: MapView = useMemo(
    () => ({
      dims: toolbar.dims,
      pointSize: toolbar.pointSize,
      opacity: toolbar.opacity,
      showLabels: toolbar.showLabels,
      focus: selection?.points ?? null,
      query: projection,
      textColor,
      frame: toolbar.dims === 2 ? frame : null,
      scene: toolbar.dims === 3 ? scene : null,
    }),
    [
      toolbar.dims,
      toolbar.pointSize,
      toolbar.opacity,
      toolbar.showLabels,
      selection,
      projection,
      textColor,
      frame,
      scene,
    ],
  );

  const { open: openTarget } = viewer;
  const open = useCallback(
    (point: number) => {
      if (!layout) return;
      const target = targetOf(layout, point);
      if (target) openTarget(target);
    },
    [layout, openTarget],
  );
  const onRegion = useCallback(
    (points: number[] | null) => {
      setRegion(points && points.length > 0 ? { label: 'Selected region', points } : null);
      if (points && points.length > 0) setRoute({ sel: null }, 'replace');
    },
    [setRoute],
  );

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setRegion(null);
    setRoute({ q: q.trim(), sel: null });
  }

  const job = map.job;
  const computing = job?.state === 'running';
  const empty = layout !== null && layout.points === 0;

  return (
    <div className={`map-screen ${route.doc ? 'with-viewer' : ''}`}>
      <div className="map-main">
        <MapToolbar
          state={toolbar}
          onChange={setToolbar}
          onResetCamera={() => plot.current?.resetCamera()}
          onExport={() => void plot.current?.exportPng()}
          onRecompute={map.recompute}
          busy={computing}
        />
        <form className="map-search" role="search" onSubmit={onSearch}>
          <input
            type="search"
            aria-label="Find on the map"
            placeholder="Find on the map…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="map-query-box"
            disabled={!layout || empty}
          />
          <button type="submit" disabled={!q.trim() || !layout || map.updating || query.loading}>
            {query.loading ? 'Placing…' : 'Find'}
          </button>
          {query.result && (
            <button
              type="button"
              onClick={() => {
                setRoute({ q: '' });
                setQ('');
              }}
            >
              Clear
            </button>
          )}
        </form>
        <div className="map-status small muted" data-testid="map-status" aria-live="polite">
          {layout && !empty && statusLine(layout)}
        </div>
        {computing && job && (
          <MapBuilding
            what={`the ${route.level === 'chunks' ? 'passages' : 'documents'} map${route.dims ? ` (${route.dims}D)` : ''}`}
            job={job}
            updating={map.updating}
            onCancel={map.cancel}
          />
        )}
        {!layout && !computing && map.loading && (
          <p className="muted map-loading" aria-busy="true" data-testid="map-loading">
            Loading the {route.level === 'chunks' ? 'passages' : 'documents'} map…
          </p>
        )}
        {(map.error || query.error) && (
          <p role="alert" className="error-text">
            {map.error ?? query.error}
          </p>
        )}
        {empty ? (
          <div className="empty-state" data-testid="map-empty">
            <p>Nothing to map yet — add documents in the Library.</p>
          </div>
        ) : (
          layout &&
          coloring && (
            <div className="map-body">
              <MapPlot
                ref={plot}
                layout={layout}
                coloring={coloring}
                view={view}
                onPointClick={open}
                onRegion={onRegion}
                onFrame={onFrame}
                onScene={onScene}
              />
              {!route.doc && (
                <MapSidebar
                  layout={layout}
                  coloring={coloring}
                  selection={selection}
                  query={projection}
                  onSelect={setSelection}
                  onOpen={open}
                />
              )}
            </div>
          )
        )}
        {layout && selection && selection.points.length > 0 && (
          <MapSelectionTable
            layout={layout}
            selection={selection}
            onOpen={open}
            onClear={() => setSelection(null)}
          />
        )}
      </div>
      {viewer.target && (
        <ViewerPane target={viewer.target} onClose={viewer.close} onPageChange={viewer.onPage} />
      )}
    </div>
  );
}
