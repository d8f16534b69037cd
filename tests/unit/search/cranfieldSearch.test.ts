import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LibraryStore } from '../../../src/main/core/store/libraryStore';
import { VectorIndex } from '../../../src/main/core/store/vectorIndex';
import { search } from '../../../src/main/core/search/search';
import type { DocumentUpsert } from '../../../src/main/core/store/storeTypes';
import { makeChunks, makeDoc, makeTempDir } from '../store/libraryFixtures';
import { hashingTestEmbedder } from '../../support/hashingTestEmbedder';

/**
 * Search over real text: the 1,400 Cranfield abstracts, split into two chunks each (~2,800 chunks,
 * enough for an HNSW index: the exact-search cut is 2,000 vectors). Odd ids are stored as `pdf`, even as `txt`, and ids
 * under 30 sit under /cran/early/, to exercise broad and selective filters.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sharedData = path.resolve(repoRoot, process.env.LOCI_SHARED_DATA ?? '../shared/data');
const corpusFile = path.join(sharedData, 'cranfield', 'cran.all.1400');
if (!fs.existsSync(corpusFile))
  throw new Error(`Cranfield corpus missing: ${corpusFile} (set LOCI_SHARED_DATA)`);

function parseCranfield(text: string): Array<{ id: number; title: string; body: string }> {
  return text
    .split(/^\.I /m)
    .filter((r) => r.trim())
    .map((record) => {
      const id = Number(record.split('\n')[0]);
      const field = (name: string): string =>
        (record.split(new RegExp(`^\\.${name}\\s*$`, 'm'))[1] ?? '').split(/^\.[TABW]\s*$/m)[0]!.trim();
      return { id, title: field('T').replace(/\s+/g, ' '), body: field('W').replace(/\s+/g, ' ') };
    });
}

const docs = parseCranfield(fs.readFileSync(corpusFile, 'utf8'));
const embedder = hashingTestEmbedder(384);
const model = { id: embedder.info.id, dims: embedder.info.dims, fingerprint: embedder.info.fingerprint };
const pathOf = (id: number): string =>
  id < 30 ? `/cran/early/${id}.${id % 2 ? 'pdf' : 'txt'}` : `/cran/${id}.${id % 2 ? 'pdf' : 'txt'}`;

let store: LibraryStore;
let index: VectorIndex;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = makeTempDir('loci-cran-');
  cleanup = tmp.cleanup;
  store = await LibraryStore.open(tmp.dir);
  for (let i = 0; i < docs.length; i += 350) {
    const batch: DocumentUpsert[] = [];
    for (const d of docs.slice(i, i + 350)) {
      const words = `${d.title}. ${d.body}`.split(' ');
      const half = Math.ceil(words.length / 2);
      const texts = [words.slice(0, half).join(' '), words.slice(half).join(' ')].filter(Boolean);
      const chunks = makeChunks(texts);
      const { vectors } = await embedder.embed(texts, { purpose: 'passage' });
      batch.push({
        doc: makeDoc(`${d.id}`, { path: pathOf(d.id), source: '/cran', title: d.title }),
        chunks,
        vectors: [{ model, vectors }],
      });
    }
    await store.upsertDocuments(batch);
  }
  index = await VectorIndex.open(store, model);
  await index.sync();
}, 300_000);

afterAll(async () => {
  await index?.close();
  await store?.close();
  cleanup?.();
});

const queries = fs
  .readFileSync(path.join(sharedData, 'cranfield', 'cran.qry'), 'utf8')
  .split(/^\.I /m)
  .filter((r) => r.trim())
  .map((r) => (r.split(/^\.W\s*$/m)[1] ?? '').replace(/\s+/g, ' ').trim());

/** Judged relevant (grades 1-3) documents of Cranfield query number `n` (1-based, file order). */
function relevant(n: number): Set<number> {
  const lines = fs
    .readFileSync(path.join(sharedData, 'cranfield', 'cranqrel'), 'utf8')
    .trim()
    .split('\n');
  const out = new Set<number>();
  for (const line of lines) {
    const [q, doc, grade] = line.trim().split(/\s+/).map(Number);
    if (q === n && grade !== undefined && grade >= 1 && grade <= 3) out.add(doc as number);
  }
  return out;
}

describe('search over the Cranfield abstracts', () => {
  it('semantic search through the HNSW index keeps 95% of the exact top 10 over all 225 queries', async () => {
    expect(queries).toHaveLength(225);
    const status = await index.status();
    expect(status).toMatchObject({ state: 'ready', mode: 'hnsw' });
    expect(status.vectors).toBeGreaterThan(2_700);
    let found = 0;
    for (const q of queries) {
      const approx = await search({ store, index, embedder }, { q, mode: 'semantic', k: 10 });
      const exact = await search({ store, embedder }, { q, mode: 'semantic', k: 10 });
      expect(approx.semanticBackend).toBe('hnsw');
      expect(exact.semanticBackend).toBe('exact-lancedb');
      const truth = new Set(exact.hits.map((h) => h.chunkId));
      found += approx.hits.filter((h) => truth.has(h.chunkId)).length;
    }
    const recall = found / (queries.length * 10);
    console.log(`Cranfield semantic recall@10, HNSW vs exact: ${recall.toFixed(4)}`);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keyword search finds the judged-relevant abstract for a Cranfield query', async () => {
    const res = await search({ store }, { q: queries[0]!, mode: 'keyword', k: 10 });
    const ids = res.hits.map((h) => Number(path.basename(h.path).split('.')[0]));
    expect(ids.filter((id) => relevant(1).has(id)).length).toBeGreaterThan(0);
    expect(res.hits[0]!.snippet.highlights.length).toBeGreaterThan(0);
  });

  it('filters a broad share through HNSW over-fetching and a narrow one through exact search', async () => {
    const broad = await search(
      { store, index, embedder },
      { q: queries[1]!, mode: 'semantic', k: 20, filters: { kinds: ['pdf'] } },
    );
    expect(broad.semanticBackend).toBe('hnsw');
    expect(broad.hits).toHaveLength(20);
    expect(broad.hits.every((h) => h.kind === 'pdf')).toBe(true);
    const narrow = await search(
      { store, index, embedder },
      { q: queries[1]!, mode: 'hybrid', k: 20, filters: { pathPrefix: '/cran/early/' } },
    );
    expect(narrow.semanticBackend).toBe('exact-lancedb');
    expect(narrow.hits).toHaveLength(20);
    expect(narrow.hits.every((h) => h.path.startsWith('/cran/early/'))).toBe(true);
  });
});
