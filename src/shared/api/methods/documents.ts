import { z } from 'zod';
import { method } from '../define';
import type { DocumentKind, DocumentSummary } from './library';

/** A document as the heatmaps, duplicates and explorer refer to it. */
export interface DocRef {
  docId: string;
  title: string;
  path: string;
  kind: DocumentKind;
}

/** A passage of a document: where "open both" goes (a duplicate pair, a heatmap cell). */
export interface PassageRef {
  chunkId: string;
  /** 1-based page, null for documents without pages. */
  page: number | null;
  /** The passage's character range within its page's text, for marking it in the viewer. */
  charStart: number;
  charEnd: number;
  /** The passage's text (fallback when the range cannot be resolved). */
  text: string;
}

export interface PageText {
  /** 1-based page (PDF) or section (other kinds). */
  page: number;
  text: string;
  headingPath: string[];
  /** Present when the page's text was read by OCR: where each word is on the page image. */
  boxes?: WordBoxes;
}

/**
 * Word boxes of an OCR'd page (parallel arrays): word `i` is `text.slice(starts[i], ends[i])` of its
 * page and covers `rects[4i..4i+3]` = x, y, width, height as fractions (0..1) of the page's width and
 * height, origin top left. The viewer marks a hit on a scan with the boxes of the words in its range.
 */
export interface WordBoxes {
  starts: number[];
  ends: number[];
  rects: number[];
}

const docId = z.object({ id: z.string().min(1).max(200) }).strict();

export const documentMethods = {
  /** One document's summary. */
  'document.get': method<DocumentSummary>()(docId),
  /** The extracted text of a document, page by page (reader view, highlight by character range). */
  'document.pages': method<{ document: DocumentSummary; pages: PageText[] }>()(docId),
  /**
   * The original file's bytes (the PDF viewer renders them). Only documents in the library can be read;
   * over HTTP the body is `application/octet-stream`.
   */
  'document.bytes': method<Uint8Array>()(docId),
  /** Opens the document in the system's default app. Only files that are in the library. */
  'document.openExternal': method<{ opened: boolean }>()(docId),
  /** Shows the document in the system file manager. Only files that are in the library. */
  'document.reveal': method<{ revealed: boolean }>()(docId),
};
