import { describe, expect, it } from 'vitest';
import {
  epubPackageDate,
  odfMetaDate,
  ooxmlCoreDate,
  parseIsoDate,
  parsePdfDate,
  pdfDocumentDate,
  plausibleDate,
} from '../../../src/main/core/ingest/extract/documentDate';

const NOW = Date.UTC(2026, 5, 1);

describe('PDF date strings', () => {
  it('reads the full form with its time zone, and every shorter form', () => {
    expect(parsePdfDate("D:20150301120000+01'00'")).toBe(Date.UTC(2015, 2, 1, 11, 0, 0));
    expect(parsePdfDate("D:20150301120000-05'30'")).toBe(Date.UTC(2015, 2, 1, 17, 30, 0));
    expect(parsePdfDate('D:20150301120000Z')).toBe(Date.UTC(2015, 2, 1, 12));
    expect(parsePdfDate("D:20150301120000Z00'00'")).toBe(Date.UTC(2015, 2, 1, 12));
    expect(parsePdfDate('D:2015')).toBe(Date.UTC(2015, 0, 1));
    expect(parsePdfDate('D:201503')).toBe(Date.UTC(2015, 2, 1));
    expect(parsePdfDate('D:20150301')).toBe(Date.UTC(2015, 2, 1));
  });

  it('tolerates what real writers do: no D:, no apostrophes, a lone one, junk after the date', () => {
    expect(parsePdfDate('20150301120000')).toBe(Date.UTC(2015, 2, 1, 12));
    expect(parsePdfDate('D:20150301120000+0100')).toBe(Date.UTC(2015, 2, 1, 11));
    expect(parsePdfDate("D:20150301120000+01'")).toBe(Date.UTC(2015, 2, 1, 11));
    expect(parsePdfDate('D:20150301120000 garbage')).toBe(Date.UTC(2015, 2, 1, 12));
  });

  it('refuses what is not a date', () => {
    for (const bad of [
      '',
      'D:',
      'Unknown',
      'D:2O15',
      'D:20151301',
      'D:20150431',
      'D:20150301250000',
      'D:201',
    ])
      expect(parsePdfDate(bad), bad).toBeUndefined();
    expect(parsePdfDate(undefined)).toBeUndefined();
  });
});

describe('ISO 8601 / W3CDTF dates', () => {
  it('reads year, month, day, time and zone forms', () => {
    expect(parseIsoDate('2012')).toBe(Date.UTC(2012, 0, 1));
    expect(parseIsoDate('2012-07')).toBe(Date.UTC(2012, 6, 1));
    expect(parseIsoDate('2012-07-04')).toBe(Date.UTC(2012, 6, 4));
    expect(parseIsoDate('2012-07-04T10:20:30Z')).toBe(Date.UTC(2012, 6, 4, 10, 20, 30));
    expect(parseIsoDate('2012-07-04T10:20:30.123456789')).toBe(Date.UTC(2012, 6, 4, 10, 20, 30));
    expect(parseIsoDate('2012-07-04T10:20+02:00')).toBe(Date.UTC(2012, 6, 4, 8, 20));
    expect(parseIsoDate(' 2012-07-04T10:20:30-0130 ')).toBe(Date.UTC(2012, 6, 4, 11, 50, 30));
  });

  it('refuses malformed ones', () => {
    for (const bad of ['', 'July 2012', '2012-13-01', '2012-02-30', '12-07-04', '2012-07-04T25:00'])
      expect(parseIsoDate(bad), bad).toBeUndefined();
  });
});

describe('which dates are believed', () => {
  it('nothing before 1980, in the future or at the epoch', () => {
    expect(plausibleDate(Date.UTC(1980, 0, 1), NOW)).toBe(true);
    expect(plausibleDate(Date.UTC(2026, 4, 31), NOW)).toBe(true);
    expect(plausibleDate(0, NOW)).toBe(false);
    expect(plausibleDate(Date.UTC(1979, 11, 31), NOW)).toBe(false);
    expect(plausibleDate(Date.UTC(2027, 0, 1), NOW)).toBe(false);
    expect(plausibleDate(Number.NaN, NOW)).toBe(false);
  });

  it('PDF: CreationDate, then ModDate, then XMP (elements or attributes); nonsense skipped', () => {
    const xmp = (map: Record<string, string>, raw = '') => ({
      get: (n: string) => map[n] ?? null,
      getRaw: () => raw,
    });
    expect(pdfDocumentDate({ info: { CreationDate: 'D:2015', ModDate: 'D:2019' } }, NOW)).toBe(
      Date.UTC(2015, 0, 1),
    );
    // A placeholder creation date (the epoch, a year 0) is passed over for the modification date.
    expect(pdfDocumentDate({ info: { CreationDate: 'D:19700101000000Z', ModDate: 'D:2019' } }, NOW)).toBe(
      Date.UTC(2019, 0, 1),
    );
    expect(pdfDocumentDate({ info: { CreationDate: 'D:2099' } }, NOW)).toBeUndefined();
    expect(
      pdfDocumentDate({ info: {}, metadata: xmp({ 'xmp:createdate': '2011-05-06T07:08:09Z' }) }, NOW),
    ).toBe(Date.UTC(2011, 4, 6, 7, 8, 9));
    const packet = '<rdf:Description xmp:CreateDate="2010-01-02T00:00:00Z" xmp:ModifyDate="2012-01-01"/>';
    expect(pdfDocumentDate({ info: { CreationDate: 'junk' }, metadata: xmp({}, packet) }, NOW)).toBe(
      Date.UTC(2010, 0, 2),
    );
    expect(pdfDocumentDate({}, NOW)).toBeUndefined();
  });

  it('office and e-book metadata: created before modified', () => {
    expect(
      ooxmlCoreDate(
        '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2016-02-03T04:05:06Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>',
        NOW,
      ),
    ).toBe(Date.UTC(2016, 1, 3, 4, 5, 6));
    expect(
      ooxmlCoreDate(
        '<cp:coreProperties><dcterms:created>1601-01-01T00:00:00Z</dcterms:created><dcterms:modified>2020-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>',
        NOW,
      ),
    ).toBe(Date.UTC(2020, 0, 1));
    expect(
      odfMetaDate(
        '<office:meta><meta:creation-date>2014-09-10T11:12:13</meta:creation-date><dc:date>2015-01-01T00:00:00</dc:date></office:meta>',
        NOW,
      ),
    ).toBe(Date.UTC(2014, 8, 10, 11, 12, 13));
    expect(
      epubPackageDate(
        '<metadata><dc:date opf:event="modification">2020-01-01</dc:date><dc:date opf:event="publication">2009-06</dc:date></metadata>',
        NOW,
      ),
    ).toBe(Date.UTC(2009, 5, 1));
    expect(
      epubPackageDate(
        '<metadata><meta property="dcterms:modified">2013-03-04T05:06:07Z</meta></metadata>',
        NOW,
      ),
    ).toBe(Date.UTC(2013, 2, 4, 5, 6, 7));
  });
});
