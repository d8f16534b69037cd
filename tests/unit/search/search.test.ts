import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as lancedb from '@lancedb/lancedb';
import { chunkRecordsFor, documentIdForPath } from '../../../src/main/core/store/chunkIdentity';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { libraryPaths } from '../../../src/main/core/store/libraryTables';
import { toChunkRow } from '../../../src/main/core/store/rowConversion';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { search } from '../../../src/main/core/search/search';
import { withDenseFeedback } from '../../../src/main/core/search/denseFeedback';
import { keywordQuery } from '../../../src/main/core/search/keywordQuery';
import { parseQueryArithmetic } from '../../../src/main/core/search/parseQueryArithmetic';
import { keywordCandidates, semanticCandidates } from '../../../src/main/core/search/searchCandidates';
import { SearchQueryError } from '../../../src/main/core/search/searchErrors';
import type { SearchHit, SearchRequest } from '../../../src/main/core/search/searchTypes';
import { makeChunks, makeDoc, makeTempDir } from '../store/libraryFixtures';
import { hashingTestEmbedder } from '../../support/hashingTestEmbedder';

const embedder = hashingTestEmbedder();
const model = { id: embedder.info.id, dims: embedder.info.dims, fingerprint: embedder.info.fingerprint };

const CORPUS: Array<{ name: string; source: string; texts: string[] }> = [
  {
    name: 'solar.md',
    source: '/energy',
    texts: [
      'Photovoltaic solar panels convert sunlight into electricity on rooftops.',
      'Solar energy output drops at night and under clouds.',
    ],
  },
  {
    name: 'storage.md',
    source: '/energy',
    texts: ['Battery storage keeps solar energy for the night.', 'Pumped hydro storage moves water uphill.'],
  },
  {
    name: 'politics.md',
    source: '/energy',
    texts: ['Parliament debated politics of solar energy subsidies and tariffs.'],
  },
  {
    name: 'wings.pdf',
    source: '/aero',
    texts: [
      'Aircraft wings generate lift from a pressure difference.',
      'The boundary layer separates from the wing at high angles of attack.',
      'A boundary marks the layer of paint on the fuselage.',
    ],
  },
  { name: 'heat.txt', source: '/aero', texts: ['Heat transfer in laminar flow over a flat plate.'] },
];

let store: LibraryStore;
let index: VectorIndex;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = makeTempDir('loci-search-');
  cleanup = tmp.cleanup;
  store = await LibraryStore.open(tmp.dir);
  for (const item of CORPUS) {
    const chunks = makeChunks(item.texts);
    const { vectors } = await embedder.embed(item.texts, { purpose: 'passage' });
    await store.upsertDocument(
      makeDoc(item.name, { source: item.source, path: `${item.source}/${item.name}` }),
      chunks,
      [{ model, vectors }],
    );
  }
  // A crashed write: chunks of a document never committed. They must never show up.
  const ghost = makeDoc('ghost.md', { source: '/energy', path: '/energy/ghost.md' });
  const { records } = chunkRecordsFor(
    ghost,
    makeChunks(['Photovoltaic ghost text about solar energy storage.']),
  );
  const db = await lancedb.connect(libraryPaths(tmp.dir).lanceDir);
  await (await db.openTable('chunks')).add(records.map(toChunkRow));
  db.close();
  index = await VectorIndex.open(store, model);
  await index.sync();
}, 120_000);

afterAll(async () => {
  await index?.close();
  await store?.close();
  cleanup?.();
});

const run = (request: SearchRequest, withIndex = true) =>
  search({ store, index: withIndex ? index : null, embedder }, request);
const paths = (hits: SearchHit[]): string[] => hits.map((h) => h.path);
const marks = (h: SearchHit): string[] => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b));

describe('search', () => {
  it('keyword mode finds exact terms, with BM25 scores and marked snippets', async () => {
    const res = await run({ q: 'photovoltaic', mode: 'keyword' });
    expect(paths(res.hits)).toEqual(['/energy/solar.md']);
    const hit = res.hits[0]!;
    expect(hit).toMatchObject({ rank: 1, matched: ['keyword'], page: 1, title: 'solar.md', kind: 'md' });
    expect(hit.score).toBeGreaterThan(0);
    expect(marks(hit)).toEqual(['Photovoltaic']);
    expect(res.semanticBackend).toBeNull();
  });

  it('a quoted phrase matches only the phrase', async () => {
    const res = await run({ q: '"boundary layer"', mode: 'keyword' });
    expect(res.hits.map((h) => h.text)).toEqual([
      'The boundary layer separates from the wing at high angles of attack.',
    ]);
  });

  it('semantic mode ranks by cosine similarity of the query vector', async () => {
    const res = await run({ q: 'wings lift', mode: 'semantic', k: 3 });
    expect(res.hits[0]!.text).toBe('Aircraft wings generate lift from a pressure difference.');
    expect(res.hits[0]!.matched).toEqual(['semantic']);
    expect(res.hits[0]!.score).toBeGreaterThan(res.hits[1]!.score);
    expect(res.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(res.semanticBackend).toBe('exact-memory');
    const withoutIndex = await run({ q: 'wings lift', mode: 'semantic', k: 3 }, false);
    expect(withoutIndex.semanticBackend).toBe('exact-lancedb');
    expect(withoutIndex.hits.map((h) => h.chunkId)).toEqual(res.hits.map((h) => h.chunkId));
  });

  it('semantic mode embeds the query without its function words; hybrid embeds all of it', async () => {
    // The hashing embedder is a bag of words: "the", "at", "of" would match the chunks that say them.
    const question = 'what is the boundary layer at the wing of an aircraft';
    const cosines = (hits: SearchHit[]) => hits.map((h) => [h.chunkId, h.scores.semantic]);
    const semantic = await run({ q: question, mode: 'semantic', k: 5 });
    const content = await run({
      q: 'boundary layer wing aircraft',
      mode: 'semantic',
      k: 5,
      contentWords: false,
    });
    expect(cosines(semantic.hits)).toEqual(cosines(content.hits));
    expect(semantic.hits[0]!.text).toBe(
      'The boundary layer separates from the wing at high angles of attack.',
    );
    const whole = await run({ q: question, mode: 'semantic', k: 5, contentWords: false });
    expect(cosines(whole.hits)).not.toEqual(cosines(semantic.hits));
    const hybrid = await run({ q: question, mode: 'hybrid', k: 5, feedback: null });
    const wholeHits = new Map(whole.hits.map((h) => [h.chunkId, h.scores.semantic]));
    for (const h of hybrid.hits)
      if (wholeHits.has(h.chunkId)) expect(h.scores.semantic).toBe(wholeHits.get(h.chunkId));
  });

  it("by document, semantic and hybrid add a share of the first passage's cosine; keyword does not", async () => {
    const q = 'solar energy stored for the night';
    // By chunk, every chunk of this small library is a candidate, with its cosine.
    const chunks = (await run({ q, mode: 'semantic', k: 50 })).hits;
    const best = (docId: string) => Math.max(...chunks.filter((h) => h.docId === docId).map((h) => h.score));
    const first = (docId: string) => chunks.find((h) => h.docId === docId && h.chunkId.endsWith('.0'))!.score;
    const byDocument = (await run({ q, mode: 'semantic', k: 10, groupBy: 'document' })).hits;
    expect(byDocument.length).toBe(5);
    for (const h of byDocument) expect(h.score).toBeCloseTo(best(h.docId) + 0.25 * first(h.docId), 6);
    const scores = byDocument.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const bestOnly = (await run({ q, mode: 'semantic', k: 10, groupBy: 'document', leadWeight: 0 })).hits;
    for (const h of bestOnly) expect(h.score).toBeCloseTo(best(h.docId), 6);
    // Hybrid adds 0.3 x the cosine of its (here unsteered, whole) dense query with the first passage.
    const whole = (await run({ q, mode: 'semantic', k: 50, contentWords: false })).hits;
    const firstWhole = (docId: string) =>
      whole.find((h) => h.docId === docId && h.chunkId.endsWith('.0'))!.score;
    const hybrid = { q, mode: 'hybrid', k: 10, groupBy: 'document', feedback: null } as const;
    const hybridLead = (await run(hybrid)).hits;
    const hybridPlain = new Map(
      (await run({ ...hybrid, leadWeight: 0 })).hits.map((h) => [h.docId, h.score]),
    );
    for (const h of hybridLead)
      expect(h.score).toBeCloseTo(hybridPlain.get(h.docId)! + 0.3 * firstWhole(h.docId), 6);
    const keyword = (await run({ q, mode: 'keyword', k: 10, groupBy: 'document' })).hits;
    const keywordBestOnly = (await run({ q, mode: 'keyword', k: 10, groupBy: 'document', leadWeight: 0 }))
      .hits;
    expect(keyword.map((h) => h.score)).toEqual(keywordBestOnly.map((h) => h.score));
  });

  it('semantic by document adds no first passage when the vectors embed each passage with its title', async () => {
    const q = 'solar energy stored for the night';
    const chunks = (await run({ q, mode: 'semantic', k: 50 })).hits;
    const best = (docId: string) => Math.max(...chunks.filter((h) => h.docId === docId).map((h) => h.score));
    const first = (docId: string) => chunks.find((h) => h.docId === docId && h.chunkId.endsWith('.0'))!.score;
    const recorded = await store.chunkContext();
    try {
      for (const context of ['title', 'title-headings']) {
        await store.setChunkContext(context);
        const byDocument = (await run({ q, mode: 'semantic', k: 10, groupBy: 'document' })).hits;
        expect(byDocument.length).toBe(5);
        for (const h of byDocument) expect(h.score).toBeCloseTo(best(h.docId), 6);
        // An explicit weight still applies.
        const asked = (await run({ q, mode: 'semantic', k: 10, groupBy: 'document', leadWeight: 0.25 })).hits;
        for (const h of asked) expect(h.score).toBeCloseTo(best(h.docId) + 0.25 * first(h.docId), 6);
      }
      await store.setChunkContext('none');
      const plain = (await run({ q, mode: 'semantic', k: 10, groupBy: 'document' })).hits;
      for (const h of plain) expect(h.score).toBeCloseTo(best(h.docId) + 0.25 * first(h.docId), 6);
    } finally {
      await store.setChunkContext(recorded ?? 'none');
    }
  });

  it('hybrid steers the dense query towards the best keyword hits (feedback), and can do without', async () => {
    // "photovoltaic" occurs in one chunk; that chunk also speaks of solar, sunlight and rooftops.
    const cosineOf = (hits: SearchHit[], text: string) => hits.find((h) => h.text === text)?.scores.semantic;
    const related = 'Solar energy output drops at night and under clouds.';
    const plain = await run({ q: 'photovoltaic', k: 20, feedback: null });
    const steered = await run({ q: 'photovoltaic', k: 20, feedback: { chunks: 1, weight: 1 } });
    expect(steered.hits[0]!.path).toBe('/energy/solar.md');
    // Without feedback the query vector shares no word with the related chunk; with it, it shares
    // "solar" (one word of nine on each side: a small cosine, but a real one).
    const before = cosineOf(plain.hits, related) ?? 0;
    const after = cosineOf(steered.hits, related) ?? 0;
    expect(Math.abs(before)).toBeLessThan(0.01);
    expect(after).toBeGreaterThan(0.02);
    // The keyword side is untouched, and keyword or semantic mode never use feedback.
    expect(steered.hits[0]!.scores.keyword).toBe(plain.hits[0]!.scores.keyword);
    const semantic = await run({ q: 'photovoltaic', mode: 'semantic', k: 20 });
    expect(cosineOf(semantic.hits, related) ?? 0).toBe(before);
  });

  it('hybrid reads the same vectors and chunk rows through its shortcuts as from LanceDB alone', async () => {
    // Feedback reads the top keyword chunks' vectors from the index (memory) instead of the vectors
    // table, and the dense side reuses the keyword branch's chunk rows: same numbers, same rows.
    const catalog = await store.catalog();
    const q = keywordQuery(parseQueryArithmetic('solar energy storage'))!;
    const keyword = await keywordCandidates(store, catalog, q, undefined, 150);
    expect(keyword.length).toBeGreaterThan(2);
    const vector = (await embedder.embed(['solar energy storage'], { purpose: 'query' })).vectors[0]!;
    const options = { chunks: 5, weight: 1 };
    const viaIndex = await withDenseFeedback(store, model.id, vector, keyword, options, index);
    const viaTable = await withDenseFeedback(store, model.id, vector, keyword, options, null);
    expect(Array.from(viaIndex)).toEqual(Array.from(viaTable));
    expect(Array.from(viaIndex)).not.toEqual(Array.from(vector));
    const reused = await semanticCandidates(
      store,
      index,
      catalog,
      model.id,
      viaIndex,
      undefined,
      150,
      keyword,
    );
    const read = await semanticCandidates(store, index, catalog, model.id, viaIndex, undefined, 150);
    expect(reused).toEqual(read);
    expect(reused.candidates.some((c) => keyword.some((k) => k.chunk.key === c.chunk.key))).toBe(true);
  });

  it('hybrid fuses both rankings: chunks found by both rank first, each hit says who found it', async () => {
    const res = await run({ q: 'solar energy storage', k: 20, fusion: { method: 'rrf', k: 60 } });
    expect(res.hits[0]!.text).toBe('Battery storage keeps solar energy for the night.');
    expect(res.hits[0]!.matched).toEqual(['keyword', 'semantic']);
    expect(res.hits[0]!.scores.keyword).toBeGreaterThan(0);
    expect(res.hits[0]!.scores.semantic).toBeGreaterThan(0);
    const semanticOnly = res.hits.find((h) => h.text.startsWith('Heat transfer'));
    expect(semanticOnly?.matched).toEqual(['semantic']);
    // RRF: 1/(60 + rank) per ranking.
    expect(res.hits[0]!.score).toBeLessThanOrEqual(2 / 61);
    const convex = await run({ q: 'solar energy storage', k: 20, fusion: { method: 'convex', alpha: 0.5 } });
    expect(convex.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(new Set(convex.hits.map((h) => h.chunkId))).toEqual(new Set(res.hits.map((h) => h.chunkId)));
    // The default (keyword-weighted convex, see fuseRankings.ts) also ranks the chunk both found first.
    const byDefault = await run({ q: 'solar energy storage', k: 20 });
    expect(byDefault.hits[0]!.text).toBe('Battery storage keeps solar energy for the night.');
    expect(byDefault.hits[0]!.matched).toEqual(['keyword', 'semantic']);
  });

  it('query arithmetic: -part drops keyword hits containing it and pushes the vector away from it', async () => {
    const plain = await run({ q: 'solar energy', mode: 'keyword' });
    expect(plain.hits.some((h) => h.text.includes('politics'))).toBe(true);
    const minus = await run({ q: 'solar energy -politics', mode: 'keyword' });
    expect(minus.hits.length).toBeGreaterThan(0);
    expect(minus.hits.some((h) => h.text.includes('politics'))).toBe(false);
    expect(minus.query).toEqual({ positive: ['solar energy'], negative: ['politics'] });

    const rankOfPolitics = (hits: SearchHit[]): number =>
      hits.findIndex((h) => h.path === '/energy/politics.md');
    const semPlain = await run({ q: 'solar energy', mode: 'semantic', k: 9 });
    const semMinus = await run({ q: 'solar energy -politics', mode: 'semantic', k: 9 });
    expect(rankOfPolitics(semMinus.hits)).toBeGreaterThan(rankOfPolitics(semPlain.hits));
    expect(embedder.calls.at(-1)).toEqual(['solar energy', 'politics']); // each part embedded on its own
  });

  it('applies filters in both branches, with and without the index', async () => {
    for (const withIndex of [true, false]) {
      for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
        const pdf = await run(
          { q: 'solar energy wing boundary', mode, k: 20, filters: { kinds: ['pdf'] } },
          withIndex,
        );
        expect(pdf.hits.length).toBeGreaterThan(0);
        expect(new Set(paths(pdf.hits))).toEqual(new Set(['/aero/wings.pdf']));
        const energy = await run(
          { q: 'solar energy wing boundary', mode, k: 20, filters: { sources: ['/energy'] } },
          withIndex,
        );
        expect(energy.hits.every((h) => h.source === '/energy')).toBe(true);
        const prefix = await run(
          { q: 'solar energy storage', mode, k: 20, filters: { pathPrefix: '/energy/st' } },
          withIndex,
        );
        expect(new Set(paths(prefix.hits))).toEqual(new Set(['/energy/storage.md']));
        // "Search within these" (a selection on the map): only the listed documents answer.
        const within = await run(
          {
            q: 'solar energy wing boundary',
            mode,
            k: 20,
            filters: {
              docIds: [documentIdForPath('/aero/wings.pdf'), documentIdForPath('/energy/storage.md')],
            },
          },
          withIndex,
        );
        expect(new Set(paths(within.hits))).toEqual(new Set(['/aero/wings.pdf', '/energy/storage.md']));
      }
    }
  });

  it('groupBy document keeps each document once, with its best chunk and how many chunks matched', async () => {
    const res = await run({ q: 'boundary layer wing', mode: 'keyword', groupBy: 'document' });
    expect(paths(res.hits)).toEqual(['/aero/wings.pdf']);
    expect(res.hits[0]!.text).toContain('boundary layer separates');
    expect(res.hits[0]!.chunkMatches).toBe(3);
    const all = await run({ q: 'solar energy', groupBy: 'document', k: 10 });
    expect(new Set(paths(all.hits)).size).toBe(all.hits.length);
  });

  it('never returns chunks whose document was not committed', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const res = await run({ q: 'photovoltaic ghost', mode, k: 50 });
      expect(res.hits.some((h) => h.text.includes('ghost'))).toBe(false);
    }
  });

  it('rejects queries a user has to fix, with clear errors', async () => {
    await expect(run({ q: '-politics' })).rejects.toBeInstanceOf(SearchQueryError);
    await expect(run({ q: '   ' })).rejects.toThrow(/Type something/);
    await expect(run({ q: 'x', k: 0 })).rejects.toThrow(/k must be/);
    await expect(run({ q: 'solar', model: 'other-model' })).rejects.toThrow(/not the one loaded/);
    await expect(search({ store }, { q: 'solar' })).rejects.toThrow(/need an embedding model/);
    expect((await search({ store }, { q: 'solar', mode: 'keyword' })).hits.length).toBeGreaterThan(0);
    const controller = new AbortController();
    controller.abort();
    await expect(run({ q: 'solar', signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
