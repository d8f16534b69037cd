import type { DocumentKind, DocumentSort, DocumentSummary } from '../../../shared/api/methods/library';
import { documentDate, type DocumentRecord } from '../store/storeTypes';

/** The contract's view of a stored document row. */
export function toDocumentSummary(doc: DocumentRecord): DocumentSummary {
  const { date, source } = documentDate(doc);
  return {
    id: doc.id,
    source: doc.source,
    path: doc.path,
    title: doc.title,
    kind: doc.kind as DocumentKind,
    size: doc.size,
    mtime: doc.mtime,
    pages: doc.pages,
    chunks: doc.chunkCount,
    status: doc.status,
    reason: doc.reason,
    indexedAt: doc.indexedAt,
    date,
    dateSource: source,
  };
}

/** The comparator of a `library.documents` order; ties by path, so pages never shuffle. */
export function documentOrder(sort: DocumentSort): (a: DocumentRecord, b: DocumentRecord) => number {
  if (sort === 'indexed') return (a, b) => b.indexedAt - a.indexedAt || a.path.localeCompare(b.path);
  const sign = sort === 'date-asc' ? 1 : -1;
  return (a, b) => sign * (documentDate(a).date - documentDate(b).date) || a.path.localeCompare(b.path);
}
