import type { DocumentKind, DocumentSummary } from '../../../shared/api/methods/library';
import type { SearchHit } from '../../../shared/api/methods/search';

/** What the viewer shows: a document, the page to open at and, from a search hit, the text to mark. */
export interface ViewerTarget {
  docId: string;
  title: string;
  kind: DocumentKind;
  path: string;
  /** 1-based page or section of the hit (where its passage is marked); null opens at the start. */
  page: number | null;
  /** Page to show first when it is not `page` (a page from the URL: Back, Reload, a bookmark). */
  startPage?: number | null;
  /** The hit's character range within that page's text (`document.pages`). */
  charStart?: number;
  charEnd?: number;
  /** The hit's chunk text: fallback when the range cannot be resolved. */
  chunkText?: string;
  /** Changes on every open, so opening the same hit again scrolls back to it. */
  openedAt: number;
}

export function targetFromHit(hit: SearchHit): ViewerTarget {
  return {
    docId: hit.docId,
    title: hit.title,
    kind: hit.kind,
    path: hit.path,
    page: hit.page,
    charStart: hit.charStart,
    charEnd: hit.charEnd,
    chunkText: hit.text,
    openedAt: Date.now(),
  };
}

export function targetFromDocument(doc: DocumentSummary): ViewerTarget {
  return { docId: doc.id, title: doc.title, kind: doc.kind, path: doc.path, page: 1, openedAt: Date.now() };
}
