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

const DIMS = 512;
const K = 10;
const KINDS: readonly IndexScalar[] = ['f32', 'f16', 'i8', 'b1'];

export interface QuantisationOptions {
  sizes: number[];
  queries: number;
  library: string;
  /** Kinds to measure (default all). */
  kinds?: readonly IndexScalar[];
  /** HNSW parameters per size (1M builds use cheaper ones on a shared 2-core machine). */
  paramsFor(n: number): HnswParameters;
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
  plain: { p50: number; p99: number; recall: number };
  rescored: { p50: number; p99: number; recall: number };
}

function measureKind(
  kind: IndexScalar,
  set: VectorSet,
  truth: Array<Set<bigint>>,
  params: HnswParameters,
): Row {
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
  const keys = new BigUint64Array(n);
  for (let i = 0; i < n; i++) keys[i] = BigInt(i);
  let t = performance.now();
  index.add(keys, set.base, 0);
  const buildS = (performance.now() - t) / 1000;
  const file = path.join(os.tmpdir(), `loci-bench-quant-${process.pid}.usearch`);
  index.save(file);
  const bytes = fs.statSync(file).size;
  fs.rmSync(file, { force: true });

  const run = (rescore: boolean) => {
    const ms: number[] = [];
    let found = 0;
    for (let pass = 0; pass < 2; pass++) {
      set.queries.forEach((q, i) => {
        t = performance.now();
        const m = index.search(q, rescore ? K * RESCORE_FACTOR[kind] : K, 1);
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
  return { kind, n, bytes, buildS, plain: run(false), rescored: run(true) };
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
    const set = await vectorSet(n, options.queries, options.library);
    const { truth, nn1, nn10 } = exactTruth(set);
    console.log(`\nN = ${n}: ${set.describe}`);
    console.log(
      `mean cosine to 1st / 10th neighbour: ${nn1.toFixed(3)} / ${nn10.toFixed(3)}; HNSW ${JSON.stringify(params)}` +
        (params === HNSW_PARAMETERS ? ' (shipped)' : ' (REDUCED for this size, see below)'),
    );
    console.log(
      'kind  index MB   build s   p50 ms   p99 ms  recall@10 | rescored: p50 ms  p99 ms  recall@10',
    );
    for (const kind of options.kinds ?? KINDS) {
      const r = measureKind(kind, set, truth, params);
      console.log(
        `${kind.padEnd(4)} ${(r.bytes / 1e6).toFixed(1).padStart(9)} ${r.buildS.toFixed(1).padStart(9)} ` +
          `${r.plain.p50.toFixed(3).padStart(8)} ${r.plain.p99.toFixed(3).padStart(8)} ${r.plain.recall.toFixed(4).padStart(10)} |` +
          `${r.rescored.p50.toFixed(3).padStart(16)} ${r.rescored.p99.toFixed(3).padStart(7)} ${r.rescored.recall.toFixed(4).padStart(10)}`,
      );
    }
  }
}
