import { SourceReadError } from './readSource';
import { columnOfRef, sheetsToPages, type SheetCells, type SheetExtraction } from './sheetPages';
import { formatNumber, readCellStyles, type NumberStyle } from './xlsxValues';
import { openZipDocument, unescapeXml, xmlAttr, zipRelations, type ZipDocument } from './zipArchive';

/**
 * XLSX (Office Open XML workbooks, also `.xlsm`: macros are never read) as text tables, one page per
 * visible sheet in workbook order (see `sheetPages.ts`). Read with our own XML scanning over the DOCX
 * zip-bomb check, not a spreadsheet library: the few parts needed are regular. Cell values as a user
 * sees them: shared and inline strings, numbers, dates (by the cell's number format, 1900 or 1904
 * epoch), booleans, error codes, and a formula's cached value (the formula itself is not text; a
 * formula never calculated by its writer has no value and stays empty). Hidden sheets are skipped.
 */
export async function extractXlsx(
  buffer: Buffer,
  maxChars: number,
  maxUnpackedBytes: number,
): Promise<SheetExtraction> {
  const zip = await openZipDocument(buffer, maxUnpackedBytes, 'XLSX');
  // The workbook part is named by the package's root relationship; `xl/workbook.xml` by convention.
  const rootRel = ((await zip.text('_rels/.rels')) ?? '')
    .match(/<Relationship\b[^>]*>/g)
    ?.find((tag) => /\/officeDocument$/.test(xmlAttr(tag, 'Type') ?? ''));
  const rootTarget = rootRel ? xmlAttr(rootRel, 'Target')?.replace(/^\//, '') : undefined;
  const workbookPath = rootTarget && zip.has(rootTarget) ? rootTarget : 'xl/workbook.xml';
  const workbook = await zip.text(workbookPath);
  if (!workbook) throw new SourceReadError('XLSX without a workbook (xl/workbook.xml)');
  const rels = await zipRelations(zip, workbookPath);
  const target = (type: RegExp): string | undefined =>
    [...rels.values()].find((r) => type.test(r.type))?.target;
  const strings = readSharedStrings(await zip.text(target(/\/sharedStrings$/) ?? 'xl/sharedStrings.xml'));
  const styles = readCellStyles(await zip.text(target(/\/styles$/) ?? 'xl/styles.xml'));
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook)?.[0];
  const date1904 = /^(1|true)$/.test((pr && xmlAttr(pr, 'date1904')) ?? '');
  const context: CellContext = { strings, styles, date1904 };

  const sheets: SheetCells[] = [];
  let chars = 0;
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const state = xmlAttr(tag, 'state');
    if (state === 'hidden' || state === 'veryHidden') continue;
    const relId = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    const sheetPath = relId ? rels.get(relId)?.target : undefined;
    if (!sheetPath || !zip.has(sheetPath)) continue;
    const sheet = await readSheet(zip, sheetPath, xmlAttr(tag, 'name') ?? '', context);
    sheets.push(sheet);
    // Stop reading sheets once the text cap is surely reached (every cell costs at least one char).
    chars += sheet.rows.reduce((n, row) => n + row.reduce((m, [, t]) => m + t.length, 0), 0);
    if (chars > maxChars) break;
  }
  if (sheets.length === 0) throw new SourceReadError('XLSX without a visible worksheet');
  return sheetsToPages(sheets, maxChars);
}

interface CellContext {
  strings: string[];
  styles: NumberStyle[];
  date1904: boolean;
}

/** The text of a string item (`<si>`, `<is>`): its runs' `<t>` joined; phonetic guides dropped. */
function runText(xml: string): string {
  const visible = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const m of visible.matchAll(/<(?:\w+:)?t\b[^>]*>([^<]*)<\/(?:\w+:)?t>/g)) text += m[1];
  return unescapeXml(text);
}

function readSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) =>
    runText(m[1] ?? ''),
  );
}

async function readSheet(zip: ZipDocument, entry: string, name: string, context: CellContext) {
  const xml = (await zip.text(entry)) ?? '';
  const data = /<(?:\w+:)?sheetData\b[^>]*>([\s\S]*)<\/(?:\w+:)?sheetData>/.exec(xml)?.[1] ?? '';
  const rows: SheetCells['rows'] = [];
  for (const row of data.matchAll(/<(?:\w+:)?row\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const cells: Array<[number, string]> = [];
    let next = 0;
    for (const c of (row[1] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = c[1] ?? '';
      const col = columnOfRef(xmlAttr(attrs, 'r') ?? '') ?? next;
      next = col + 1;
      const text = cellText(attrs, c[2] ?? '', context);
      if (text !== '') cells.push([col, text]);
    }
    if (cells.length > 0) rows.push(cells);
  }
  return { name, rows };
}

/** A cell as text, by its type (`t`): shared/inline/formula string, boolean, error, date or number. */
function cellText(attrs: string, body: string, context: CellContext): string {
  const type = xmlAttr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') {
    const inline = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1];
    return inline === undefined ? '' : runText(inline);
  }
  const raw = /<(?:\w+:)?v\b[^>]*>([^<]*)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (raw === undefined) return '';
  const value = unescapeXml(raw);
  switch (type) {
    case 's':
      return context.strings[Number(value)] ?? '';
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'str':
    case 'e':
    case 'd':
      return value;
    default: {
      const style = context.styles[Number(xmlAttr(attrs, 's') ?? 0)] ?? 'number';
      return formatNumber(value, style, context.date1904);
    }
  }
}
