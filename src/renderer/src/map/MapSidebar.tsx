import type { MapLayout, MapQueryProjection } from '../../../shared/api/methods/map';
import type { Coloring } from './mapColors';

export interface MapSelection {
  label: string;
  points: number[];
  /** The legend entry's key when the selection is one (kept in the URL); absent for a drawn region. */
  key?: string;
}

interface SidebarProps {
  layout: MapLayout;
  coloring: Coloring;
  selection: MapSelection | null;
  query: MapQueryProjection | null;
  onSelect: (selection: MapSelection | null) => void;
  onOpen: (point: number) => void;
}

/** Documents behind a set of points, most points first, each with the first of its points. */
function documentsOf(layout: MapLayout, points: readonly number[]) {
  const byDoc = new Map<number, { first: number; count: number }>();
  for (const p of points) {
    const d = layout.doc[p] as number;
    const entry = byDoc.get(d);
    if (entry) entry.count++;
    else byDoc.set(d, { first: p, count: 1 });
  }
  return [...byDoc.entries()]
    .map(([doc, v]) => ({ doc: layout.docs[doc], ...v }))
    .sort((a, b) => b.count - a.count || (a.doc?.title ?? '').localeCompare(b.doc?.title ?? ''));
}

/**
 * Beside the map: the legend (each entry selects its points), the documents of the selection (a
 * legend entry, or a lasso in 2D), and a query's closest points. Every document opens in the viewer.
 */
export function MapSidebar({ layout, coloring, selection, query, onSelect, onOpen }: SidebarProps) {
  const unit = layout.level === 'documents' ? 'documents' : 'passages';
  return (
    <aside className="map-sidebar" aria-label="Map legend and selection">
      {query && (
        <section data-testid="map-query-hits">
          <h3>Closest to your query</h3>
          <ol className="map-list">
            {query.hits.map((hit) => {
              const doc = layout.docs[layout.doc[hit.point] as number];
              const page = layout.page[hit.point] as number;
              return (
                <li key={hit.point}>
                  <button type="button" className="link-button" onClick={() => onOpen(hit.point)}>
                    {doc?.title || doc?.path}
                    {page > 0 ? ` · p. ${page}` : ''}
                  </button>
                  <span className="small muted"> {hit.score.toFixed(2)}</span>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {selection ? (
        <section data-testid="map-selection">
          <div className="map-section-head">
            <h3>{selection.label}</h3>
            <button type="button" className="link-button" onClick={() => onSelect(null)}>
              Clear
            </button>
          </div>
          <p className="small muted">
            {selection.points.length.toLocaleString()} {unit}
          </p>
          <ul className="map-list">
            {documentsOf(layout, selection.points).map(({ doc, first, count }) => (
              <li key={doc?.id ?? first}>
                <button type="button" className="link-button" onClick={() => onOpen(first)} title={doc?.path}>
                  {doc?.title || doc?.path}
                </button>
                {layout.level === 'chunks' && <span className="small muted"> ({count})</span>}
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section data-testid="map-legend">
          <h3>Legend</h3>
          {coloring.legend.length === 0 && coloring.range && (
            <p className="small muted">Colour shows when each file was last modified.</p>
          )}
          <ul className="map-legend">
            {coloring.legend.map((entry) => (
              <li key={entry.key}>
                <button
                  type="button"
                  className="legend-entry"
                  onClick={() => onSelect({ label: entry.label, points: entry.points, key: entry.key })}
                  title={`Show the ${unit} of “${entry.label}”`}
                >
                  <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
                  <span className="legend-label">{entry.label}</span>
                  <span className="small muted">{entry.count.toLocaleString()}</span>
                </button>
              </li>
            ))}
          </ul>
          {layout.dims === 2 && (
            <p className="small muted">Draw around points with the mouse to list their documents.</p>
          )}
        </section>
      )}
    </aside>
  );
}
