import fs from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkPages } from '../../../src/main/core/ingest/chunkPages';
import { splitSentences } from '../../../src/main/core/ingest/splitSentences';
import type { Chunk, ExtractedPage } from '../../../src/main/core/ingest/types';
import { sharedDataDir } from '../../support/repoPaths';

const MAX = 128;
let tokenizer: Tokenizer;
/** Exact count with special tokens, from the real all-MiniLM-L6-v2 WordPiece tokenizer. */
const countTokens = (text: string): number => tokenizer.encode(text).ids.length;

function readCranfield(limit: number): ExtractedPage[] {
  const file = path.join(sharedDataDir, 'cranfield', 'cran.all.1400');
  const docs = fs
    .readFileSync(file, 'utf8')
    .replace(/\r\n/g, '\n')
    .split(/^\.I /m)
    .slice(1, limit + 1);
  return docs.map((doc, i) => ({ page: i + 1, text: (doc.split(/^\.W\n/m)[1] ?? '').trim() }));
}

beforeAll(() => {
  const file = path.join(sharedDataDir, 'tokenizers', 'all-MiniLM-L6-v2', 'tokenizer.json');
  if (!fs.existsSync(file))
    throw new Error(`missing ${file}: set LOCI_SHARED_DATA to the shared data folder`);
  tokenizer = new Tokenizer(JSON.parse(fs.readFileSync(file, 'utf8')), {});
});

/** The invariants every chunking must satisfy, checked with the real tokenizer. */
function checkInvariants(pages: readonly ExtractedPage[], chunks: readonly Chunk[]): void {
  chunks.forEach((c, i) => {
    expect(c.ordinal).toBe(i);
    const page = pages[c.page - 1]!;
    expect(page.page).toBe(c.page);
    expect(page.text.slice(c.start, c.end)).toBe(c.text);
    expect(c.text).toBe(c.text.trim());
    expect(c.text.length).toBeGreaterThan(0);
    expect(countTokens(c.text)).toBe(c.tokens);
    expect(c.tokens).toBeLessThanOrEqual(MAX);
  });
  // Every non-space character of every page is in some chunk.
  for (const page of pages) {
    const covered = new Uint8Array(page.text.length);
    for (const c of chunks) if (c.page === page.page) covered.fill(1, c.start, c.end);
    for (let k = 0; k < page.text.length; k++) {
      if (!covered[k]) expect(page.text[k], `page ${page.page} offset ${k}`).toMatch(/\s/);
    }
  }
}

describe('chunkPages', () => {
  it('chunks 300 Cranfield abstracts within 128 tokens, exact offsets, full coverage', async () => {
    const pages = readCranfield(300);
    expect(pages.filter((p) => p.text.length > 0).length).toBeGreaterThan(290);
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens });
    checkInvariants(pages, chunks);
    // Chunks are reasonably full (few tiny leftovers), not one sentence each.
    const mean = chunks.reduce((n, c) => n + c.tokens, 0) / chunks.length;
    expect(mean).toBeGreaterThan(MAX * 0.5);
  });

  it('is fast: a few exact counts per chunk, whatever the document size', async () => {
    const pages = readCranfield(300);
    let calls = 0;
    const counted = (t: string): number => {
      calls++;
      return countTokens(t);
    };
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens: counted });
    expect(calls / chunks.length).toBeLessThan(3);
  });

  it('never crosses a page or a section, and carries the heading path', async () => {
    const intro = 'Intro\n\nThis is the introduction. '.concat(
      'It has many sentences of moderate length. '.repeat(30),
    );
    const setup = 'Setup\n\nInstall it. Run it. '.concat('Configure every option with care. '.repeat(25));
    const text = `${intro.trim()}\n\n${setup.trim()}`;
    const split = intro.trim().length;
    const pages: ExtractedPage[] = [
      {
        page: 1,
        text,
        sections: [
          { start: 0, end: split, headingPath: ['Intro'] },
          { start: split + 2, end: text.length, headingPath: ['Intro', 'Setup'] },
        ],
      },
      { page: 2, text: 'A second page. It stands alone.' },
    ];
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens });
    checkInvariants(pages, chunks);
    for (const c of chunks) {
      if (c.page === 2) expect(c.headingPath).toEqual([]);
      else if (c.end <= split) expect(c.headingPath).toEqual(['Intro']);
      else {
        expect(c.start).toBeGreaterThanOrEqual(split + 2);
        expect(c.headingPath).toEqual(['Intro', 'Setup']);
      }
    }
    expect(chunks.at(-1)).toMatchObject({ page: 2, text: 'A second page. It stands alone.' });
  });

  it('overlaps consecutive chunks by one short sentence', async () => {
    const sentences = Array.from({ length: 100 }, (_, i) => `Sentence number ${i} is here.`);
    const pages: ExtractedPage[] = [{ page: 1, text: sentences.join(' ') }];
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens });
    checkInvariants(pages, chunks);
    expect(chunks.length).toBeGreaterThan(2);
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!;
      const lastSentence = splitSentences(prev.text).at(-1)!;
      expect(chunks[i]!.text.startsWith(prev.text.slice(lastSentence.start, lastSentence.end))).toBe(true);
    }
    const none = await chunkPages(pages, { maxTokens: MAX, countTokens, overlapMaxShare: 0 });
    for (let i = 1; i < none.length; i++) expect(none[i]!.start).toBeGreaterThanOrEqual(none[i - 1]!.end);
  });

  it('splits sentences longer than the limit, preferring clause boundaries', async () => {
    const clause = 'the wing was tested at several speeds, ';
    const pages: ExtractedPage[] = [{ page: 1, text: `${clause.repeat(60)}and that was all.` }];
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens });
    checkInvariants(pages, chunks);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks.slice(0, -1)) expect(c.text.endsWith(',')).toBe(true);
  });

  it('cuts a giant unbroken token and dense non-Latin text to fit', async () => {
    const base64 = Buffer.from(Array.from({ length: 6000 }, (_, i) => (i * 7) % 256)).toString('base64');
    const cjk = '自然言語処理は計算機で人間の言語を扱う技術である。'.repeat(40);
    const pages: ExtractedPage[] = [
      { page: 1, text: `Data: ${base64} end.` },
      { page: 2, text: cjk },
    ];
    const chunks = await chunkPages(pages, { maxTokens: MAX, countTokens });
    checkInvariants(pages, chunks);
    expect(chunks.filter((c) => c.page === 2).length).toBeGreaterThan(1);
    // WordPiece maps the whole 8,000-character base64 "word" to one [UNK]; the character cap still cuts it.
    expect(chunks.filter((c) => c.page === 1).length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(MAX * 10);
  });

  it('gives the same chunks for an async counter, and the same chunks every time', async () => {
    const pages = readCranfield(40);
    const sync = await chunkPages(pages, { maxTokens: MAX, countTokens });
    const asyncChunks = await chunkPages(pages, {
      maxTokens: MAX,
      countTokens: async (t) => {
        await new Promise((r) => setImmediate(r));
        return countTokens(t);
      },
    });
    expect(asyncChunks).toEqual(sync);
    expect(await chunkPages(pages, { maxTokens: MAX, countTokens })).toEqual(sync);
  });

  it('rejects a token limit too small to hold text', async () => {
    await expect(chunkPages([{ page: 1, text: 'x' }], { maxTokens: 4, countTokens })).rejects.toThrow(
      RangeError,
    );
  });

  it('returns no chunks for empty pages', async () => {
    expect(
      await chunkPages(
        [
          { page: 1, text: '' },
          { page: 2, text: ' \n\n ' },
        ],
        { maxTokens: MAX, countTokens },
      ),
    ).toEqual([]);
  });
});

describe('splitSentences', () => {
  const sentences = (text: string): string[] => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it('splits on sentence punctuation and blank lines, not on abbreviations, initials or decimals', () => {
    expect(
      sentences(
        'Dr. Smith met J. R. Doe, e.g. at 3.5 p.m. on Fig. 2. "Really?" she asked! Yes…\n\nHeading\nNext line.',
      ),
    ).toEqual([
      'Dr. Smith met J. R. Doe, e.g. at 3.5 p.m. on Fig. 2.',
      '"Really?"',
      'she asked!',
      'Yes…',
      'Heading\nNext line.',
    ]);
  });

  it('splits all-lower-case prose and CJK full stops', () => {
    expect(sentences('the flow was measured . the results agree well.')).toEqual([
      'the flow was measured .',
      'the results agree well.',
    ]);
    expect(sentences('これは文です。これも文です。')).toEqual(['これは文です。', 'これも文です。']);
  });
});
