import type { ExtractedPage } from '../types';
import { cutAt } from './decodeText';

/** One worksheet as read from the file: its name and its non-empty cells, row by row. */
export interface SheetCells {
  name: string;
  /** Rows in sheet order; each row's cells as [0-based column, text], in column order. */
  rows: Array<Array<[number, string]>>;
}

export interface SheetExtraction {
  /** One page per sheet that has text, in workbook order; the sheet name is the page's section. */
  pages: ExtractedPage[];
  chars: number;
  truncated: boolean;
}

/** Between the cells of a row: plain enough to read and to search, clear enough to see the columns. */
export const CELL_SEPARATOR = ' | ';

/** Rows repeated by a spreadsheet's run-length markup are written out at most this many times. */
export const MAX_REPEATED = 100;

/**
 * Worksheets as text tables: a sheet is a page whose whole text is one section named after the sheet,
 * a row is a line (the header row is simply the first), cells are joined by `CELL_SEPARATOR`. Empty
 * rows are dropped, and so are columns empty in the whole sheet (spacer columns, or a stray cell far to
 * the right would otherwise fill every line with separators). A cell's own line breaks become spaces so
 * a row stays one line. Sheets without text are left out.
 */
export function sheetsToPages(sheets: readonly SheetCells[], maxChars: number): SheetExtraction {
  const pages: ExtractedPage[] = [];
  let chars = 0;
  let truncated = false;
  for (const sheet of sheets) {
    if (truncated) break;
    let text = sheetText(sheet);
    if (text === '') continue;
    if (chars + text.length > maxChars) {
      text = cutAt(text, maxChars - chars);
      truncated = true;
      if (text === '') break;
    }
    chars += text.length;
    pages.push({
      page: pages.length + 1,
      text,
      sections: [{ start: 0, end: text.length, headingPath: [sheet.name.trim() || 'Sheet'] }],
    });
  }
  return { pages, chars, truncated };
}

function sheetText(sheet: SheetCells): string {
  const used = new Set<number>();
  const rows = sheet.rows
    .map((row) => row.map(([col, text]) => [col, text.replace(/\s+/g, ' ').trim()] as const))
    .map((row) => row.filter(([, text]) => text !== ''))
    .filter((row) => row.length > 0);
  for (const row of rows) for (const [col] of row) used.add(col);
  const columns = [...used].sort((a, b) => a - b);
  const position = new Map(columns.map((col, i) => [col, i]));
  return rows
    .map((row) => {
      const cells = new Array<string>(position.get(row[row.length - 1]![0])! + 1).fill('');
      for (const [col, text] of row) cells[position.get(col)!] = text;
      return cells.join(CELL_SEPARATOR);
    })
    .join('\n');
}

/** 0-based column of an A1-style reference (`B7` -> 1, `AA1` -> 26), or undefined when it has none. */
export function columnOfRef(ref: string): number | undefined {
  const letters = /^\$?([A-Z]{1,3})/i.exec(ref)?.[1];
  if (!letters) return undefined;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}
