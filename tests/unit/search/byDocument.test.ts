import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../../src/shared/api/contract';
import { sourceResourcesDir } from '../../../src/main/core/config';
import { createCore, type Core } from '../../../src/main/core/createCore';
import { makePdf } from '../../support/makePdf';

/**
 * Results by document through the contract, on a real core (pdf.js, LanceDB, the built-in model on
 * ONNX Runtime): one result per document with its passages, one PDF page merged into one passage,
 * "N more in this document" and paging.
 */

const RULES = [
  'Horizontal rules in tables should be few: a thick rule above the table, a thin one below the header.',
  'Never use vertical rules in a table; white space separates the columns better than lines do.',
  'A thick bottom rule closes the table, and extra space between rule and text keeps it light.',
  'Double rules in tables look heavy; one rule of the right weight is enough for a header.',
  'Partial horizontal rules under a spanning column header group the columns of a table.',
  'Table rules need padding above and below so that the rows do not touch the lines.',
  'The top rule of a table is heavier than the mid rule that separates the header from the body.',
  'Rules in tables guide the eye along rows only when rows are long and dense.',
];

const FILLER =
  'Typesetting guides often repeat the same advice about tables in different words, and readers skim them. ';

let root: string;
let core: Core;
async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const parsed = contract[method].input.parse(input) as never;
  return (core.handlers[method] as (i: never) => Promise<OutputOf<M>>)(parsed);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bydoc-'));
  const docs = path.join(root, 'docs');
  fs.mkdirSync(docs);
  // Page 2 holds the whole guide on table rules: several chunks, one page.
  fs.writeFileSync(
    path.join(docs, 'table-guide.pdf'),
    makePdf(
      [
        'About this guide. It covers fonts, spacing and page layout for reports.',
        RULES.map((r) => `${r} ${FILLER}`).join('\n'),
        'Fonts for reports: choose a serif face for long text and keep to two sizes.',
        'Appendix. Horizontal rules in tables, summarised: few rules, no vertical ones.',
      ],
      { title: 'Table guide' },
    ),
  );
  // Twelve short notes that each mention table rules once, so a query finds more than one page.
  for (let i = 0; i < 12; i++) {
    fs.writeFileSync(
      path.join(docs, `note-${String(i).padStart(2, '0')}.md`),
      `# Note ${i}\n\n${RULES[i % RULES.length]} This note number ${i} is about other things too, such as river ${i} and bread ${i}.\n`,
    );
  }
  core = await createCore({
    appVersion: 'test',
    dataDir: path.join(root, 'data'),
    libraryDir: path.join(root, 'library'),
    resourcesDir: sourceResourcesDir(),
    threads: 2,
    watch: false,
  });
  const { jobId } = await call('library.add', { paths: [docs] });
  await core.jobs.wait(jobId);
}, 240_000);

afterAll(async () => {
  await core?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('search by document', () => {
  it('is the default: one result per document, its passages with one page merged into one', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const r = await call('search.query', { q: 'horizontal rules in tables', mode, k: 20 });
      expect(r.groupBy).toBe('document');
      const docIds = r.results.map((h) => h.docId);
      expect(new Set(docIds).size).toBe(docIds.length);
      const guide = r.results.find((h) => h.path.endsWith('table-guide.pdf'));
      expect(guide, mode).toBeDefined();
      const pages = guide!.passages!.map((p) => p.page);
      // Never the same page twice; page 2's chunks are one passage.
      expect(new Set(pages).size).toBe(pages.length);
      const page2 = guide!.passages!.find((p) => p.page === 2);
      expect(page2?.chunks, mode).toBeGreaterThan(1);
      expect(guide!.passages![0]!.chunkId).toBe(guide!.chunkId);
    }
  });

  it('by chunk lists the same page several times, as before', async () => {
    const r = await call('search.query', {
      q: 'horizontal rules in tables',
      mode: 'keyword',
      k: 30,
      groupBy: 'chunk',
    });
    expect(r.groupBy).toBe('chunk');
    expect(r.results[0]!.passages).toBeUndefined();
    const page2 = r.results.filter((h) => h.path.endsWith('table-guide.pdf') && h.page === 2);
    expect(page2.length).toBeGreaterThan(1);
  });

  it('"N more in this document" fetches the next passages of that document only', async () => {
    const r = await call('search.query', { q: 'tables rules fonts guide', mode: 'hybrid', k: 20 });
    const guide = r.results.find((h) => h.path.endsWith('table-guide.pdf'))!;
    const shown = guide.passages!.length;
    const more = await call('search.passages', {
      q: 'tables rules fonts guide',
      mode: 'hybrid',
      docId: guide.docId,
      offset: 0,
      limit: 10,
    });
    expect(more.docId).toBe(guide.docId);
    // All of the document's pages, each once, and the first ones are those already shown.
    expect(new Set(more.passages.map((p) => p.page))).toEqual(new Set([1, 2, 3, 4]));
    expect(more.passages.slice(0, shown).map((p) => p.chunkId)).toEqual(
      guide.passages!.map((p) => p.chunkId),
    );
    const rest = await call('search.passages', {
      q: 'tables rules fonts guide',
      mode: 'hybrid',
      docId: guide.docId,
      offset: shown,
      limit: 10,
    });
    expect(rest.passages.map((p) => p.chunkId)).toEqual(more.passages.slice(shown).map((p) => p.chunkId));
    expect(rest.nextOffset).toBeNull();
    await expect(
      call('search.passages', { q: 'tables', mode: 'keyword', docId: 'no-such-doc', offset: 0, limit: 5 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("more like this pulls a hit's document up; less like this drops it", async () => {
    const rankOf = (r: OutputOf<'search.query'>, suffix: string) =>
      r.results.findIndex((h) => h.path.endsWith(suffix)) + 1;
    const base = await call('search.query', { q: 'bread and rivers', mode: 'semantic', k: 20 });
    const before = rankOf(base, 'table-guide.pdf');
    expect(before).toBeGreaterThan(1);
    const guideHit = base.results.find((h) => h.path.endsWith('table-guide.pdf'))!;
    const plus = await call('search.query', {
      q: 'bread and rivers',
      mode: 'semantic',
      k: 20,
      like: [{ chunkId: guideHit.chunkId, sign: 1 }],
    });
    expect(rankOf(plus, 'table-guide.pdf')).toBeLessThan(before);
    for (const mode of ['semantic', 'hybrid', 'keyword'] as const) {
      const minus = await call('search.query', {
        q: 'rules in tables',
        mode,
        k: 20,
        like: [{ chunkId: guideHit.chunkId, sign: -1 }],
      });
      expect(minus.results.length).toBeGreaterThan(0);
      expect(rankOf(minus, 'table-guide.pdf'), mode).toBe(0);
    }
  });

  it('pages through results with offset and nextOffset, never repeating a document', async () => {
    const seen: string[] = [];
    let offset: number | null = 0;
    let pages = 0;
    while (offset !== null) {
      const r: OutputOf<'search.query'> = await call('search.query', {
        q: 'rules in tables',
        mode: 'keyword',
        k: 5,
        offset,
      });
      expect(r.offset).toBe(offset);
      expect(r.results[0]!.rank).toBe(offset + 1);
      seen.push(...r.results.map((h) => h.docId));
      offset = r.nextOffset;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.length).toBe(13);
    expect(new Set(seen).size).toBe(13);
  });
});
