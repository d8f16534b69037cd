import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { extractPdf } from '../../../src/main/core/ingest/extract/extractPdf';
import { makePdf } from '../../support/makePdf';

/**
 * PDF bookmarks as heading paths: a generated three-page PDF with an outline (one bookmark at a page,
 * one at a height half-way down page 2, a nested one on page 3), read by real pdf.js, added through
 * `library.add`, searched by the section names, which the pages' text never says.
 */
const FONT = 11;
const LEADING = Math.round(FONT * 1.27 * 100) / 100;
/** Page-space top of text line `k` (0-based) as makePdf lays it out (first baseline at 720). */
const lineTop = (k: number) => 720 - k * LEADING + FONT;

const PAGES = [
  [
    'This package prints tables in documents with a clean look.',
    'Load it in the preamble and write tables as usual.',
  ].join('\n'),
  [
    'The commands work inside the usual tabular environment.',
    'They never change how cells are aligned or how columns are declared.',
    '',
    '2 Spacing',
    'Extra room above and below each line of cells is set with two lengths.',
    'Raise them to let a dense table breathe, lower them for compact listings.',
  ].join('\n'),
  ['3.1 Colours', 'Each line of a table may take its own tint, named or mixed from the palette.'].join('\n'),
];

const OUTLINE = [
  { title: 'Overview', page: 0 },
  { title: 'Vertical padding between rows', page: 1, top: lineTop(3) },
  {
    title: 'Advanced use',
    page: 2,
    children: [{ title: 'Tinted horizontal rules', page: 2, top: lineTop(0) }],
  },
];

let root: string;
let core: Core;

async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const parsed = contract[method].input.parse(input) as never;
  return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-outline-'));
  const folder = path.join(root, 'docs');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'tablestyle.pdf'), makePdf(PAGES, { outline: OUTLINE, fontSize: FONT }));
  fs.writeFileSync(
    path.join(folder, 'other.pdf'),
    makePdf(['A note on fonts: pick one family for the body and one for headings.'], { fontSize: FONT }),
  );
  core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
  });
  const { jobId } = await call('library.add', { paths: [folder] });
  await core.jobs.wait(jobId);
}, 60_000);

afterAll(async () => {
  await core?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('PDF outline (bookmarks) as headings', () => {
  it('gives each page span the path of the bookmark it sits under, placed by the bookmark height', async () => {
    const data = new Uint8Array(makePdf(PAGES, { outline: OUTLINE, fontSize: FONT }));
    const { pages } = await extractPdf(data, 1_000_000);
    const spans = pages.map((p) =>
      (p.sections ?? []).map((s) => [p.text.slice(s.start, s.end).split('\n')[0], s.headingPath]),
    );
    expect(spans).toEqual([
      [['This package prints tables in documents with a clean look.', ['Overview']]],
      [
        // Text above the bookmark's height stays under the previous bookmark (from page 1).
        ['The commands work inside the usual tabular environment.', ['Overview']],
        ['2 Spacing', ['Vertical padding between rows']],
      ],
      [['3.1 Colours', ['Advanced use', 'Tinted horizontal rules']]],
    ]);
  });

  it('a query naming a section finds the passage under that bookmark', async () => {
    for (const mode of ['keyword', 'hybrid'] as const) {
      const result = await call('search.query', { q: 'vertical padding', mode, groupBy: 'chunk' });
      const top = result.results[0]!;
      expect(path.basename(top.path)).toBe('tablestyle.pdf');
      expect(top.page).toBe(2);
      expect(top.headingPath).toEqual(['Vertical padding between rows']);
      expect(top.text).toMatch(/^2 Spacing/);
    }
    const nested = await call('search.query', { q: 'tinted rules', mode: 'keyword', groupBy: 'chunk' });
    expect(nested.results.map((h) => [h.page, h.headingPath])).toEqual([
      [3, ['Advanced use', 'Tinted horizontal rules']],
    ]);
  });
});
