import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { awaitsOcr, looksUnchanged } from '../../src/main/core/library/ingestFiles';
import { lociBin } from '../support/repoPaths';
import { makeTempDir } from '../support/tempDir';
import { pandoc, writeMixedPdf, writePng, writeScannedPdf } from '../support/makeScanFixtures';

// The whole path through the real `loci` binary: scans and images read by OCR, EPUB/ODT/PPTX by their
// extractors, all chunked, embedded (the built-in model) and found by a phrase of their text.
describe('scanned PDFs, images, EPUB, ODT and PPTX become searchable', () => {
  const tmp = makeTempDir();
  const docs = path.join(tmp.dir, 'docs');
  const library = path.join(tmp.dir, 'library');
  fs.mkdirSync(docs);
  writeScannedPdf(path.join(docs, 'scan.pdf'), [
    'The lighthouse keeper counted seventeen ships before the storm arrived.',
  ]);
  writePng(
    path.join(docs, 'recipe.png'),
    'Copper kettles were polished every Thursday morning in the old inn.',
  );
  writeMixedPdf(
    path.join(docs, 'mixed.pdf'),
    'This first page has a proper text layer about migrating cranes.',
    'The second page was scanned and tells of a violin maker in Cremona.',
  );
  pandoc(
    '---\ntitle: Glacier Handbook\n---\n\n# Moraines\n\nMoraines are ridges of rock debris pushed by the ice.\n',
    path.join(docs, 'book.epub'),
  );
  pandoc('# Orchards\n\nPear trees need a frost free spring to set fruit.\n', path.join(docs, 'notes.odt'));
  pandoc(
    '# Harvest Forecast\n\n- Wheat yields rose by twelve percent\n\n::: notes\nThank the irrigation team in Fresno.\n:::\n',
    path.join(docs, 'deck.pptx'),
  );
  afterAll(() => tmp.cleanup());
  const env = { ...process.env, LOCI_DATA_DIR: `${library}-data` };
  const loci = (...args: string[]) =>
    spawnSync(process.execPath, [lociBin, ...args, '--library', library], { env, encoding: 'utf8' });
  const top = (query: string): { path: string; page: number; text: string } => {
    const r = loci('search', query, '-k', '1', '--mode', 'keyword', '--json');
    expect(r.status, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { results: Array<{ path: string; page: number; text: string }> };
    expect(res.results.length, query).toBe(1);
    return res.results[0]!;
  };

  it('adds every file as ok; OCR documents say so with their confidence', () => {
    const r = loci('add', docs, '--json');
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary).toMatchObject({ type: 'summary', added: 6, failed: [], skipped: [] });
  });

  it('finds each document by a phrase of its original text, on the right page', () => {
    const found = (query: string): string => {
      const hit = top(query);
      return `${path.basename(hit.path)} p${hit.page}`;
    };
    expect({
      scan: found('lighthouse keeper seventeen ships'),
      png: found('copper kettles polished Thursday'),
      mixedScanned: found('violin maker Cremona'),
      mixedText: found('migrating cranes text layer'),
      epub: found('moraines ridges rock debris'),
      odt: found('pear trees frost'),
      pptx: found('irrigation team Fresno'),
    }).toEqual({
      scan: 'scan.pdf p1',
      png: 'recipe.png p1',
      mixedScanned: 'mixed.pdf p2',
      mixedText: 'mixed.pdf p1',
      epub: 'book.epub p1',
      odt: 'notes.odt p1',
      pptx: 'deck.pptx p1', // no title block in the Markdown: the harvest slide is the first
    });
  });
});

describe('sync picks up PDFs that were skipped for having no text layer', () => {
  const file = { path: '/x/scan.pdf', size: 10, mtimeMs: 5, kind: 'pdf' as const };
  const known = (status: 'skipped' | 'ok', reason: string | null) => ({
    size: 10,
    mtime: 5,
    sha256: 'h',
    status,
    reason,
  });

  it('an unchanged file skipped as "no text layer" (before OCR) is read again; others are not', () => {
    const old = known('skipped', 'no text layer (scanned or image-only PDF?)');
    const older = known('skipped', 'no extractable text (a scanned PDF? OCR is not supported)');
    expect(awaitsOcr(old) && awaitsOcr(older)).toBe(true);
    expect(looksUnchanged(file, old)).toBe(false);
    expect(looksUnchanged(file, older)).toBe(false);
    // Already tried by OCR, or simply fine: left alone.
    expect(looksUnchanged(file, known('skipped', 'no text layer, and OCR found no text'))).toBe(true);
    expect(looksUnchanged(file, known('ok', null))).toBe(true);
  });
});
