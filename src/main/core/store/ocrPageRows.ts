import type { Table } from '@lancedb/lancedb';
import { sqlString } from './filterSql';
import type { OcrPageInput, OcrPageRecord, PageWordBoxes } from './storeTypes';

/**
 * Rows of the `ocr_pages` table: the text and word boxes of each OCR'd page of an indexed document.
 * They follow the chunks' commit protocol (libraryStore.ts): written before the document row with the
 * new generation, visible only while that generation is committed, cleaned up with the chunks.
 */

/** The row id: one row per document version and page, so a retried write merges onto itself. */
export function ocrPageId(generation: string, page: number): string {
  return `${generation}.p${page}`;
}

export function toOcrPageRow(docId: string, generation: string, page: OcrPageInput): Record<string, unknown> {
  return {
    id: ocrPageId(generation, page.page),
    docId,
    generation,
    page: page.page,
    text: page.text,
    boxes: JSON.stringify(page.boxes),
  };
}

/** Parses stored boxes; a malformed value (hand-edited, truncated) reads as no boxes, never a throw. */
export function parseWordBoxes(value: unknown): PageWordBoxes | null {
  try {
    const parsed = JSON.parse(String(value)) as Partial<PageWordBoxes>;
    const { starts, ends, rects } = parsed;
    if (!Array.isArray(starts) || !Array.isArray(ends) || !Array.isArray(rects)) return null;
    if (ends.length !== starts.length || rects.length !== starts.length * 4) return null;
    return { starts, ends, rects };
  } catch {
    return null;
  }
}

/** The OCR pages of one document version, by page number. */
export async function readOcrPages(
  table: Table,
  docId: string,
  generation: string,
): Promise<OcrPageRecord[]> {
  const rows = (await table
    .query()
    .where(`\`docId\` = ${sqlString(docId)} AND \`generation\` = ${sqlString(generation)}`)
    .select(['docId', 'generation', 'page', 'text', 'boxes'])
    .toArray()) as Array<Record<string, unknown>>;
  const out: OcrPageRecord[] = [];
  for (const row of rows) {
    const boxes = parseWordBoxes(row.boxes);
    if (!boxes) continue;
    out.push({
      docId: String(row.docId),
      generation: String(row.generation),
      page: Number(row.page),
      text: String(row.text ?? ''),
      boxes,
    });
  }
  return out.sort((a, b) => a.page - b.page);
}
