import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument, extractDocumentDate } from '../../../src/main/core/ingest/extract/extractDocument';
import { chunkPages } from '../../../src/main/core/ingest/chunkPages';
import { DEFAULT_EXTRACT_LIMITS } from '../../../src/main/core/ingest/types';
import { pandoc } from '../../support/makeScanFixtures';
import { makeTempDir } from '../../support/tempDir';
import { writeOds, writeXlsx } from '../../support/makeSpreadsheetFixtures';

// EPUB, ODT and PPTX made by pandoc from Markdown, read by Loci's extractors.
const BOOK = `---
title: Glacier Handbook
---

# Ice Ages

Glaciers carve deep valleys as they flow slowly downhill.

## Moraines

Moraines are ridges of rock debris pushed by the ice.

# Sea Ice

Sea ice forms when ocean water freezes in polar winters.
`;

const DECK = `---
title: Quarterly Review
---

# Harvest Forecast

- Wheat yields rose by twelve percent

::: notes
Remember to thank the irrigation team in Fresno.
:::

# Budget Outlook

Spending on tractors stays flat next year.
`;

describe('EPUB, ODT and PPTX', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());
  const at = (name: string): string => path.join(tmp.dir, name);

  for (const ext of ['epub', 'odt'] as const) {
    it(`${ext}: text with chapters as heading sections and the document title`, async () => {
      const result = await extractDocument({ path: pandoc(BOOK, at(`book.${ext}`)) });
      expect(result).toMatchObject({ status: 'ok', kind: ext, title: 'Glacier Handbook', pageCount: 1 });
      const chunks = await chunkPages(result.pages, {
        maxTokens: 256,
        countTokens: (t) => t.split(/\s+/).length,
      });
      const moraine = chunks.find((c) => c.text.includes('ridges of rock debris'));
      expect(moraine?.headingPath).toEqual(['Ice Ages', 'Moraines']);
      const sea = chunks.find((c) => c.text.includes('ocean water freezes'));
      expect(sea?.headingPath).toEqual(['Sea Ice']);
    });
  }

  it('pptx: one page per slide in order, slide titles as headings, speaker notes included', async () => {
    const result = await extractDocument({ path: pandoc(DECK, at('deck.pptx')) });
    expect(result).toMatchObject({ status: 'ok', kind: 'pptx', title: 'Quarterly Review', pageCount: 3 });
    const harvest = result.pages[1]!;
    expect(harvest.text).toContain('Wheat yields rose by twelve percent');
    expect(harvest.text).toContain('Remember to thank the irrigation team in Fresno.');
    expect(harvest.sections?.[0]?.headingPath).toEqual(['Harvest Forecast']);
    expect(harvest.sections?.at(-1)?.headingPath).toEqual(['Harvest Forecast', 'Speaker notes']);
    expect(result.pages[2]!.text).toContain('Spending on tractors stays flat next year.');
    expect(result.pages[2]!.sections?.[0]?.headingPath).toEqual(['Budget Outlook']);
  });

  it("the document's own date: EPUB dc:date, ODT creation-date, DOCX/PPTX dcterms:created; also read alone", async () => {
    // pandoc writes the YAML date as EPUB's dc:date, and SOURCE_DATE_EPOCH as the office formats' creation date.
    const dated = `---\ntitle: Dated\ndate: 2014-09-10\n---\n\n# One\n\nSome text to read.\n`;
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1300000000'; // 2011-03-13T06:06:40Z
    const files = (['epub', 'odt', 'docx', 'pptx'] as const).map((ext) => pandoc(dated, at(`dated.${ext}`)));
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
    const expected = [Date.UTC(2014, 8, 10), 1300000000_000, 1300000000_000, 1300000000_000];
    for (const [i, file] of files.entries()) {
      expect([file, (await extractDocument({ path: file })).docDate]).toEqual([file, expected[i]]);
      expect([file, (await extractDocumentDate({ path: file })).docDate]).toEqual([file, expected[i]]);
    }
    // Workbooks: XLSX core properties and ODS meta, added to generated workbooks.
    const sheets = [{ name: 'One', rows: [['Yield per field']] }];
    const withPart = async (file: string, part: string, xml: string) => {
      const zip = await JSZip.loadAsync(fs.readFileSync(file));
      zip.file(part, xml);
      fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    };
    await writeXlsx(at('dated.xlsx'), sheets);
    await withPart(
      at('dated.xlsx'),
      'docProps/core.xml',
      '<cp:coreProperties><dcterms:created>2019-04-05T06:07:08Z</dcterms:created></cp:coreProperties>',
    );
    await writeOds(at('dated.ods'), sheets);
    await withPart(
      at('dated.ods'),
      'meta.xml',
      '<office:meta><meta:creation-date>2017-08-09T10:11:12</meta:creation-date></office:meta>',
    );
    expect((await extractDocument({ path: at('dated.xlsx') })).docDate).toBe(Date.UTC(2019, 3, 5, 6, 7, 8));
    expect((await extractDocumentDate({ path: at('dated.ods') })).docDate).toBe(
      Date.UTC(2017, 7, 9, 10, 11, 12),
    );
    // A file without a date part has none (the caller falls back to the file's mtime).
    const bare = new JSZip();
    bare.file(
      'content.xml',
      '<office:document-content><office:body><text:p>Hi</text:p></office:body></office:document-content>',
    );
    fs.writeFileSync(at('bare.odt'), await bare.generateAsync({ type: 'nodebuffer' }));
    expect((await extractDocument({ path: at('bare.odt') })).docDate).toBeUndefined();
  });

  it('a zip bomb (declared unpacked size over the limit) is refused before inflating, like DOCX', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/epub+zip');
    zip.file('content.xml', Buffer.alloc(4 * 1024 * 1024, 0x20));
    fs.writeFileSync(
      at('bomb.epub'),
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    fs.copyFileSync(at('bomb.epub'), at('bomb.odt'));
    const limits = { ...DEFAULT_EXTRACT_LIMITS, maxFileBytes: 1024 * 1024 };
    for (const name of ['bomb.epub', 'bomb.odt']) {
      const result = await extractDocument({ path: at(name) }, limits);
      expect(result).toMatchObject({
        status: 'failed',
        reason: expect.stringMatching(/unpacks to 4 MB \(limit 1 MB\)/),
      });
    }
  });

  it('a damaged archive fails with a reason instead of throwing', async () => {
    fs.writeFileSync(at('broken.pptx'), 'PK this is not really a zip');
    const result = await extractDocument({ path: at('broken.pptx') });
    expect(result).toMatchObject({ status: 'failed', reason: expect.stringMatching(/not a ZIP archive/) });
  });
});
