import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/main/core/ingest/extract/extractDocument';
import { choosePdfTitle, largestText } from '../../../src/main/core/ingest/extract/pdfTitle';
import type { PositionedText } from '../../../src/main/core/ingest/extract/pdfTextLayout';
import { makePdf } from '../../support/makePdf';

const run = (str: string, x: number, y: number, size: number): PositionedText => ({
  str,
  transform: [size, 0, 0, size, x, y],
  width: str.length * size * 0.5,
  height: size,
  hasEOL: false,
});

describe('PDF titles', () => {
  it('takes the largest text of page 1, its lines top first, a logo of mixed sizes kept whole', () => {
    const items = [
      run('Publication quality tables in L', 100, 700, 17),
      run('A', 330, 703, 12),
      run('TEX', 340, 700, 17),
      run('∗', 380, 705, 8),
      run('Simon Fear', 200, 660, 12),
      ...Array.from({ length: 30 }, (_, i) =>
        run('Body text of the guide, set in ten point.', 72, 600 - i * 12, 10),
      ),
    ];
    expect(largestText(items)).toBe('Publication quality tables in LaTeX');
  });

  it('finds no title text on a page set in one size', () => {
    expect(largestText([run('Annual report', 72, 700, 11), run('Body text.', 72, 680, 11)])).toBeUndefined();
  });

  it('keeps a metadata title page 1 confirms; replaces file names and names page 1 does not show', () => {
    const base = { firstLine: 'The mathstyle package', fileName: 'mathstyle' };
    expect(choosePdfTitle({ ...base, metadata: 'The mathstyle package', largest: 'User guide' })).toBe(
      'The mathstyle package',
    );
    // "float.dvi": a file name is no title.
    expect(
      choosePdfTitle({
        metadata: 'float.dvi',
        largest: 'An Improved Environment for Floats',
        firstLine: 'x',
        fileName: 'float',
      }),
    ).toBe('An Improved Environment for Floats');
    // An author's name or a run-together string that page 1 does not show as its title.
    expect(
      choosePdfTitle({
        metadata: 'Jane Author',
        largest: 'Commutative diagrams',
        firstLine: 'Commutative diagrams',
        fileName: 'codi',
      }),
    ).toBe('Commutative diagrams');
    expect(
      choosePdfTitle({
        metadata: 'CoDiCommutative',
        largest: 'Commutative diagrams',
        firstLine: 'x',
        fileName: 'codi',
      }),
    ).toBe('Commutative diagrams');
    // Nothing usable: the first line, then the file name.
    expect(
      choosePdfTitle({
        metadata: undefined,
        largest: undefined,
        firstLine: 'Annual Report 2024',
        fileName: 'r',
      }),
    ).toBe('Annual Report 2024');
    expect(
      choosePdfTitle({ metadata: undefined, largest: 'x', firstLine: undefined, fileName: 'report' }),
    ).toBe('report');
  });

  it('a real PDF whose info title is a file name gets the title its first page shows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-title-'));
    try {
      const file = path.join(dir, 'float.pdf');
      const body = Array.from({ length: 20 }, () => 'Floats are placed by the output routine.').join('\n');
      fs.writeFileSync(
        file,
        makePdf([`An Improved Environment for Floats\n${body}`], { title: 'float.dvi' }),
      );
      const r = await extractDocument({ path: file });
      expect(r.title).toBe('An Improved Environment for Floats');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
