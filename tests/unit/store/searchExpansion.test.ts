import { afterEach, describe, expect, it } from 'vitest';
import { HNSW_PARAMETERS } from '../../../src/main/core/store/hnswParameters';
import { IndexEngine } from '../../../src/main/core/store/indexEngine';
import type { IndexWorkerData } from '../../../src/main/core/store/indexWorkerProtocol';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import {
  EXPANSION_RULE,
  expansionSearchFor,
  type ExpansionRule,
} from '../../../src/main/core/store/searchExpansion';
import { vectorsTableName } from '../../../src/main/core/store/tableSchemas';
import type { VectorModel } from '../../../src/main/core/store/storeTypes';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { clusteredVectors, row } from '../../support/clusteredVectors';
import { makeChunks, makeDoc, makeTempDir } from './libraryFixtures';

/**
 * The search depth (ef_search) grows with the graph's size: the shipped rule's values, and a real
 * index (real USearch, real LanceDB) that searches deeper once it has grown, and again when its
 * saved file is opened, with no rebuild. A test-sized rule makes the depth grow at a few thousand
 * vectors, and a sparse graph (connectivity 4) makes the depth matter for recall.
 */

const MODEL: VectorModel = { id: 'ef-model', dims: 32, fingerprint: 'ef-fp' };
const PER_DOC = 500;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const data = clusteredVectors(4000 + 50, { dims: MODEL.dims, seed: 5 });
const queries = Array.from({ length: 50 }, (_, q) => row(data, MODEL.dims, 4000 + q));

async function library(): Promise<LibraryStore> {
  const { cleanup, dir } = makeTempDir('loci-ef-');
  cleanups.push(cleanup);
  const store = await LibraryStore.open(dir);
  cleanups.push(() => store.close());
  return store;
}

/** Stores rows [from, to) of the data as documents of PER_DOC chunks. */
async function addRows(store: LibraryStore, from: number, to: number): Promise<void> {
  const batch = [];
  for (let start = from; start < to; start += PER_DOC) {
    const chunks = makeChunks(Array.from({ length: PER_DOC }, (_, j) => `row ${start + j}`));
    const vectors = chunks.map((_, j) => row(data, MODEL.dims, start + j));
    batch.push({ doc: makeDoc(`rows${start}.txt`), chunks, vectors: [{ model: MODEL, vectors }] });
  }
  await store.upsertDocuments(batch);
}

/** A sparse f32 graph whose constructed depth (4) is below k, and a rule growing past 1,000 vectors. */
const SPARSE = { connectivity: 4, expansionAdd: 8, expansionSearch: 4 };
const GROWING: ExpansionRule = { min: 4, at: 1000, ef: 4, perDecade: 100, step: 4 };

function engine(store: LibraryStore, rule: ExpansionRule): IndexEngine {
  const cfg: IndexWorkerData = {
    lanceDir: store.lanceDir,
    indexDir: store.indexDir,
    modelId: MODEL.id,
    fingerprint: MODEL.fingerprint,
    dims: MODEL.dims,
    table: vectorsTableName(MODEL.id),
    params: SPARSE,
    scalar: 'f32',
    exactBelow: 500,
    expansionRule: rule,
  };
  const e = new IndexEngine(cfg);
  cleanups.push(() => e.close());
  return e;
}

async function recallAt10(store: LibraryStore, e: IndexEngine): Promise<number> {
  let found = 0;
  for (const q of queries) {
    const truth = new Set((await store.exactVectorHits(MODEL.id, q, { limit: 10 })).map((h) => h.key));
    for (const key of e.search(q, 10).keys) if (truth.has(key)) found++;
  }
  return found / (queries.length * 10);
}

describe('search depth by index size', () => {
  it('searches 320 deep at 100k vectors and 448 at 1M, never below the constructed 192', () => {
    expect(EXPANSION_RULE.min).toBe(HNSW_PARAMETERS.expansionSearch);
    const at = (n: number) => expansionSearchFor(n);
    expect([0, 2_000, 3_000, 10_000, 30_000, 50_000].map(at)).toEqual([192, 192, 192, 224, 256, 288]);
    expect([100_000, 200_000, 500_000, 1_000_000].map(at)).toEqual([320, 352, 416, 448]);
    expect([2_000_000, 10_000_000].map(at)).toEqual([480, 640]);
    // Never shallower for a bigger graph.
    for (let n = 1000; n < 20_000_000; n = Math.ceil(n * 1.1))
      expect(at(n * 1.1)).toBeGreaterThanOrEqual(at(n));
  });

  it('searches a grown graph deeper, and its saved file when opened, without a rebuild', async () => {
    const store = await library();
    await addRows(store, 0, 1000);
    const grown = engine(store, GROWING);
    expect((await grown.sync()).expansionSearch).toBe(4);

    await addRows(store, 1000, 4000);
    const after = await grown.sync();
    // 4 x 100^log10(4) = 64 (the search asks for k = 10: depth 10 before).
    expect(after).toMatchObject({ mode: 'hnsw', count: 4000, expansionSearch: 64 });
    expect(after.lastSync).toMatchObject({ added: 3000, rebuilt: false });
    const deep = await recallAt10(store, grown);
    grown.save(true);

    // The same saved graph, opened by an engine whose rule never deepens: only the depth differs.
    const flat = engine(store, { ...GROWING, perDecade: 1 });
    expect(flat.open()).toMatchObject({ loadedFrom: 'file', count: 4000, expansionSearch: 4 });
    const shallow = await recallAt10(store, flat);
    // Measured 0.77-0.80 against 0.47-0.57 (the graph is kept sparse so that depth shows).
    expect(deep - shallow).toBeGreaterThanOrEqual(0.1);

    // Opened with the growing rule: the deeper search, straight from the file.
    const opened = engine(store, GROWING);
    expect(opened.open()).toMatchObject({ loadedFrom: 'file', problem: null, expansionSearch: 64 });
    expect(await recallAt10(store, opened)).toBe(deep);
  });

  it('reports the depth through the index worker (shipped rule; a test rule on request)', async () => {
    const store = await library();
    await addRows(store, 0, 3000);
    const shipped = await VectorIndex.open(store, MODEL, { autoSync: false });
    cleanups.push(() => shipped.close());
    await shipped.sync();
    expect(await shipped.status()).toMatchObject({ mode: 'hnsw', vectors: 3000, expansionSearch: 192 });
    await shipped.close();

    const grown = await VectorIndex.open(store, MODEL, {
      autoSync: false,
      expansionRule: { min: 192, at: 1000, ef: 192, perDecade: 4, step: 32 },
    });
    cleanups.push(() => grown.close());
    // Loaded from the file the first index saved: 192 x 4^log10(3) = 372, rounded up to 384.
    expect(await grown.status()).toMatchObject({ state: 'ready', loadedFrom: 'file', expansionSearch: 384 });
  });
});
