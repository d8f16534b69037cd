import { useContext, useMemo } from 'react';
import type { MapLayout } from '../../../shared/api/methods/map';
import { downloadText } from '../components/csvFile';
import { setSearchScope } from '../components/searchScope';
import { RouterContext } from '../routing/hashRouter';
import { selectionCsv, selectionRows } from './selectionRows';
import type { MapSelection } from './MapSidebar';

interface MapSelectionTableProps {
  layout: MapLayout;
  selection: MapSelection;
  onOpen: (point: number) => void;
  onClear: () => void;
}

/** Rows shown at once; the CSV and "search within these" always take every selected document. */
const SHOWN_ROWS = 500;

/**
 * The documents behind a selection on the map (a lasso or box in 2D, or a legend entry) as a table:
 * title, topic, path, each opening in the viewer; the whole list exported as CSV, or handed to Search
 * ("search within these" limits Search to these documents until the chip there is cleared).
 */
export function MapSelectionTable({ layout, selection, onOpen, onClear }: MapSelectionTableProps) {
  const rows = useMemo(() => selectionRows(layout, selection.points), [layout, selection.points]);
  const router = useContext(RouterContext);
  const passages = layout.level === 'chunks';
  const summary = `${rows.length.toLocaleString()} document${rows.length === 1 ? '' : 's'}${
    passages ? ` (${selection.points.length.toLocaleString()} passages)` : ''
  }`;

  function searchWithin() {
    setSearchScope({
      label: `${rows.length.toLocaleString()} document${rows.length === 1 ? '' : 's'} selected on the map`,
      docIds: rows.map((r) => r.docId),
    });
    router?.show('search');
  }

  return (
    <section
      className="map-selection-table"
      data-testid="map-selection-table"
      aria-label="Selected documents"
    >
      <div className="map-section-head">
        <h3>
          {selection.label}: {summary}
        </h3>
        <div className="map-table-actions">
          <button
            type="button"
            onClick={() =>
              downloadText(
                'loci-map-selection.csv',
                'text/csv;charset=utf-8',
                selectionCsv(rows, layout.level),
              )
            }
          >
            Export CSV
          </button>
          <button type="button" onClick={searchWithin} disabled={rows.length === 0}>
            Search within these
          </button>
          <button type="button" onClick={onClear}>
            Clear
          </button>
        </div>
      </div>
      <div className="map-table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Topic</th>
              <th scope="col">Path</th>
              {passages && <th scope="col">Passages</th>}
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN_ROWS).map((row) => (
              <tr key={row.docId}>
                <td>{row.title}</td>
                <td>{row.topic}</td>
                <td className="path-cell" title={row.path}>
                  {row.path}
                </td>
                {passages && <td className="num">{row.points.toLocaleString()}</td>}
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(row.first)}>
                    Open
                    <span className="visually-hidden"> {row.title}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > SHOWN_ROWS && (
          <p className="small muted">
            The first {SHOWN_ROWS} of {rows.length.toLocaleString()} are listed; Export CSV and Search within
            these take them all.
          </p>
        )}
      </div>
    </section>
  );
}
