import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import { DOC_TEXT_INDEX_NAME, FIELDS_INDEX_NAME } from '../../../src/main/core/store/keywordIndex';
import { chunkFields } from '../../../src/main/core/store/chunkFields';
import { documentText } from '../../../src/main/core/store/documentText';
import { withSymbolNames } from '../../../src/main/core/search/symbolNames';
import { SCHEMA_VERSION } from '../../../src/main/core/store/tableSchemas';
import { search } from '../../../src/main/core/search/search';
import { phraseBoosts } from '../../../src/main/core/search/phraseBoosts';
import { parseQueryArithmetic } from '../../../src/main/core/search/parseQueryArithmetic';
import type { SearchRequest } from '../../../src/main/core/search/searchTypes';
import { makeChunks, makeDoc, makeTempDir } from '../store/libraryFixtures';

/**
 * The keyword side's fields (title, file name, headings in a column of their own) and phrase boost,
 * on a real LanceDB library; and the version 1 -> 2 migration that fills the column in.
 */
const DOCS = [
  {
    name: 'rules-in-tables.pdf',
    title: 'Publication quality tables in LaTeX',
    headings: ['Rules'],
    texts: ['Use toprule, midrule and bottomrule; never use vertical lines.'],
  },
  {
    name: 'colours.pdf',
    title: 'Colour for text',
    headings: ['Introduction'],
    // Says "tables" three times but is not about them.
    texts: ['Colour names, tables of colour models, tables of mixing and tables of tints.'],
  },
  {
    name: 'aero-notes.txt',
    title: 'Notes',
    headings: [],
    texts: [
      'The boundary layer thickens downstream of the leading edge of the plate.',
      'A layer of paint on the boundary fence; layer after layer, boundary after boundary.',
    ],
  },
  {
    name: 'force.txt',
    title: 'Forces',
    headings: [],
    texts: ['The aerodynamic force on a wing: the lift coefficient, and the lift coefficient slope.'],
  },
  {
    name: 'delta.txt',
    title: 'Delta',
    headings: [],
    texts: ['Measured lift coefficient of a slender delta planform at low speed.'],
  },
  // A lone symbol in a query is searched by its name; "dividing" may also search "division".
  {
    name: 'underscore-notes.txt',
    title: 'Notes 7',
    headings: [],
    texts: ['An underscore in running text needs care.'],
  },
  {
    name: 'long-division.txt',
    title: 'Notes 8',
    headings: [],
    texts: ['Long division by hand, step by step, as taught in school.'],
  },
  // Whole-document BM25: this one answers "flutter damping divergence" across its three passages...
  {
    name: 'aeroelastic-notes.txt',
    title: 'Report 12',
    headings: [],
    texts: [
      'Flutter of thin skins appears above a critical dynamic pressure.',
      'Structural damping raises that pressure a little.',
      'Divergence of the torsion box comes first in the swept case.',
    ],
  },
  // ...this one has two of the words, side by side in one passage.
  {
    name: 'flutter-tests.txt',
    title: 'Report 13',
    headings: [],
    texts: [
      'Flutter and damping were measured on each model in the tunnel.',
      'The models were built of balsa and spruce with brass weights.',
      'Runs were made at several speeds up to the maximum.',
    ],
  },
];

let dir: string;
let cleanup: () => void;
let store: LibraryStore;

async function writeLibrary(at: string): Promise<LibraryStore> {
  const s = await LibraryStore.open(at);
  for (const d of DOCS) {
    const chunks = makeChunks(d.texts).map((c) => ({ ...c, headingPath: d.headings }));
    await s.upsertDocument(makeDoc(d.name, { title: d.title }), chunks, []);
  }
  return s;
}

const keyword = (q: string, extra: Partial<SearchRequest> = {}) =>
  search({ store }, { q, mode: 'keyword', k: 10, groupBy: 'document', ...extra });
const names = (hits: Array<{ path: string }>) => hits.map((h) => h.path.split('/').pop());

beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('loci-fields-'));
  store = await writeLibrary(dir);
}, 60_000);

afterAll(async () => {
  await store?.close();
  cleanup?.();
});

describe('fields: title, file name and headings weigh in BM25', () => {
  it('builds the column from title, file-name words and heading path', () => {
    expect(chunkFields('Booktabs manual', '/docs/pgf_manual-3.1.pdf', ['Part I', 'Tables'])).toBe(
      'Booktabs manual\npgf manual 3 1\nPart I\nTables',
    );
    expect(chunkFields('', '/docs/camelCaseName.md', [])).toBe('camel Case Name');
  });

  it('finds a document by its title words, which its text never says, only with fields on', async () => {
    expect(names((await keyword('publication quality', { fieldBoost: 0 })).hits)).toEqual([]);
    expect(names((await keyword('publication quality', { fieldBoost: 1 })).hits)).toEqual([
      'rules-in-tables.pdf',
    ]);
    // By file name and by heading too.
    expect(names((await keyword('aero', { fieldBoost: 1 })).hits)).toEqual(['aero-notes.txt']);
    expect(names((await keyword('rules', { fieldBoost: 1 })).hits)[0]).toBe('rules-in-tables.pdf');
  });

  it('lets the document titled "tables" outrank one that only repeats the word', async () => {
    expect(names((await keyword('tables', { fieldBoost: 0 })).hits)).toEqual(['colours.pdf']);
    expect(names((await keyword('tables', { fieldBoost: 2, documentWeight: 0 })).hits)[0]).toBe(
      'rules-in-tables.pdf',
    );
  });

  it('leaves exclusions to the text: -tables does not drop a document for its title', async () => {
    const hits = names((await keyword('toprule -tables', { fieldBoost: 1 })).hits);
    expect(hits).toEqual(['rules-in-tables.pdf']);
  });
});

describe('phrase boost', () => {
  it('pairs adjacent query words the index keeps (no stop word between them)', async () => {
    expect(await phraseBoosts(parseQueryArithmetic('the boundary layer of a flat plate'))).toEqual([
      'boundary layer',
      'flat plate',
    ]);
    expect(await phraseBoosts(parseQueryArithmetic('"boundary layer" plate'))).toEqual([]);
  });

  it('ranks the passage with the words as a phrase above one repeating them apart', async () => {
    const off = await search({ store }, { q: 'boundary layer', mode: 'keyword', phraseBoost: false });
    const on = await search({ store }, { q: 'boundary layer', mode: 'keyword', phraseBoost: true });
    expect(off.hits[0]?.text).toMatch(/^A layer of paint/);
    expect(on.hits[0]?.text).toMatch(/^The boundary layer thickens/);
  });
});

describe('keyword pseudo-relevance feedback (RM3)', () => {
  it("adds the top chunks' words, so a chunk sharing none of the query's words is found", async () => {
    const plain = await keyword('aerodynamic force', { expansion: null });
    expect(names(plain.hits)).toEqual(['force.txt']);
    const expanded = await keyword('aerodynamic force', { expansion: { chunks: 1, terms: 3, weight: 0.5 } });
    expect(names(expanded.hits)).toEqual(['force.txt', 'delta.txt']);
    expect(expanded.hits[1]!.score).toBeLessThan(expanded.hits[0]!.score);
  });
});

describe('word forms the index cannot see', () => {
  it('searches a lone symbol by its name, which is all a word index can match', async () => {
    expect(withSymbolNames('type _ in a_b text, 50 % off')).toBe(
      'type underscore in a_b text, 50 percent off',
    );
    expect(names((await keyword('_')).hits)).toEqual(['underscore-notes.txt']);
    expect(names((await keyword('_', { symbolNames: false })).hits)).toEqual([]);
    // The snippet marks what was searched.
    const { snippet } = (await keyword('_')).hits[0]!;
    expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['underscore']);
    expect(names((await keyword('"_"')).hits)).toEqual([]);
  });

  it('finds "division" for "dividing" with derived forms on (an option, off by default)', async () => {
    expect(names((await keyword('dividing')).hits)).toEqual([]);
    expect(names((await keyword('dividing', { derivedForms: true })).hits)).toEqual(['long-division.txt']);
  });
});

describe('whole-document BM25 (results by document)', () => {
  it("joins a document's chunks into its text, each overlap once, pages apart", () => {
    const page = (p: number | null, charStart: number, text: string) => ({
      page: p,
      charStart,
      charEnd: charStart + text.length,
      text,
    });
    expect(
      documentText([
        page(1, 0, 'One. Two.'),
        page(1, 5, 'Two. Three.'),
        page(2, 0, 'Four.'),
        page(2, 3, 'r. Five'),
      ]),
    ).toBe('One. Two.\n Three.\nFour.\n Five');
  });

  it('ranks the document answering every word across its passages above one repeating one word', async () => {
    const q = 'flutter damping divergence';
    expect(names((await keyword(q, { documentWeight: 0 })).hits)).toEqual([
      'flutter-tests.txt',
      'aeroelastic-notes.txt',
    ]);
    expect(names((await keyword(q)).hits)).toEqual(['aeroelastic-notes.txt', 'flutter-tests.txt']);
    // By passage nothing changes: the score is a document's.
    const byChunk = await search({ store }, { q, mode: 'keyword', k: 10, groupBy: 'chunk' });
    expect(byChunk.hits[0]?.path).toMatch(/flutter-tests\.txt$/);
  });
});

describe('migration of a version-1 library', () => {
  it('adds and fills the fields column when a writer opens it; readers before that search text alone', async () => {
    const old = makeTempDir('loci-fields-v1-');
    try {
      await (await writeLibrary(old.dir)).close();
      // Make it what version 1 wrote: no fields column, no fields index, no record, schema 1.
      const db = await lancedb.connect(libraryPaths(old.dir).lanceDir);
      const chunks = await db.openTable('chunks');
      await chunks.dropIndex(FIELDS_INDEX_NAME);
      await chunks.dropColumns(['fields']);
      const meta = await db.openTable('meta');
      await meta.delete("key = 'chunkFields'");
      await meta.update({ where: "key = 'schemaVersion'", values: { value: '1' } });
      chunks.close();
      meta.close();
      db.close();

      const reader = await LibraryStore.open(old.dir, { readonly: true });
      const before = await search(
        { store: reader },
        { q: 'publication quality toprule', mode: 'keyword', fieldBoost: 1 },
      );
      expect(before.hits.map((h) => h.title)).toEqual(['Publication quality tables in LaTeX']);
      expect(before.hits[0]?.scores.keyword).toBeGreaterThan(0);
      const titleOnly = { q: 'publication quality', mode: 'keyword', fieldBoost: 1 } as const;
      expect((await search({ store: reader }, titleOnly)).hits).toEqual([]);

      const writer = await LibraryStore.open(old.dir);
      const after = await search({ store: writer }, titleOnly);
      expect(after.hits.map((h) => h.title)).toEqual(['Publication quality tables in LaTeX']);
      await writer.close();
      // The reader that stayed open sees the migrated fields too.
      expect((await search({ store: reader }, titleOnly)).hits.map((h) => h.title)).toEqual([
        'Publication quality tables in LaTeX',
      ]);
      await reader.close();
      const db2 = await lancedb.connect(libraryPaths(old.dir).lanceDir);
      const rows = (await (await db2.openTable('meta')).query().toArray()) as Array<{
        key: string;
        value: string;
      }>;
      expect(Object.fromEntries(rows.map((r) => [r.key, r.value]))).toMatchObject({
        schemaVersion: String(SCHEMA_VERSION),
        chunkFields: '1',
      });
      db2.close();
    } finally {
      old.cleanup();
    }
  }, 60_000);
});

describe('migration of a version-4 library', () => {
  it("writes each document's text when a writer opens it; readers before that score by chunks alone", async () => {
    const old = makeTempDir('loci-doctext-v4-');
    try {
      await (await writeLibrary(old.dir)).close();
      // Make it what version 4 wrote: no docText column, no index, no record, schema 4.
      const db = await lancedb.connect(libraryPaths(old.dir).lanceDir);
      const chunks = await db.openTable('chunks');
      await chunks.dropIndex(DOC_TEXT_INDEX_NAME);
      await chunks.dropColumns(['docText']);
      const meta = await db.openTable('meta');
      await meta.delete("key = 'documentText'");
      await meta.update({ where: "key = 'schemaVersion'", values: { value: '4' } });
      chunks.close();
      meta.close();
      db.close();

      const q = { q: 'flutter damping divergence', mode: 'keyword', k: 10, groupBy: 'document' } as const;
      const reader = await LibraryStore.open(old.dir, { readonly: true });
      expect(names((await search({ store: reader }, q)).hits)).toEqual([
        'flutter-tests.txt',
        'aeroelastic-notes.txt',
      ]);
      const writer = await LibraryStore.open(old.dir);
      expect(names((await search({ store: writer }, q)).hits)).toEqual([
        'aeroelastic-notes.txt',
        'flutter-tests.txt',
      ]);
      await writer.close();
      // The reader that stayed open scores whole documents too now.
      expect(names((await search({ store: reader }, q)).hits)[0]).toBe('aeroelastic-notes.txt');
      await reader.close();
      // Documents written after the migration carry their text too.
      const again = await LibraryStore.open(old.dir);
      await again.upsertDocument(
        makeDoc('late.txt'),
        makeChunks(['Divergence, flutter and damping.', 'Late.']),
        [],
      );
      expect(names((await search({ store: again }, q)).hits)[0]).toBe('late.txt');
      await again.close();
      const db2 = await lancedb.connect(libraryPaths(old.dir).lanceDir);
      const rows = (await (
        await db2.openTable('chunks')
      )
        .query()
        .where("path LIKE '%aeroelastic-notes.txt' OR path LIKE '%late.txt'")
        .select(['path', 'ordinal', 'docText'])
        .toArray()) as Array<{ path: string; ordinal: number; docText: string }>;
      rows.sort((a, b) => a.path.localeCompare(b.path) || a.ordinal - b.ordinal);
      expect(rows.map((r) => r.docText)).toEqual([
        DOCS.at(-2)!.texts.join('\n'),
        '',
        '',
        'Divergence, flutter and damping.\nLate.',
        '',
      ]);
      const metaRows = (await (await db2.openTable('meta')).query().toArray()) as Array<{
        key: string;
        value: string;
      }>;
      expect(Object.fromEntries(metaRows.map((r) => [r.key, r.value]))).toMatchObject({
        schemaVersion: String(SCHEMA_VERSION),
        documentText: '1',
      });
      db2.close();
    } finally {
      old.cleanup();
    }
  }, 60_000);
});
