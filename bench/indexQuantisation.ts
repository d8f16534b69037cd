/**
 * bench:search, section "index quantisation": the USearch index holding its vectors as f32, f16, i8
 * or b1 (binary), each measured on the same vectors and queries: index bytes (what the index holds in
 * memory and writes to disk), build time, single-thread query p50/p99, and recall@10 against exact
 * f32 search, without and with exact rescoring (the top `k x RESCORE_FACTOR` candidates re-ranked by
 * their f32 vectors, which the engine reads from its rows file; here from memory).
 *
 * The vectors: real 512-d chunk vectors of a built library (the built-in model, default
 * /tmp/ki-lib: 420 TeX Live documentation PDFs), plus synthetic vectors to reach N: each is a real
 * vector r moved along the difference of two other real vectors, v = normalise(r + alpha (a - b)),
 * so the synthetic points follow the real vectors' covariance (their anisotropy: the real vectors
 * share a large common component) and sit around real ones. Queries are real vectors held out of the
 * set. The script prints the queries' mean cosine to their 1st / 10th neighbour at each size, so
 * the likeness can be judged (at 30k the set is 80% real: 0.895 / 0.838; at 100k, 24% real: 0.881 /
 * 0.839). Without a library it falls back to clustered synthetic vectors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HNSW_PARAMETERS, type HnswParameters } from '../src/main/core/store/hnswParameters';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import { usearch } from '../src/main/core/store/loadUsearch';
import {
  metricFor,
  RESCORE_FACTOR,
  usearchScalar,
  type IndexScalar,
} from '../src/main/core/store/indexScalar';
import { clusteredVectors, seededRandom } from '../tests/support/clusteredVectors';
import { expansionSearchFor, searchAtExpansion } from '../src/main/core/store/searchExpansion';
import { cachedJson, readF32, writeF32 } from './quantisationCache';

const DIMS = 512;
const K = 10;
const KINDS: readonly IndexScalar[] = ['f32', 'f16', 'i8', 'b1'];

export interface QuantisationOptions {
  sizes: number[];
  queries: number;
  library: string;
  /** Kinds to measure (default all). */
  kinds?: readonly IndexScalar[];
  /** HNSW parameters per size. */
  paramsFor(n: number): HnswParameters;
  /**
   * Folder keeping the vector set, the exact truth and each built index between runs
   * (bench/quantisationCache.ts); without it everything is built in memory and dropped.
   */
  cacheDir?: string;
  /** Threads for index builds (0: all cores, as the shipped engine builds). */
  buildThreads?: number;
  /**
   * Rescoring factors to try besides the shipped one (RESCORE_FACTOR), each a line under its kind's
   * row: what a deeper candidate list buys if the shipped factor misses recall@10 0.99 at some size.
   */
  extraFactors?: readonly number[];
  /**
   * The ef_search each size is searched with (default: the engine's rule, expansionSearchFor); a
   * graph does not depend on it, so a cached one is measured at any depth without a rebuild.
   */
  efSearchFor?(n: number): number;
  /** Other ef_search values to try, each a line under its kind's row (rescored at the shipped factor). */
  extraEfSearch?: readonly number[];
}

interface VectorSet {
  base: Float32Array;
  queries: Float32Array[];
  describe: string;
}

async function realVectors(library: string): Promise<Float32Array | null> {
  if (!fs.existsSync(path.join(library, 'lance'))) return null;
  const store = await LibraryStore.open(library, { readonly: true });
  try {
    const model = (await store.listModels()).find((m) => m.dims === DIMS);
    if (!model) return null;
    const parts: Float32Array[] = [];
    for await (const batch of store.iterateVectors(model.id)) parts.push(batch.vectors.slice());
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  } finally {
    await store.close();
  }
}

function normaliseRow(v: Float32Array, at: number): void {
  let s = 0;
  for (let d = 0; d < DIMS; d++) s += v[at + d]! * v[at + d]!;
  const f = 1 / Math.sqrt(s || 1);
  for (let d = 0; d < DIMS; d++) v[at + d]! *= f;
}

/** vectorSet(), read from / written to the cache folder when there is one. */
async function cachedVectorSet(
  n: number,
  queries: number,
  library: string,
  dir?: string,
): Promise<VectorSet> {
  if (!dir) return vectorSet(n, queries, library);
  const stem = path.join(dir, `set-${n}-q${queries}`);
  if (fs.existsSync(`${stem}.json`)) {
    const q = readF32(`${stem}.queries.f32`);
    return {
      base: readF32(`${stem}.base.f32`),
      queries: Array.from({ length: q.length / DIMS }, (_, i) => q.slice(i * DIMS, (i + 1) * DIMS)),
      describe: (JSON.parse(fs.readFileSync(`${stem}.json`, 'utf8')) as { describe: string }).describe,
    };
  }
  const set = await vectorSet(n, queries, library);
  fs.mkdirSync(dir, { recursive: true });
  writeF32(`${stem}.base.f32`, set.base);
  const q = new Float32Array(set.queries.length * DIMS);
  set.queries.forEach((v, i) => q.set(v, i * DIMS));
  writeF32(`${stem}.queries.f32`, q);
  fs.writeFileSync(`${stem}.json`, JSON.stringify({ describe: set.describe }));
  return set;
}

/** N base vectors (real first, then synthetic around real ones) and held-out real queries. */
async function vectorSet(n: number, queries: number, library: string): Promise<VectorSet> {
  const real = await realVectors(library);
  if (!real) {
    const data = clusteredVectors(n + queries, { dims: DIMS, seed: n });
    return {
      base: data.slice(0, n * DIMS),
      queries: Array.from({ length: queries }, (_, q) => data.slice((n + q) * DIMS, (n + q + 1) * DIMS)),
      describe: `no library at ${library}: clustered synthetic vectors (tests/support/clusteredVectors.ts)`,
    };
  }
  const rows = real.length / DIMS;
  const random = seededRandom(7);
  // Held-out queries: every (rows/queries)th real vector.
  const step = Math.floor(rows / queries);
  const isQuery = (i: number) => i % step === 0 && i / step < queries;
  const qs: Float32Array[] = [];
  const kept: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (isQuery(i)) qs.push(real.slice(i * DIMS, (i + 1) * DIMS));
    else kept.push(i);
  }
  const base = new Float32Array(n * DIMS);
  const realUsed = Math.min(n, kept.length);
  for (let i = 0; i < realUsed; i++)
    base.set(real.subarray(kept[i]! * DIMS, (kept[i]! + 1) * DIMS), i * DIMS);
  const alpha = 0.35;
  const pick = () => kept[Math.floor(random() * kept.length)]! * DIMS;
  for (let i = realUsed; i < n; i++) {
    const [r, a, b] = [pick(), pick(), pick()];
    for (let d = 0; d < DIMS; d++) base[i * DIMS + d] = real[r + d]! + alpha * (real[a + d]! - real[b + d]!);
    normaliseRow(base, i * DIMS);
  }
  return {
    base,
    queries: qs,
    describe:
      `${realUsed} real chunk vectors of ${library} + ${n - realUsed} synthetic (normalise(r + ${alpha} (a - b)), ` +
      `r, a, b random real vectors), ${qs.length} held-out real vectors as queries`,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function dot(a: Float32Array, b: Float32Array, at: number): number {
  let s = 0;
  for (let d = 0; d < DIMS; d++) s += a[d]! * b[at + d]!;
  return s;
}

/** Exact f32 top-k keys per query, and the neighbour cosines that describe the set. */
function exactTruth(set: VectorSet): { truth: Array<Set<bigint>>; nn1: number; nn10: number } {
  const truth: Array<Set<bigint>> = [];
  let nn1 = 0;
  let nn10 = 0;
  for (const q of set.queries) {
    const m = usearch.exactSearch(set.base, q, DIMS, K, usearch.MetricKind.IP, 0);
    truth.push(new Set(m.keys as BigUint64Array));
    nn1 += 1 - m.distances[0]!;
    nn10 += 1 - m.distances[K - 1]!;
  }
  return { truth, nn1: nn1 / set.queries.length, nn10: nn10 / set.queries.length };
}

interface Row {
  kind: IndexScalar;
  n: number;
  bytes: number;
  buildS: number;
  plain: Measured;
  rescored: Measured;
  extra: Array<{ factor: number; p50: number; p99: number; recall: number }>;
  efSearch: number;
  deeper: Array<{ ef: number; plain: Measured; rescored: Measured }>;
}

interface Measured {
  p50: number;
  p99: number;
  recall: number;
}

/** Vectors per native add call while building, so progress (and an ETA) can be printed. */
const BUILD_SLICE = 50_000;

/** Builds the kind's index (or loads the one a previous run left in the cache). */
function buildOrLoad(
  kind: IndexScalar,
  set: VectorSet,
  params: HnswParameters,
  options: QuantisationOptions,
): { index: InstanceType<typeof usearch.Index>; bytes: number; buildS: number } {
  const n = set.base.length / DIMS;
  const index = new usearch.Index({
    dimensions: DIMS,
    metric: metricFor(kind),
    quantization: usearchScalar(kind),
    connectivity: params.connectivity,
    expansion_add: params.expansionAdd,
    expansion_search: params.expansionSearch,
    multi: false,
  });
  const name = `${kind}-${n}-M${params.connectivity}-ea${params.expansionAdd}`;
  const file = options.cacheDir
    ? path.join(options.cacheDir, `${name}.usearch`)
    : path.join(os.tmpdir(), `loci-bench-quant-${process.pid}.usearch`);
  if (options.cacheDir && fs.existsSync(`${file}.json`)) {
    index.load(file);
    const { buildS } = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { buildS: number };
    console.log(`  ${kind}: index loaded from ${file} (built earlier in ${buildS.toFixed(0)} s)`);
    return { index, bytes: fs.statSync(file).size, buildS };
  }
  const threads = options.buildThreads ?? 0;
  const t = performance.now();
  for (let at = 0; at < n; at += BUILD_SLICE) {
    const end = Math.min(n, at + BUILD_SLICE);
    const keys = new BigUint64Array(end - at);
    for (let i = at; i < end; i++) keys[i - at] = BigInt(i);
    // A copy, not a subarray: USearch's bindings ignore a typed array's byteOffset.
    index.add(keys, set.base.slice(at * DIMS, end * DIMS), threads);
    if (n > BUILD_SLICE) {
      const s = (performance.now() - t) / 1000;
      console.log(
        `  ${kind}: ${end}/${n} added in ${s.toFixed(0)} s (ETA ${((s / end) * (n - end)).toFixed(0)} s at this pace, ` +
          `load ${os.loadavg()[0]!.toFixed(1)})`,
      );
    }
  }
  const buildS = (performance.now() - t) / 1000;
  index.save(file);
  const bytes = fs.statSync(file).size;
  if (options.cacheDir)
    fs.writeFileSync(`${file}.json`, JSON.stringify({ buildS, threads, load: os.loadavg()[0] }));
  else fs.rmSync(file, { force: true });
  return { index, bytes, buildS };
}

function measureKind(
  kind: IndexScalar,
  set: VectorSet,
  truth: Array<Set<bigint>>,
  params: HnswParameters,
  options: QuantisationOptions,
): Row {
  const n = set.base.length / DIMS;
  const { index, bytes, buildS } = buildOrLoad(kind, set, params, options);
  let t = 0;
  const efSearch = options.efSearchFor?.(n) ?? expansionSearchFor(n);
  const run = (rescore: boolean, factor = RESCORE_FACTOR[kind], ef = efSearch): Measured => {
    const ms: number[] = [];
    let found = 0;
    for (let pass = 0; pass < 2; pass++) {
      set.queries.forEach((q, i) => {
        t = performance.now();
        // As the engine searches: at the depth its rule gives this size (searchExpansion.ts).
        const m = searchAtExpansion(index, q, rescore ? K * factor : K, ef);
        let top = m.keys as BigUint64Array;
        if (rescore) {
          const scored = Array.from(top, (key) => ({ key, s: dot(q, set.base, Number(key) * DIMS) }));
          scored.sort((a, b) => b.s - a.s);
          top = BigUint64Array.from(scored.slice(0, K).map((x) => x.key));
        }
        const elapsed = performance.now() - t;
        if (pass === 1) {
          ms.push(elapsed);
          for (const key of top.slice(0, K)) if (truth[i]!.has(key)) found++;
        }
      });
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 0.5), p99: percentile(ms, 0.99), recall: found / (set.queries.length * K) };
  };
  const extra = (options.extraFactors ?? []).map((factor) => ({ factor, ...run(true, factor) }));
  const deeper = (options.extraEfSearch ?? []).map((ef) => ({
    ef,
    plain: run(false, RESCORE_FACTOR[kind], ef),
    rescored: run(true, RESCORE_FACTOR[kind], ef),
  }));
  return { kind, n, bytes, buildS, plain: run(false), rescored: run(true), extra, efSearch, deeper };
}

/** Prints the table: one row per scalar kind and size. */
export async function benchIndexQuantisation(options: QuantisationOptions): Promise<void> {
  console.log(`\n== index quantisation: f32 / f16 / i8 / b1, recall@${K} against exact f32 ==`);
  console.log(
    `rescoring: top ${K} x ${JSON.stringify(RESCORE_FACTOR)} candidates re-ranked by exact f32 dot products; ` +
      `queries single-threaded, builds on all cores (${os.availableParallelism()}), load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  for (const n of options.sizes) {
    const params = options.paramsFor(n);
    const set = await cachedVectorSet(n, options.queries, options.library, options.cacheDir);
    const cached = await cachedJson(options.cacheDir, `truth-${n}-q${options.queries}.json`, () => {
      const { truth, nn1, nn10 } = exactTruth(set);
      return { truth: truth.map((keys) => Array.from(keys, Number)), nn1, nn10 };
    });
    const { nn1, nn10 } = cached;
    const truth = cached.truth.map((keys) => new Set(keys.map(BigInt)));
    console.log(`\nN = ${n}: ${set.describe}`);
    console.log(
      `mean cosine to 1st / 10th neighbour: ${nn1.toFixed(3)} / ${nn10.toFixed(3)}; HNSW ${JSON.stringify(params)}` +
        (params === HNSW_PARAMETERS ? ' (shipped)' : ' (NOT the shipped parameters)'),
    );
    console.log(
      `searched at ef_search ${options.efSearchFor?.(n) ?? expansionSearchFor(n)}` +
        (options.efSearchFor
          ? ' (NOT the engine rule)'
          : ' (the engine rule for this size, searchExpansion.ts)'),
    );
    console.log(
      'kind  index MB   build s   p50 ms   p99 ms  recall@10 | rescored: p50 ms  p99 ms  recall@10',
    );
    for (const kind of options.kinds ?? KINDS) {
      const r = measureKind(kind, set, truth, params, options);
      console.log(
        `${kind.padEnd(4)} ${(r.bytes / 1e6).toFixed(1).padStart(9)} ${r.buildS.toFixed(1).padStart(9)} ` +
          `${r.plain.p50.toFixed(3).padStart(8)} ${r.plain.p99.toFixed(3).padStart(8)} ${r.plain.recall.toFixed(4).padStart(10)} |` +
          `${r.rescored.p50.toFixed(3).padStart(16)} ${r.rescored.p99.toFixed(3).padStart(7)} ${r.rescored.recall.toFixed(4).padStart(10)}`,
      );
      for (const e of r.extra) {
        console.log(
          `${kind.padEnd(4)} rescoring ${e.factor} x k instead of ${RESCORE_FACTOR[kind]} x k:`.padEnd(62) +
            `${e.p50.toFixed(3).padStart(8)} ${e.p99.toFixed(3).padStart(7)} ${e.recall.toFixed(4).padStart(10)}`,
        );
      }
      for (const d of r.deeper) {
        console.log(
          `${kind.padEnd(4)} ef_search ${d.ef}:`.padEnd(26) +
            `${d.plain.p50.toFixed(3).padStart(8)} ${d.plain.p99.toFixed(3).padStart(8)} ${d.plain.recall.toFixed(4).padStart(10)} |` +
            `${d.rescored.p50.toFixed(3).padStart(16)} ${d.rescored.p99.toFixed(3).padStart(7)} ${d.rescored.recall.toFixed(4).padStart(10)}`,
        );
      }
    }
  }
}
