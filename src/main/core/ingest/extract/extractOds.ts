import { SourceReadError } from './readSource';
import { MAX_REPEATED, sheetsToPages, type SheetCells, type SheetExtraction } from './sheetPages';
import { openZipDocument, unescapeXml, xmlAttr } from './zipArchive';

/**
 * ODS (OpenDocument spreadsheets) as text tables, one page per visible sheet (see `sheetPages.ts`).
 * `content.xml` already holds each cell's text as displayed (`text:p`: formatted numbers, dates,
 * formula results), which is what a user searches for; a cell without it falls back to its typed value
 * (`office:date-value`, `office:value`, ...). ODF compresses runs of identical rows and cells
 * (`number-rows-repeated`, `number-columns-repeated`, often a million empty rows to the sheet's end):
 * empty runs only advance the position, non-empty ones are written at most `MAX_REPEATED` times.
 * Sheets whose table style says `table:display="false"` (hidden) are skipped; annotations are not text.
 */
export async function extractOds(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<SheetExtraction> {
  const zip = await openZipDocument(buffer, maxUnpackedBytes, 'ODS');
  const content = await zip.text('content.xml');
  if (!content) throw new SourceReadError('ODS without content.xml');
  const hiddenStyles = new Set<string>();
  for (const m of content.matchAll(/<style:style\b([^>]*)>([\s\S]*?)<\/style:style>/g)) {
    if (/<style:table-properties\b[^>]*\btable:display\s*=\s*"false"/.test(m[2]!))
      hiddenStyles.add(xmlAttr(m[1]!, 'style:name') ?? '');
  }
  const sheets: SheetCells[] = [];
  let chars = 0;
  for (const table of content.matchAll(/<table:table(?=[\s>])([^>]*)>([\s\S]*?)<\/table:table>/g)) {
    const attrs = table[1]!;
    if (hiddenStyles.has(xmlAttr(attrs, 'table:style-name') ?? '\0')) continue;
    const sheet = { name: xmlAttr(attrs, 'table:name') ?? '', rows: readRows(table[2]!) };
    sheets.push(sheet);
    chars += sheet.rows.reduce((n, row) => n + row.reduce((m, [, t]) => m + t.length, 0), 0);
    if (chars > maxChars) break;
  }
  if (sheets.length === 0) throw new SourceReadError('ODS without a visible sheet');
  return sheetsToPages(sheets, maxChars);
}

const repeat = (attrs: string, name: string): number =>
  Math.max(1, Math.floor(Number(xmlAttr(attrs, name) ?? 1)) || 1);

function readRows(tableXml: string): SheetCells['rows'] {
  const rows: SheetCells['rows'] = [];
  const rowRe = /<table:table-row(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-row>)/g;
  for (const row of tableXml.matchAll(rowRe)) {
    const cells: Array<[number, string]> = [];
    let col = 0;
    const cellRe =
      /<table:(?:covered-)?table-cell(?=[\s/>])([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g;
    for (const cell of (row[2] ?? '').matchAll(cellRe)) {
      const attrs = cell[1] ?? '';
      const times = repeat(attrs, 'table:number-columns-repeated');
      const text = cellText(attrs, cell[2] ?? '');
      if (text !== '') for (let i = 0; i < Math.min(times, MAX_REPEATED); i++) cells.push([col + i, text]);
      col += times;
    }
    if (cells.length === 0) continue;
    const times = Math.min(repeat(row[1] ?? '', 'table:number-rows-repeated'), MAX_REPEATED);
    for (let i = 0; i < times; i++) rows.push(cells);
  }
  return rows;
}

/** A cell's displayed text (its paragraphs, joined by spaces), else its typed value. */
function cellText(attrs: string, body: string): string {
  const shown = [
    ...body
      .replace(/<office:annotation\b[\s\S]*?<\/office:annotation>/g, '')
      .matchAll(/<text:(?:p|h)\b[^>]*?(?:\/>|>([\s\S]*?)<\/text:(?:p|h)>)/g),
  ]
    .map((p) => paragraphText(p[1] ?? ''))
    .filter((t) => t.trim() !== '')
    .join(' ');
  if (shown.trim() !== '') return shown;
  for (const name of ['office:date-value', 'office:time-value', 'office:value', 'office:boolean-value']) {
    const value = xmlAttr(attrs, name);
    if (value !== undefined && value !== '') return value;
  }
  return '';
}

function paragraphText(xml: string): string {
  return unescapeXml(
    xml
      .replace(/<text:s\b[^>]*>/g, ' ')
      .replace(/<text:(?:tab|line-break)\b[^>]*>/g, ' ')
      .replace(/<[^>]*>/g, ''),
  );
}
