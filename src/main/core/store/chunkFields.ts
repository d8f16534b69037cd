import type { Table } from '@lancedb/lancedb';
import { displayPath } from '../../../shared/displayPath';
import { hasColumn } from './fillChunkColumn';

/**
 * The `fields` column of chunk rows: what a chunk is about beyond its own words, for BM25 in a column
 * of its own (boosted against `text` at query time, keywordQuery.ts): the document's title, its file
 * name as words (`booktabs.pdf` -> `booktabs`, `pgf_manual-3.1` -> `pgf manual 3 1`) and the chunk's
 * heading path (sections of HTML, Markdown, DOCX...; PDF bookmarks). Known-item questions name titles,
 * files and sections that the passage itself may never repeat.
 *
 * Every chunk of a document carries the title and file name, so BM25's statistics for this column
 * count chunks: a title word of a long manual is "common" there. That damps long documents' titles a
 * little, which search tolerates (a document's score aggregates its chunks anyway).
 */
export function chunkFields(title: string, filePath: string, headingPath: readonly string[]): string {
  const base = displayPath(filePath).split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]{1,8}$/, '');
  const fileWords = stem
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.+]+/g, ' ')
    .trim();
  const parts = [title.trim(), fileWords, ...headingPath.map((h) => h.trim())];
  return parts.filter(Boolean).join('\n');
}

/** The column, and the meta key recording that every row of a version-1 library has been filled in. */
export const FIELDS_COLUMN = 'fields';
export const FIELDS_FILLED_KEY = 'chunkFields';

export function hasFieldsColumn(chunks: Table): Promise<boolean> {
  return hasColumn(chunks, FIELDS_COLUMN);
}
