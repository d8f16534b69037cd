import type { DocumentKind, DocumentSummary } from '../../../shared/api/methods/library';
import type { DocumentRecord } from '../store/storeTypes';

/** The contract's view of a stored document row. */
export function toDocumentSummary(doc: DocumentRecord): DocumentSummary {
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
  };
}
