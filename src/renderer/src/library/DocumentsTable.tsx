import type { DocumentSort, DocumentSummary } from '../../../shared/api/methods/library';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDate, formatDay } from '../components/formatters';
import { kindLabels } from '../components/vocabulary';
import { displayPath } from '../../../shared/displayPath';

/** Where a document's date comes from, as the Date cell's tooltip says it. */
const dateSourceNotes: Record<DocumentSummary['dateSource'], string> = {
  metadata: "the document's own date (its metadata)",
  file: 'file modification time (no date in the file)',
  pending: 'file modification time, until the next sync reads the metadata',
};

/** The next order when the Date header is clicked: newest first, then oldest first, then back to indexed. */
function nextDateSort(sort: DocumentSort): DocumentSort {
  return sort === 'date-desc' ? 'date-asc' : sort === 'date-asc' ? 'indexed' : 'date-desc';
}

/**
 * The documents in the library, one row each: status badge and the reason when not OK, so a broken
 * file says why. Titles are buttons that open the document in the viewer. The Date column is the
 * document's own date (metadata, else file time; the tooltip says which); its header sorts by it.
 */
export function DocumentsTable({
  items,
  onOpen,
  sort = 'indexed',
  onSort,
}: {
  items: DocumentSummary[];
  onOpen: (doc: DocumentSummary) => void;
  sort?: DocumentSort;
  onSort?: (sort: DocumentSort) => void;
}) {
  const dateOrder = sort === 'date-desc' ? 'descending' : sort === 'date-asc' ? 'ascending' : 'none';
  return (
    <div className="table-wrap">
      <table className="documents" data-testid="documents-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Pages
            </th>
            <th scope="col" className="num">
              Chunks
            </th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" aria-sort={dateOrder}>
              {onSort ? (
                <button
                  type="button"
                  className="link-button"
                  data-testid="sort-by-date"
                  title="Sort by the documents' own dates"
                  onClick={() => onSort(nextDateSort(sort))}
                >
                  Date{sort === 'date-desc' ? ' ▼' : sort === 'date-asc' ? ' ▲' : ''}
                </button>
              ) : (
                'Date'
              )}
            </th>
            <th scope="col">Indexed</th>
          </tr>
        </thead>
        <tbody>
          {items.map((doc) => (
            <tr key={doc.id} data-status={doc.status} data-testid="document-row">
              <td className="title-cell">
                <button
                  type="button"
                  className="link-button doc-title"
                  disabled={doc.status !== 'ok' && doc.status !== 'partial'}
                  onClick={() => onOpen(doc)}
                  title={
                    doc.status === 'ok' || doc.status === 'partial'
                      ? 'Open in the viewer'
                      : 'Not indexed; nothing to show'
                  }
                >
                  {doc.title || displayPath(doc.path)}
                </button>
                <span className="doc-path muted small" title={displayPath(doc.path)}>
                  {displayPath(doc.path)}
                </span>
                {doc.reason && <span className="doc-reason small">{doc.reason}</span>}
              </td>
              <td>
                <StatusBadge status={doc.status} />
              </td>
              <td>{kindLabels[doc.kind]}</td>
              <td className="num">{doc.pages || '—'}</td>
              <td className="num">{doc.chunks || '—'}</td>
              <td className="num">{formatBytes(doc.size)}</td>
              <td
                className="small"
                data-testid="document-date"
                data-date-source={doc.dateSource}
                title={dateSourceNotes[doc.dateSource]}
              >
                {formatDay(doc.date)}
                {doc.dateSource !== 'metadata' && <span className="muted"> (file)</span>}
              </td>
              <td className="small">{formatDate(doc.indexedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
