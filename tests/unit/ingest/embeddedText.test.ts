import { afterEach, describe, expect, it } from 'vitest';
import { chunkTextBudget, contextPrefix, embeddedTexts } from '../../../src/main/core/ingest/embeddedText';
import { libraryChunkContext } from '../../../src/main/core/library/libraryChunkContext';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { makeChunks, makeDoc, makeTempDir } from '../store/libraryFixtures';

/** Tokens as words: enough to check that prefixes are trimmed to the reserve, outer headings first. */
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('the text a chunk is embedded from', () => {
  it('is the chunk alone, title + chunk, or title, headings and chunk', async () => {
    const chunks = [{ text: 'Use toprule.', headingPath: ['Tables', 'Rules'] }];
    expect(await embeddedTexts(chunks, 'Booktabs', 'none', words)).toEqual(['Use toprule.']);
    expect(await embeddedTexts(chunks, 'Booktabs', 'title', words)).toEqual(['Booktabs\nUse toprule.']);
    expect(await embeddedTexts(chunks, 'Booktabs', 'title-headings', words)).toEqual([
      'Booktabs — Tables › Rules\nUse toprule.',
    ]);
    // A heading that repeats the title is not said twice; no title and no headings: no prefix.
    expect(contextPrefix('Booktabs', ['Booktabs', 'Rules'], 'title-headings')).toBe('Booktabs — Rules');
    expect(await embeddedTexts([{ text: 'x', headingPath: [] }], '', 'title-headings', words)).toEqual(['x']);
  });

  it('fits the prefix into the reserve: outer headings go first, then the title is shortened', async () => {
    const chunk = { text: 'body', headingPath: ['Part one of the manual', 'Tables'] };
    // 'T — Part one of the manual › Tables' is 9 words; the reserve is 4.
    expect(await embeddedTexts([chunk], 'T', 'title-headings', words, 4)).toEqual(['T — Tables\nbody']);
    const long = 'A very long title that goes on and on and on';
    const [text] = await embeddedTexts([{ text: 'body', headingPath: [] }], long, 'title', words, 5);
    expect(words(text!.split('\n')[0]!)).toBeLessThanOrEqual(5);
    expect(text).toMatch(/^A very long/);
  });

  it('leaves room for the prefix in the chunk budget only when there is one', () => {
    expect(chunkTextBudget(128, 'none')).toBe(128);
    expect(chunkTextBudget(128, 'title-headings')).toBe(104);
  });
});

describe("a library's chunk context", () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('is chosen once for a new library and kept; a library older than the record keeps none', async () => {
    const fresh = makeTempDir('loci-context-');
    cleanup = fresh.cleanup;
    const store = await LibraryStore.open(fresh.dir);
    try {
      expect(await libraryChunkContext(store, 'title-headings')).toBe('title-headings');
      // Recorded: another default later does not change it.
      expect(await libraryChunkContext(store, 'none')).toBe('title-headings');
    } finally {
      await store.close();
    }

    const old = makeTempDir('loci-context-old-');
    const both = cleanup;
    cleanup = () => {
      both();
      old.cleanup();
    };
    const legacy = await LibraryStore.open(old.dir);
    try {
      await legacy.upsertDocument(makeDoc('a.txt'), makeChunks(['some text']), []);
      expect(await legacy.chunkContext()).toBeNull();
      // Chunks embedded before the record existed were embedded alone: mixing would be wrong.
      expect(await libraryChunkContext(legacy, 'title-headings')).toBe('none');
      expect(await legacy.chunkContext()).toBe('none');
    } finally {
      await legacy.close();
    }
  });
});
