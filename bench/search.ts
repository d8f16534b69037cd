/**
 * Search benchmark: `node bin/run-ts.mjs bench/search.ts [--n 100000] [--queries 500] [--skip-crossover]
 * [--only-end-to-end]`
 *
 * 1. HNSW at scale: N x 512 clustered unit vectors (tests/support/clusteredVectors.ts), USearch with
 *    the shipped parameters: build time, query p50/p99 and recall@10 against exact search (USearch's
 *    SIMD brute force, single thread) measured in the same run; the ratio is HNSW speed-up over exact.
 *    Goals: p50 <= 10 ms, p99 <= 25 ms, recall@10 >= 0.95.
 * 2. The exact/HNSW crossover that EXACT_SEARCH_BELOW is based on.
 * 3. End-to-end search() over the Cranfield abstracts (real LanceDB, index worker, FTS, fusion,
 *    snippets) through benchHybridEndToEnd(embedder), with the built-in ONNX model, so the latency
 *    includes embedding the query (--with-stand-in adds a run with a near-free hashing embedder).
 *    Each mode by chunk and by document (the app's default; goal hybrid by document p50 <= 25 ms).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Embedder } from '../src/main/core/embed/types';
import { EXACT_SEARCH_BELOW, HNSW_PARAMETERS } from '../src/main/core/store/hnswParameters';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import { usearch, type UsearchIndex } from '../src/main/core/store/loadUsearch';
import type { DocumentUpsert } from '../src/main/core/store/storeTypes';
import { VectorIndex } from '../src/main/core/store/vectorIndex';
import { search } from '../src/main/core/search/search';
import { createModelRegistry, DEFAULT_MODEL_ID } from '../src/main/core/embed/registry';
import { sourceResourcesDir } from '../src/main/core/config';
import type { SearchMode } from '../src/main/core/search/searchTypes';
import { clusteredVectors, row } from '../tests/support/clusteredVectors';
import { hashingTestEmbedder } from '../tests/support/hashingTestEmbedder';
import { benchIndexQuantisation } from './indexQuantisation';
import type { IndexScalar } from '../src/main/core/store/indexScalar';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const N = arg('n', 100_000);
const QUERIES = arg('queries', 500);
const DIMS = 512;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function summarise(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

function newIndex(): UsearchIndex {
  return new usearch.Index({
    dimensions: DIMS,
    metric: usearch.MetricKind.IP,
    quantization: usearch.ScalarKind.F32,
    connectivity: HNSW_PARAMETERS.connectivity,
    expansion_add: HNSW_PARAMETERS.expansionAdd,
    expansion_search: HNSW_PARAMETERS.expansionSearch,
    multi: false,
  });
}

function keysFor(n: number): BigUint64Array {
  const keys = new BigUint64Array(n);
  for (let i = 0; i < n; i++) keys[i] = BigInt(i);
  return keys;
}

function benchHnswAtScale(): void {
  console.log(`\n== HNSW vs exact, ${N} x ${DIMS} clustered vectors, ${QUERIES} queries ==`);
  console.log(
    `parameters: ${JSON.stringify(HNSW_PARAMETERS)}, cores: ${os.cpus().length}, ` +
      `load average ${os.loadavg()[0]?.toFixed(1)} (tail latencies suffer when it exceeds the cores)`,
  );
  let t = performance.now();
  const data = clusteredVectors(N + QUERIES, { dims: DIMS, seed: 100_000 });
  const base = data.slice(0, N * DIMS);
  const queries = Array.from({ length: QUERIES }, (_, q) => row(data, DIMS, N + q));
  console.log(`generated data in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const exactMs: number[] = [];
  const truth: Array<Set<bigint>> = [];
  let nn1 = 0;
  let nn10 = 0;
  for (const q of queries) {
    const s = performance.now();
    const m = usearch.exactSearch(base, q, DIMS, 10, usearch.MetricKind.IP, 1);
    exactMs.push(performance.now() - s);
    truth.push(new Set(m.keys as BigUint64Array));
    nn1 += 1 - (m.distances[0] as number);
    nn10 += 1 - (m.distances[9] as number);
  }
  console.log(
    `data: mean cosine to 1st / 10th neighbour ${(nn1 / QUERIES).toFixed(3)} / ${(nn10 / QUERIES).toFixed(3)}`,
  );

  const index = newIndex();
  t = performance.now();
  index.add(keysFor(N), base, 0);
  const buildS = (performance.now() - t) / 1000;
  const hnswMs: number[] = [];
  let found = 0;
  for (let r = 0; r < 2; r++) {
    queries.forEach((q, i) => {
      const s = performance.now();
      const m = index.search(q, 10, 1);
      if (r === 1) hnswMs.push(performance.now() - s); // first pass warms caches
      if (r === 1) for (const k of m.keys) if ((truth[i] as Set<bigint>).has(k)) found++;
    });
  }
  const exact = summarise(exactMs);
  const hnsw = summarise(hnswMs);
  const recall = found / (QUERIES * 10);
  console.log(`index build: ${buildS.toFixed(1)} s (${Math.round(N / buildS)} vectors/s, all cores)`);
  console.log(`exact (baseline): p50 ${exact.p50.toFixed(3)} ms  p99 ${exact.p99.toFixed(3)} ms`);
  console.log(
    `HNSW:             p50 ${hnsw.p50.toFixed(3)} ms  p99 ${hnsw.p99.toFixed(3)} ms  recall@10 ${recall.toFixed(4)}`,
  );
  const ok = hnsw.p50 <= 10 && hnsw.p99 <= 25 && recall >= 0.95;
  console.log(`goals (p50 <= 10 ms, p99 <= 25 ms, recall >= 0.95): ${ok ? 'met' : 'NOT MET'}`);
  console.log(`ratio: HNSW p50 is ${(exact.p50 / hnsw.p50).toFixed(1)}x faster than exact search`);
}

function benchCrossover(): void {
  console.log(`\n== exact vs HNSW by library size (EXACT_SEARCH_BELOW = ${EXACT_SEARCH_BELOW}) ==`);
  for (const n of [500, 1_000, 2_000, 4_000, 8_000, 16_000]) {
    const data = clusteredVectors(n + 100, { dims: DIMS, seed: n });
    const base = data.slice(0, n * DIMS);
    const queries = Array.from({ length: 100 }, (_, q) => row(data, DIMS, n + q));
    const index = newIndex();
    const t = performance.now();
    index.add(keysFor(n), base, 0);
    const build = performance.now() - t;
    const e: number[] = [];
    const h: number[] = [];
    for (let r = 0; r < 3; r++) {
      for (const q of queries) {
        let s = performance.now();
        usearch.exactSearch(base, q, DIMS, 10, usearch.MetricKind.IP, 1);
        if (r > 0) e.push(performance.now() - s);
        s = performance.now();
        index.search(q, 10, 1);
        if (r > 0) h.push(performance.now() - s);
      }
    }
    const ex = summarise(e);
    const hn = summarise(h);
    console.log(
      `N=${String(n).padStart(6)}  exact p50 ${ex.p50.toFixed(3)} ms  HNSW p50 ${hn.p50.toFixed(3)} ms  ` +
        `(${hn.p50 < ex.p50 ? 'HNSW' : 'exact'} faster)  build ${build.toFixed(0)} ms`,
    );
  }
}

/**
 * End-to-end search() latency over the Cranfield abstracts (one chunk each) in a fresh library:
 * query embedding + BM25 + HNSW + fusion + snippets. Pass the real embedder when it lands.
 */
export async function benchHybridEndToEnd(embedder: Embedder, label: string): Promise<void> {
  console.log(`\n== end-to-end search() on Cranfield, embedder: ${label} ==`);
  const shared = path.resolve(
    process.env.LOCI_SHARED_DATA ?? path.join(import.meta.dirname, '../../shared/data'),
  );
  const corpus = fs.readFileSync(path.join(shared, 'cranfield', 'cran.all.1400'), 'utf8');
  const docs = corpus
    .split(/^\.I /m)
    .filter((r) => r.trim())
    .map((r) => ({
      id: r.split('\n')[0]!.trim(),
      text: (r.split(/^\.W\s*$/m)[1] ?? '').replace(/\s+/g, ' ').trim(),
    }));
  const queries = fs
    .readFileSync(path.join(shared, 'cranfield', 'cran.qry'), 'utf8')
    .split(/^\.I /m)
    .filter((r) => r.trim())
    .map((r) => (r.split(/^\.W\s*$/m)[1] ?? '').replace(/\s+/g, ' ').trim());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-search-'));
  const store = await LibraryStore.open(dir, { command: 'bench/search.ts' });
  try {
    const model = { id: embedder.info.id, dims: embedder.info.dims, fingerprint: embedder.info.fingerprint };
    let t = performance.now();
    for (let i = 0; i < docs.length; i += 200) {
      const slice = docs.slice(i, i + 200);
      const { vectors } = await embedder.embed(
        slice.map((d) => d.text),
        { purpose: 'passage' },
      );
      const batch: DocumentUpsert[] = slice.map((d, j) => ({
        doc: {
          id: `cran-${d.id}`,
          source: '/cranfield',
          path: `/cranfield/${d.id}.txt`,
          title: `Cranfield ${d.id}`,
          kind: 'txt',
          size: d.text.length,
          mtime: 0,
          sha256: '',
          pages: 1,
          status: 'ok',
          reason: null,
        },
        chunks: [
          { ordinal: 0, page: null, charStart: 0, charEnd: d.text.length, headingPath: [], text: d.text },
        ],
        vectors: [{ model, vectors: [vectors[j] as Float32Array] }],
      }));
      await store.upsertDocuments(batch);
    }
    console.log(
      `ingest (embed + write + keyword index): ${((performance.now() - t) / 1000).toFixed(1)} s for ${docs.length} docs`,
    );
    t = performance.now();
    const index = await VectorIndex.open(store, model, { autoSync: false });
    await index.sync();
    console.log(
      `vector index: ${JSON.stringify((await index.status()).mode)} built in ${(performance.now() - t).toFixed(0)} ms`,
    );
    // By chunk is the in-script baseline for by document (the default in the app): the ratio is
    // what aggregation, passage merging and the deeper candidate lists cost on this machine now.
    for (const mode of ['keyword', 'semantic', 'hybrid'] as SearchMode[]) {
      const p50s: Record<string, number> = {};
      for (const groupBy of ['chunk', 'document'] as const) {
        const ms: number[] = [];
        for (let r = 0; r < 2; r++) {
          for (const q of queries) {
            const s = performance.now();
            await search({ store, index, embedder }, { q, mode, k: 10, groupBy });
            if (r === 1) ms.push(performance.now() - s);
          }
        }
        const { p50, p99 } = summarise(ms);
        p50s[groupBy] = p50;
        console.log(
          `${mode.padEnd(8)} by ${groupBy.padEnd(8)} search(): p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  ` +
            `(${queries.length} queries, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores)`,
        );
      }
      console.log(
        `${mode.padEnd(8)} by document / by chunk p50: ${(p50s.document! / p50s.chunk!).toFixed(2)}x`,
      );
    }
    await index.close();
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (args.includes('--only-quantisation')) {
  await runQuantisationSection();
  process.exit(0);
}
if (!args.includes('--only-end-to-end')) {
  benchHnswAtScale();
  if (!args.includes('--skip-crossover')) benchCrossover();
}
// The real thing: the default built-in ONNX model (use-lite-int8; it was fp32 use-lite before the
// int8 build became the default), so p50 includes embedding the query in its worker.
{
  const registry = createModelRegistry({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-data-')),
    resourcesDir: sourceResourcesDir(),
  });
  const embedder = await registry.getEmbedder(DEFAULT_MODEL_ID);
  await benchHybridEndToEnd(
    embedder,
    `${DEFAULT_MODEL_ID} (the default built-in ONNX model, query embedding included)`,
  );
  await registry.closeAll();
}
if (args.includes('--with-stand-in')) {
  await benchHybridEndToEnd(
    hashingTestEmbedder(384),
    'hashing test embedder (stand-in, near-zero embedding cost)',
  );
}

/**
 * Index quantisation (bench/indexQuantisation.ts): f32/f16/i8/b1 at 100k vectors with the shipped
 * HNSW parameters; --quant-1m adds 1M vectors. A 1M build takes tens of minutes per kind on 2 shared
 * cores, so: --quant-kinds i8,b1 picks kinds, --quant-cache DIR keeps the vector set, the exact truth
 * and each built index between runs (one kind per niced process; a rerun loads instead of building),
 * --quant-threads N caps the build threads (default all cores, as the engine builds), and
 * --quant-ef-add N builds with a cheaper expansion_add (the table then says REDUCED), and
 * --quant-factors 8,10 adds rescoring depths to try beside the shipped one. Each size is searched at
 * the ef_search the engine's rule gives it (searchExpansion.ts); --quant-ef-search N searches at N
 * instead (N >= the constructed 192), and --quant-ef-searches 256,384 adds a line per depth (a cached
 * graph is reused: it does not depend on the search depth).
 */
async function runQuantisationSection(): Promise<void> {
  const i = args.indexOf('--quant-library');
  const library = i >= 0 ? args[i + 1]! : '/tmp/ki-lib';
  const c = args.indexOf('--quant-cache');
  const sizes = args.includes('--quant-only-1m')
    ? [1_000_000]
    : [arg('quant-n', 100_000), ...(args.includes('--quant-1m') ? [1_000_000] : [])];
  const efAdd = arg('quant-ef-add', HNSW_PARAMETERS.expansionAdd);
  const efSearch = arg('quant-ef-search', 0);
  const e = args.indexOf('--quant-ef-searches');
  await benchIndexQuantisation({
    sizes,
    queries: arg('quant-queries', 200),
    ...(args.includes('--quant-kinds')
      ? { kinds: args[args.indexOf('--quant-kinds') + 1]!.split(',') as IndexScalar[] }
      : {}),
    library,
    paramsFor: () =>
      efAdd === HNSW_PARAMETERS.expansionAdd ? HNSW_PARAMETERS : { ...HNSW_PARAMETERS, expansionAdd: efAdd },
    ...(efSearch > 0 ? { efSearchFor: () => efSearch } : {}),
    ...(e >= 0 ? { extraEfSearch: args[e + 1]!.split(',').map(Number) } : {}),
    ...(c >= 0 ? { cacheDir: args[c + 1]! } : {}),
    buildThreads: arg('quant-threads', 0),
    ...(args.includes('--quant-factors')
      ? { extraFactors: args[args.indexOf('--quant-factors') + 1]!.split(',').map(Number) }
      : {}),
  });
}
// --only-end-to-end means that section alone: the quantisation section builds 100k-vector indexes.
if (!args.includes('--skip-quantisation') && !args.includes('--only-end-to-end'))
  await runQuantisationSection();
