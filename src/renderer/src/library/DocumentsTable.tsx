import type { DocumentSummary } from '../../../shared/api/methods/library';
import { StatusBadge } from '../components/StatusBadge';
import { formatBytes, formatDate } from '../components/formatters';
import { kindLabels } from '../components/vocabulary';
import { displayPath } from '../../../shared/displayPath';

/**
 * The documents in the library, one row each: status badge and the reason when not OK, so a broken
 * file says why. Titles are buttons that open the document in the viewer.
 */
export function DocumentsTable({
  items,
  onOpen,
}: {
  items: DocumentSummary[];
  onOpen: (doc: DocumentSummary) => void;
}) {
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
              <td className="small">{formatDate(doc.indexedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
