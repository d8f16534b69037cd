import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/shared/api/methods/library';
import { createCore, type Core } from '../../src/main/core/createCore';
import { sourceResourcesDir } from '../../src/main/core/config';
import { extractDocument } from '../../src/main/core/ingest/extract/extractDocument';
import { DEFAULT_EXTRACT_LIMITS } from '../../src/main/core/ingest/types';
import { writeOds, writeXlsx, type FixtureSheet } from '../support/makeSpreadsheetFixtures';
import { makeTempDir } from '../support/tempDir';

const SHEETS: FixtureSheet[] = [
  {
    name: 'Harvest 2024',
    rows: [
      ['Crop', 'Field', 'Yield (t/ha)', 'Share', 'Harvested', 'Total'],
      [
        'Winter wheat',
        'North meadow',
        7.25,
        { percent: 0.125 },
        { date: '2024-07-18' },
        { formula: 'C2*2', cached: 14.5 },
      ],
      [],
      [
        'Sugar beet',
        { inline: 'River terrace by the old mill' },
        61.4,
        { percent: 0.5 },
        { date: '2024-10-02T14:30' },
        true,
      ],
    ],
  },
  { name: 'Payroll', hidden: true, rows: [['Confidential salary of the orchard foreman']] },
  {
    name: 'Notes',
    rows: [['Irrigation pumps were serviced before the dry spell'], [null, null, null, null, 'Far cell']],
  },
];

const HARVEST = [
  'Crop | Field | Yield (t/ha) | Share | Harvested | Total',
  'Winter wheat | North meadow | 7.25 | 12.5% | 2024-07-18 | 14.5',
  'Sugar beet | River terrace by the old mill | 61.4 | 50% | 2024-10-02 14:30 | TRUE',
].join('\n');

// XLSX and ODS workbooks generated here, read by Loci's own XML reading: a sheet is a page whose
// section is the sheet's name, a row a line; then ingested by the real core and found by a cell phrase.
describe('XLSX and ODS workbooks as text tables', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const at = (name: string): string => path.join(docs, name);
  let core: Core | undefined;

  beforeAll(async () => {
    fs.mkdirSync(docs);
    await writeXlsx(at('farm.xlsx'), SHEETS);
    await writeOds(at('farm.ods'), SHEETS);
  });
  afterAll(async () => {
    await core?.close();
    tmp.cleanup();
  });

  for (const ext of ['xlsx', 'ods'] as const) {
    it(`${ext}: visible sheets as pages named by sheet, cells readable, empty rows and the hidden sheet left out`, async () => {
      const result = await extractDocument({ path: at(`farm.${ext}`) });
      expect(result).toMatchObject({ status: 'ok', kind: ext, title: 'farm', pageCount: 2 });
      expect(result.pages.map((p) => p.text)).toEqual([
        HARVEST,
        // A column empty in the whole sheet is dropped; the far cell keeps its column.
        'Irrigation pumps were serviced before the dry spell\n | Far cell',
      ]);
      expect(result.pages.map((p) => p.sections)).toEqual([
        [{ start: 0, end: HARVEST.length, headingPath: ['Harvest 2024'] }],
        [{ start: 0, end: result.pages[1]!.text.length, headingPath: ['Notes'] }],
      ]);
      expect(JSON.stringify(result.pages)).not.toContain('salary');
    });
  }

  it('a zip bomb (declared unpacked size over the limit) is refused with the reason', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(4 * 1024 * 1024, 0x20));
    fs.writeFileSync(
      path.join(tmp.dir, 'bomb.xlsx'),
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    fs.copyFileSync(path.join(tmp.dir, 'bomb.xlsx'), path.join(tmp.dir, 'bomb.ods'));
    const limits = { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 1024 * 1024 };
    for (const [name, label] of [
      ['bomb.xlsx', 'XLSX'],
      ['bomb.ods', 'ODS'],
    ] as const) {
      const result = await extractDocument({ path: path.join(tmp.dir, name) }, limits);
      expect(result).toMatchObject({ status: 'failed', reason: `${label} unpacks to 4 MB (limit 1 MB)` });
    }
  });

  it('ingested by the core, a cell phrase finds the workbook with its sheet as the section', async () => {
    const libraryDir = path.join(tmp.dir, 'library');
    core = await createCore({
      appVersion: 't',
      dataDir: `${libraryDir}-data`,
      libraryDir,
      resourcesDir: sourceResourcesDir(),
    });
    const { jobId } = await core.handlers['library.add']({ paths: [docs] });
    const summary = (await core.jobs.wait(jobId)) as IngestSummary;
    expect(summary).toMatchObject({ added: 2, failed: [], skipped: [] });
    for (const kind of ['xlsx', 'ods'] as const) {
      const { results } = await core.handlers['search.query']({
        q: 'river terrace old mill',
        k: 1,
        mode: 'hybrid',
        filters: { kinds: [kind] },
        groupBy: 'chunk',
      });
      expect(results[0]).toMatchObject({ kind, page: 1, headingPath: ['Harvest 2024'] });
      expect(results[0]!.text).toContain('Sugar beet | River terrace by the old mill');
      const notes = await core.handlers['search.query']({
        q: 'irrigation pumps serviced',
        k: 1,
        mode: 'keyword',
        filters: { kinds: [kind] },
        groupBy: 'chunk',
      });
      expect(notes.results[0]).toMatchObject({ kind, page: 2, headingPath: ['Notes'] });
    }
    const hidden = await core.handlers['search.query']({
      q: 'confidential salary foreman',
      k: 5,
      mode: 'keyword',
      filters: {},
      groupBy: 'chunk',
    });
    expect(hidden.results).toEqual([]);
  });
});
