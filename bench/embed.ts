/**
 * Embedding benchmark: the full engine (worker thread, tokenising, length batching, pooling, copying
 * vectors back) against bare `session.run` on the same pre-tokenised tensors, in the same process.
 *
 *   node bin/run-ts.mjs bench/embed.ts [--batches N] [--queries N] [--threads N] [--model hf|use-lite|all]
 *
 * use-lite is measured in both built variants side by side (fp32 `use-lite`, static int8
 * `use-lite-int8`): engine and bare ORT of each, all four interleaved batch by batch, with the
 * int8/fp32 ratios (goal >= 1.6) computed in the same process.
 *
 * Models: a generated MiniLM-shaped BERT (hidden 384, 6 layers, FFN 1536, vocabulary 30522, random
 * weights: no real Hugging Face weights can be downloaded here, and compute per token is what matters)
 * and the built-in use-lite model when it has been built. Passages are Cranfield abstracts cut to about
 * 100 tokens, 32 per call. Prints passages/s of both and their ratio (goal >= 0.9), single-query latency
 * p50/p95 (goal p50 <= 15 ms on 2 cores) and session start times. Engine calls and bare runs alternate
 * batch by batch, so noise from other processes on a shared machine hits both alike. Both sessions use
 * the engine's session options (createSession), so the ratio is the engine's own overhead.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ort } from '../src/main/core/embed/loadOrt';
import { Tokenizer } from '@huggingface/tokenizers';
import { sourceResourcesDir } from '../src/main/core/config';
import { openEmbedder } from '../src/main/core/embed/openEmbedder';
import { createSession, defaultThreads } from '../src/main/core/embed/ortSession';
import { SentencePieceTokenizer } from '../src/main/core/embed/use-lite/sentencePiece';
import type { Embedder } from '../src/main/core/embed/types';
import type { ModelSource } from '../src/main/core/embed/workerModel';
import { miniLmTokenizerPath, sharedDataDir, writeTinyBertModelFolder } from '../tests/support/tinyBert';

const BATCH = 32;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const fmt = (x: number, d = 1): string => x.toFixed(d);

/** Cranfield abstracts cut to ~100 MiniLM tokens, and the Cranfield queries. */
async function loadTexts(
  tokenizer: Tokenizer,
  passages: number,
): Promise<{ passages: string[]; queries: string[] }> {
  const dir = path.join(sharedDataDir(), 'cranfield');
  const docs = (await fs.readFile(path.join(dir, 'cran.all.1400'), 'utf8')).split(/^\.I /m).slice(1);
  const out: string[] = [];
  for (const doc of docs) {
    const words = (doc.split(/^\.W\s*$/m)[1] ?? '').split(/\s+/).filter(Boolean);
    let text = '';
    for (const w of words) {
      const next = text ? `${text} ${w}` : w;
      if (tokenizer.encode(next).ids.length > 100) break;
      text = next;
    }
    if (tokenizer.encode(text).ids.length >= 90) out.push(text);
    if (out.length === passages) break;
  }
  const queries = (await fs.readFile(path.join(dir, 'cran.qry'), 'utf8'))
    .split(/^\.I /m)
    .slice(1)
    .map((q) => (q.split(/^\.W\s*$/m)[1] ?? '').replace(/\s+/g, ' ').trim());
  return { passages: out, queries };
}

interface Bare {
  startMs: number;
  run(batch: readonly string[]): Promise<unknown>;
  prepare(batch: readonly string[]): unknown;
  runPrepared(prepared: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Bare ONNX Runtime on the generated BERT: tokenised and tensorised outside the timed part. */
async function bareHf(dir: string, threads: number, tokenizer: Tokenizer): Promise<Bare> {
  const t0 = performance.now();
  const session = await createSession(path.join(dir, 'model.onnx'), { threads });
  const startMs = performance.now() - t0;
  const prepare = (batch: readonly string[]) => {
    const enc = batch.map((t) => tokenizer.encode(t).ids);
    const seq = Math.max(...enc.map((e) => e.length));
    const ids = new BigInt64Array(batch.length * seq);
    const mask = new BigInt64Array(batch.length * seq);
    enc.forEach((e, b) => e.forEach((id, t) => ((ids[b * seq + t] = BigInt(id)), (mask[b * seq + t] = 1n))));
    const dims = [batch.length, seq];
    return {
      input_ids: new ort.Tensor('int64', ids, dims),
      attention_mask: new ort.Tensor('int64', mask, dims),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(batch.length * seq), dims),
    };
  };
  const runPrepared = (feeds: unknown) =>
    session.run(feeds as Record<string, ort.Tensor>, ['last_hidden_state']);
  return {
    startMs,
    prepare,
    runPrepared,
    run: (b) => runPrepared(prepare(b)),
    close: () => session.release(),
  };
}

/** Bare ONNX Runtime on the use-lite graph, fed the runner's sparse indices/values. */
async function bareUseLite(dir: string, threads: number): Promise<Bare> {
  const tokenizer = await SentencePieceTokenizer.fromFile(path.join(dir, 'vocab.json'));
  const t0 = performance.now();
  const session = await createSession(path.join(dir, 'model.onnx'), { threads });
  const startMs = performance.now() - t0;
  const prepare = (batch: readonly string[]) => {
    const enc = batch.map((t) => tokenizer.encode(t).slice(0, 128));
    const total = enc.reduce((n, e) => n + e.length, 0);
    const indices = new Int32Array(total * 2);
    const values = new Int32Array(total);
    let k = 0;
    enc.forEach((e, row) =>
      e.forEach((id, pos) => ((indices[2 * k] = row), (indices[2 * k + 1] = pos), (values[k++] = id))),
    );
    return {
      indices: new ort.Tensor('int32', indices, [total, 2]),
      values: new ort.Tensor('int32', values, [total]),
    };
  };
  const runPrepared = (feeds: unknown) => session.run(feeds as Record<string, ort.Tensor>);
  return {
    startMs,
    prepare,
    runPrepared,
    run: (b) => runPrepared(prepare(b)),
    close: () => session.release(),
  };
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchModel(
  label: string,
  source: ModelSource,
  bare: Bare,
  threads: number,
  passages: string[],
  queries: string[],
  rounds: number,
): Promise<void> {
  const t0 = performance.now();
  const embedder: Embedder = await openEmbedder(source, { threads });
  const engineStart = performance.now() - t0;
  const batches: string[][] = [];
  for (let i = 0; i + BATCH <= passages.length; i += BATCH) batches.push(passages.slice(i, i + BATCH));
  const prepared = batches.map((b) => bare.prepare(b));
  const total = batches.length * BATCH;

  // Warm-up: first runs allocate arenas and JIT the JS paths.
  for (const b of batches.slice(0, 2)) await embedder.embed(b, { purpose: 'passage' });
  for (const p of prepared.slice(0, 2)) await bare.runPrepared(p);

  // Engine call and bare run alternate batch by batch, so load from other processes hits both alike.
  let engineMs = 0;
  let bareMs = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < batches.length; i++) {
      engineMs += await timeIt(() => embedder.embed(batches[i]!, { purpose: 'passage' }));
      bareMs += await timeIt(() => bare.runPrepared(prepared[i]));
    }
  }
  const engineRate = (rounds * total) / (engineMs / 1000);
  const bareRate = (rounds * total) / (bareMs / 1000);

  const latencies: number[] = [];
  const bareLatencies: number[] = [];
  for (const q of queries) {
    latencies.push(await timeIt(() => embedder.embed([q], { purpose: 'query' })));
    const p = bare.prepare([q]);
    bareLatencies.push(await timeIt(() => bare.runPrepared(p)));
  }
  latencies.sort((a, b) => a - b);
  bareLatencies.sort((a, b) => a - b);
  await embedder.close();

  console.log(
    `\n${label}: ${embedder.info.dims} dims, max ${embedder.info.maxTokens} tokens, ${threads} threads`,
  );
  console.log(
    `  throughput (${batches.length} calls x ${BATCH} passages of ~100 tokens, ${rounds} rounds, interleaved)`,
  );
  console.log(`    engine        ${fmt(engineRate).padStart(8)} passages/s`);
  console.log(`    bare run      ${fmt(bareRate).padStart(8)} passages/s`);
  console.log(`    ratio         ${fmt(engineRate / bareRate, 3).padStart(8)}   (goal >= 0.9)`);
  console.log(`  single query (${queries.length} Cranfield queries, one call each)`);
  console.log(
    `    engine        p50 ${fmt(percentile(latencies, 0.5), 2)} ms, p95 ${fmt(percentile(latencies, 0.95), 2)} ms   (goal p50 <= 15 ms)`,
  );
  console.log(
    `    bare run      p50 ${fmt(percentile(bareLatencies, 0.5), 2)} ms, p95 ${fmt(percentile(bareLatencies, 0.95), 2)} ms`,
  );
  console.log(
    `  session start   engine ${fmt(engineStart, 0)} ms (worker + session + probe + fingerprint), bare ${fmt(bare.startMs, 0)} ms`,
  );
}

interface Side {
  label: string;
  embedder: Embedder;
  engineStart: number;
  bare: Bare;
  prepared: unknown[];
  engineMs: number;
  bareMs: number;
  latencies: number[];
}

/** use-lite fp32 and int8: engine and bare ORT of both, interleaved batch by batch; int8/fp32 ratios. */
async function benchUseLiteVariants(
  threads: number,
  passages: string[],
  queries: string[],
  rounds: number,
): Promise<void> {
  const variants = [
    { id: 'use-lite', label: 'fp32' },
    { id: 'use-lite-int8', label: 'int8' },
  ];
  const dirs = variants.map((v) => path.join(sourceResourcesDir(), 'models', v.id));
  for (const dir of dirs) {
    if (!(await fs.stat(path.join(dir, 'manifest.json')).catch(() => null))) {
      console.log(`\n${path.basename(dir)} is not built: run npm run models:build`);
      return;
    }
  }
  const batches: string[][] = [];
  for (let i = 0; i + BATCH <= passages.length; i += BATCH) batches.push(passages.slice(i, i + BATCH));
  const sides: Side[] = [];
  for (const [i, v] of variants.entries()) {
    const t0 = performance.now();
    const embedder = await openEmbedder({ kind: 'use-lite', dir: dirs[i]!, id: v.id }, { threads });
    const engineStart = performance.now() - t0;
    const bare = await bareUseLite(dirs[i]!, threads);
    const prepared = batches.map((b) => bare.prepare(b));
    sides.push({
      label: v.label,
      embedder,
      engineStart,
      bare,
      prepared,
      engineMs: 0,
      bareMs: 0,
      latencies: [],
    });
  }
  for (const side of sides) {
    for (const b of batches.slice(0, 2)) await side.embedder.embed(b, { purpose: 'passage' });
    for (const p of side.prepared.slice(0, 2)) await side.bare.runPrepared(p);
  }
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < batches.length; i++) {
      for (const side of sides) {
        side.engineMs += await timeIt(() => side.embedder.embed(batches[i]!, { purpose: 'passage' }));
        side.bareMs += await timeIt(() => side.bare.runPrepared(side.prepared[i]));
      }
    }
  }
  for (const q of queries) {
    for (const side of sides)
      side.latencies.push(await timeIt(() => side.embedder.embed([q], { purpose: 'query' })));
  }
  const total = rounds * batches.length * BATCH;
  const rate = (ms: number): number => total / (ms / 1000);
  console.log(`\nuse-lite (built-in), fp32 and static int8 side by side, ${threads} threads`);
  console.log(
    `  throughput (${batches.length} calls x ${BATCH} passages of ~100 tokens, ${rounds} rounds, all four interleaved)`,
  );
  console.log('                 engine        bare ORT      engine/bare');
  for (const s of sides) {
    console.log(
      `    ${s.label}       ${fmt(rate(s.engineMs)).padStart(8)} p/s  ${fmt(rate(s.bareMs)).padStart(8)} p/s  ${fmt(s.bareMs / s.engineMs, 3).padStart(8)}`,
    );
  }
  const [fp32, int8] = sides as [Side, Side];
  console.log(
    `    int8/fp32  ${fmt(fp32.engineMs / int8.engineMs, 2).padStart(8)} x    ${fmt(fp32.bareMs / int8.bareMs, 2).padStart(8)} x      (goal >= 1.6)`,
  );
  console.log(`  single query (${queries.length} Cranfield queries, one call each, engine)`);
  for (const s of sides) {
    s.latencies.sort((a, b) => a - b);
    console.log(
      `    ${s.label}        p50 ${fmt(percentile(s.latencies, 0.5), 2)} ms, p95 ${fmt(percentile(s.latencies, 0.95), 2)} ms`,
    );
  }
  console.log(
    `  session start   ${sides.map((s) => `${s.label} engine ${fmt(s.engineStart, 0)} ms, bare ${fmt(s.bare.startMs, 0)} ms`).join('; ')}`,
  );
  for (const s of sides) {
    await s.embedder.close();
    await s.bare.close();
  }
}

async function main(): Promise<void> {
  const threads = Number(option('threads', String(defaultThreads())));
  const which = option('model', 'all');
  const passagesWanted = Number(option('batches', '10')) * BATCH;
  const rounds = Number(option('rounds', '3'));
  const tokenizer = new Tokenizer(JSON.parse(await fs.readFile(miniLmTokenizerPath(), 'utf8')), {});
  const { passages, queries: allQueries } = await loadTexts(tokenizer, passagesWanted);
  const queries = allQueries.slice(0, Number(option('queries', '100')));
  console.log(
    `embed bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  if (which === 'all' || which === 'hf') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loci-bench-embed-'));
    try {
      await writeTinyBertModelFolder(dir, {
        hidden: 384,
        layers: 6,
        intermediate: 1536,
        seed: 1,
        name: 'bench-minilm-shaped',
        maxSeqLength: 256,
      });
      const bare = await bareHf(dir, threads, tokenizer);
      await benchModel(
        'hf-onnx, MiniLM-shaped generated BERT (6 x 384, FFN 1536)',
        { kind: 'hf-onnx', dir },
        bare,
        threads,
        passages,
        queries,
        rounds,
      );
      await bare.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  if (which === 'all' || which === 'use-lite') await benchUseLiteVariants(threads, passages, queries, rounds);
  console.log(
    `\nload average at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
