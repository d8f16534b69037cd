import type { Table } from '@lancedb/lancedb';
import { hasColumn } from './fillChunkColumn';

/**
 * The `docText` column of chunk rows: a document's whole text once, on its first chunk ('' on the
 * others), under a full-text index of its own, so keyword search can score documents with BM25 over
 * whole documents (search/documentBm25.ts) besides their chunks.
 *
 * Why: chunk-level BM25 aggregated per document lost to plain whole-document BM25 on Cranfield (nDCG@10
 * 0.3562 against the reference's 0.3663; the same BM25 and tokenizer over whole documents gives 0.3675).
 * A document whose query words are spread over its chunks is seen by no single chunk as matching them
 * all, and a word repeated in two chunks counts twice without BM25's saturation. LanceDB keeps BM25's
 * statistics per index and leaves '' rows out of them (measured: a table of 2 texts and 2 '' scores
 * like the 2 texts alone), so this index's document count, average length and document frequencies are
 * the documents' own.
 *
 * The text is the chunks' text without the overlap the chunker repeats between neighbours (a sentence
 * carried into the next chunk would count twice): chunk offsets are per page (per document for formats
 * without pages), so a chunk starting before the previous one on its page ended drops what it repeats.
 */
export const DOC_TEXT_COLUMN = 'docText';
/** Meta key recording that every document of a pre-version-5 library has its text filled in. */
export const DOC_TEXT_FILLED_KEY = 'documentText';

/** What documentText() needs of a chunk; chunks in ordinal order. */
export interface TextSpan {
  page: number | null;
  charStart: number;
  charEnd: number;
  text: string;
}

/** The document's text from its chunks (in ordinal order), each overlap kept once. */
export function documentText(chunks: readonly TextSpan[]): string {
  const parts: string[] = [];
  let page: number | null | undefined;
  let end = -1;
  for (const c of chunks) {
    if (c.page !== page) end = -1;
    page = c.page;
    let text = c.text;
    // The text is the slice [charStart, charEnd) of its page; a chunk whose text is not (whitespace
    // normalised) is kept whole rather than cut at a wrong place.
    if (c.charStart < end && c.text.length === c.charEnd - c.charStart)
      text = c.text.slice(end - c.charStart);
    if (text.trim()) parts.push(text);
    end = Math.max(end, c.charEnd);
  }
  return parts.join('\n');
}

export function hasDocTextColumn(chunks: Table): Promise<boolean> {
  return hasColumn(chunks, DOC_TEXT_COLUMN);
}
