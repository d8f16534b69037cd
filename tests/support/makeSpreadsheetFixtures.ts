import fs from 'node:fs';
import JSZip from 'jszip';

/**
 * Small XLSX and ODS workbooks written at test time (no office suite or `zip` CLI needed), laid out as
 * Excel and LibreOffice write them: shared and inline strings, styled dates and percentages, formulas
 * with cached values, hidden sheets, empty rows, and ODF's repeated rows and cells.
 */
export type FixtureCell =
  | string
  | number
  | boolean
  | null
  /** XLSX: inline string (`t="inlineStr"`). */
  | { inline: string }
  /** A date: ISO `YYYY-MM-DD`, or with `THH:MM` for a date and time. */
  | { date: string }
  | { percent: number }
  | { formula: string; cached: number };

export interface FixtureSheet {
  name: string;
  hidden?: boolean;
  rows: FixtureCell[][];
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colName = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + colName(i % 26);
const serial = (iso: string): number => (Date.parse(`${iso}Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** XLSX: styles 0 general, 1 date (built-in 14), 2 custom date-time, 3 percent (built-in 10). */
export async function writeXlsx(file: string, sheets: FixtureSheet[]): Promise<void> {
  const zip = new JSZip();
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string): number => {
    let at = index.get(s);
    if (at === undefined) index.set(s, (at = strings.push(s) - 1));
    return at;
  };
  const cellXml = (cell: FixtureCell, ref: string): string => {
    if (cell === null) return '';
    if (typeof cell === 'string') return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
    if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
    if (typeof cell === 'boolean') return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
    if ('inline' in cell) return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell.inline)}</t></is></c>`;
    if ('date' in cell)
      return `<c r="${ref}" s="${cell.date.includes('T') ? 2 : 1}"><v>${serial(cell.date)}</v></c>`;
    if ('percent' in cell) return `<c r="${ref}" s="3"><v>${cell.percent}</v></c>`;
    return `<c r="${ref}"><f>${esc(cell.formula)}</f><v>${cell.cached}</v></c>`;
  };
  sheets.forEach((sheet, i) => {
    const rows = sheet.rows
      .map((row, r) => {
        const cells = row.map((cell, c) => cellXml(cell, `${colName(c)}${r + 1}`)).join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    );
  });
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><workbookPr/><sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
  );
  const n = sheets.length;
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('')}<Relationship Id="rId${n + 1}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${strings
      .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
      .join('')}</sst>`,
  );
  zip.file(
    'xl/styles.xml',
    `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/**
 * ODS as LibreOffice writes it: each cell's displayed text in `text:p` beside its typed value, empty
 * runs as `number-columns-repeated`, and the sheet padded to the last row with one repeated empty row.
 */
export async function writeOds(file: string, sheets: FixtureSheet[]): Promise<void> {
  const cellXml = (cell: FixtureCell): string => {
    if (cell === null) return '<table:table-cell/>';
    const p = (t: string): string => `<text:p>${esc(t)}</text:p>`;
    if (typeof cell === 'string')
      return `<table:table-cell office:value-type="string">${p(cell)}</table:table-cell>`;
    if (typeof cell === 'number')
      return `<table:table-cell office:value-type="float" office:value="${cell}">${p(String(cell))}</table:table-cell>`;
    if (typeof cell === 'boolean')
      return `<table:table-cell office:value-type="boolean" office:boolean-value="${cell}">${p(cell ? 'TRUE' : 'FALSE')}</table:table-cell>`;
    if ('inline' in cell) return cellXml(cell.inline);
    if ('date' in cell)
      return `<table:table-cell office:value-type="date" office:date-value="${cell.date}">${p(cell.date.replace('T', ' '))}</table:table-cell>`;
    if ('percent' in cell)
      return `<table:table-cell office:value-type="percentage" office:value="${cell.percent}">${p(`${cell.percent * 100}%`)}</table:table-cell>`;
    return `<table:table-cell table:formula="of:=${esc(cell.formula)}" office:value-type="float" office:value="${cell.cached}">${p(String(cell.cached))}</table:table-cell>`;
  };
  const tables = sheets
    .map((sheet) => {
      const rows = sheet.rows
        .map((row) =>
          row.length === 0
            ? '<table:table-row><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            : `<table:table-row>${row.map(cellXml).join('')}<table:table-cell table:number-columns-repeated="1000"/></table:table-row>`,
        )
        .join('');
      const padding =
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>';
      return `<table:table table:name="${esc(sheet.name)}" table:style-name="${sheet.hidden ? 'ta2' : 'ta1'}"><table:table-column table:number-columns-repeated="1024"/>${rows}${padding}</table:table>`;
    })
    .join('');
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file(
    'META-INF/manifest.xml',
    `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
  );
  zip.file(
    'content.xml',
    `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:automatic-styles><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style></office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`,
  );
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}
