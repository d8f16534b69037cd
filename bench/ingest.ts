/**
 * Ingest benchmark: PDF text extraction through Loci's worker pool against poppler's `pdftotext` run
 * one file at a time, on the same files, in the same run; then the whole ingest end to end against
 * the model alone embedding the same chunks.
 *
 *   node bin/run-ts.mjs bench/ingest.ts -- DIR [--sample N | --limit N] [--workers N] [--timeout-ms N]
 *     [--ort-threads N] [--extract-workers N] [--model ID] [--no-e2e] [--only-e2e]
 *
 * DIR defaults to /usr/share/doc/texlive-doc (Debian's texlive-*-doc packages: hundreds of real PDFs).
 * --sample N takes N PDFs evenly spaced through the sorted list (every (total/N)th), so a short run
 * still crosses every package; --limit N takes the first N.
 *
 * Reports pages/s of both extractors, their ratio (goal >= 0.8x) and the peak RSS during the pool run
 * (goal <= 1.5 GB). End to end (extract, chunk, embed, write to LanceDB, build the vector index) it
 * prints pages/s, chunks/s, the share of wall time each stage was running (ingestBudget.ts) and the
 * ratio of end-to-end time to embed-only time: the library's model embedding the very chunk texts it
 * stored, in calls of 256 like ingest, nothing else running (goal <= 1.15).
 * --ort-threads / --extract-workers set the split of the cores for the end-to-end run; --model the
 * model it embeds with (default: the app's default, use-lite-int8; `--model use-lite` for fp32).
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestBudget, IngestSummary } from '../src/shared/api/methods/library';
import { createCore } from '../src/main/core/createCore';
import { sourceResourcesDir } from '../src/main/core/config';
import { createModelRegistry } from '../src/main/core/embed/registry';
import { createExtractPool } from '../src/main/core/ingest/extractPool';
import { LibraryStore } from '../src/main/core/store/libraryStore';
import type { ExtractStatus, SourceFile } from '../src/main/core/ingest/types';
import { findPdfs, sampleEvenly } from './ingestSample';

interface StageMetrics {
  name: string;
  files: number;
  pages: number;
  chars: number;
  seconds: number;
  /** CPU seconds spent (pool: this process, all threads; pdftotext: its child processes). */
  cpuSeconds?: number;
  statuses?: Partial<Record<ExtractStatus, number>>;
  peakRssMb?: number;
}

/** CPU seconds of waited-for child processes (Linux /proc; undefined elsewhere). */
function childCpuSeconds(): number | undefined {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // Fields 16 and 17 of stat (cutime, cstime) are at 13 and 14 after the command name; clock ticks.
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface BenchArgs {
  dir: string;
  workers?: number;
  limit?: number;
  sample?: number;
  timeoutMs?: number;
  ortThreads?: number;
  extractWorkers?: number;
  model?: string;
}

function parseArgs(argv: string[]): BenchArgs {
  const args = argv.filter((a) => a !== '--');
  const out: BenchArgs = { dir: '/usr/share/doc/texlive-doc' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--workers') out.workers = Number(args[++i]);
    else if (a === '--limit') out.limit = Number(args[++i]);
    else if (a === '--sample') out.sample = Number(args[++i]);
    else if (a === '--timeout-ms') out.timeoutMs = Number(args[++i]);
    else if (a === '--ort-threads') out.ortThreads = Number(args[++i]);
    else if (a === '--extract-workers') out.extractWorkers = Number(args[++i]);
    else if (a === '--model') out.model = args[++i]!;
    else if (!a.startsWith('--')) out.dir = a;
  }
  return out;
}

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Baseline: `pdftotext` on each file in turn (one process at a time); pages = form feeds in its output. */
async function runPdftotext(files: SourceFile[]): Promise<StageMetrics> {
  let pages = 0;
  let chars = 0;
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  for (const file of files) {
    const text = await new Promise<string>((resolve) => {
      execFile('pdftotext', ['-q', '-enc', 'UTF-8', file.path, '-'], { maxBuffer: 1 << 30 }, (_err, stdout) =>
        resolve(stdout ?? ''),
      );
    });
    pages += text.split('\f').length - 1;
    chars += text.length;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childCpuSeconds();
  const metrics: StageMetrics = {
    name: 'pdftotext (1 process at a time)',
    files: files.length,
    pages,
    chars,
    seconds,
  };
  if (cpuBefore !== undefined && cpuAfter !== undefined) metrics.cpuSeconds = cpuAfter - cpuBefore;
  return metrics;
}

/** Loci: every file through the extraction pool, all queued at once (the pool bounds concurrency). */
async function runPool(files: SourceFile[], workers?: number, timeoutMs?: number): Promise<StageMetrics> {
  const pool = createExtractPool({ ...(workers ? { workers } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const statuses: Partial<Record<ExtractStatus, number>> = {};
  let pages = 0;
  let chars = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    files.map(async (file) => {
      const result = await pool.extract(file);
      statuses[result.status] = (statuses[result.status] ?? 0) + 1;
      pages += result.pages.length;
      chars += result.chars;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await pool.close();
  return {
    name: `Loci extract pool (${pool.size} workers)`,
    files: files.length,
    pages,
    chars,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    statuses,
    peakRssMb: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024,
  };
}

/**
 * End to end through the real core: walk, extract, chunk, embed (built-in model), write to LanceDB and
 * build the vector index, into a temporary library. The files are linked into one folder so that
 * --limit applies.
 */
async function runEndToEnd(
  files: SourceFile[],
  split: { ortThreads?: number; extractWorkers?: number },
  model?: string,
): Promise<EndToEnd> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-ingest-'));
  const docs = path.join(work, 'docs');
  fs.mkdirSync(docs);
  files.forEach((f, i) =>
    fs.symlinkSync(f.path, path.join(docs, `${String(i).padStart(4, '0')}-${path.basename(f.path)}`)),
  );
  const core = await createCore({
    appVersion: 'bench',
    dataDir: path.join(work, 'data'),
    libraryDir: path.join(work, 'library'),
    resourcesDir: sourceResourcesDir(),
    ...(split.ortThreads ? { threads: split.ortThreads } : {}),
    ...(split.extractWorkers ? { extractWorkers: split.extractWorkers } : {}),
  });
  if (model) await core.handlers['settings.set']({ defaultModel: model });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  try {
    const { jobId } = await core.handlers['library.add']({ paths: [docs] });
    const summary = (await core.jobs.wait(jobId)) as IngestSummary;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      ...(await storedChunkTexts(path.join(work, 'library'))),
      ...(summary.budget ? { budget: summary.budget } : {}),
      name: 'Loci end to end (extract+chunk+embed+store)',
      files: files.length,
      pages: summary.pages,
      chars: 0,
      chunks: summary.chunks,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      statuses: {
        ok: summary.added + summary.updated,
        failed: summary.failed.length,
        skipped: summary.skipped.length,
      },
      peakRssMb: peakRss / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
    await core.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

interface EndToEnd extends StageMetrics {
  chunks: number;
  budget?: IngestBudget;
  /** Every stored chunk text, in document and chunk order (the embed-only baseline embeds them). */
  texts: string[];
  /** The model the library was embedded with (the baseline uses the same). */
  modelId: string;
}

/** The chunk texts a library stored, by document path and ordinal, and the model it used. */
async function storedChunkTexts(libraryDir: string): Promise<{ texts: string[]; modelId: string }> {
  const store = await LibraryStore.open(libraryDir, { readonly: true });
  try {
    const modelId = (await store.listModels())[0]?.id ?? 'use-lite';
    const texts: string[] = [];
    for (const doc of await store.listDocuments())
      texts.push(...(await store.getChunks(doc.id)).map((c) => c.text));
    return { texts, modelId };
  } finally {
    await store.close();
  }
}

/**
 * The baseline of the end-to-end run: the library's model embedding the same chunk texts alone, as
 * passages, in calls of 256 texts one after another (what ingest sends per step), with the same
 * ONNX Runtime threads. Every text is embedded, repeats included.
 */
async function runEmbedOnly(
  texts: string[],
  modelId: string,
  ortThreads?: number,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const registry = createModelRegistry({
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-embed-')),
    resourcesDir: sourceResourcesDir(),
    ...(ortThreads ? { threads: ortThreads } : {}),
  });
  try {
    const embedder = await registry.getEmbedder(modelId);
    await embedder.embed(texts.slice(0, 32), { purpose: 'passage' }); // warm-up, as ingest's first call
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < texts.length; i += 256)
      await embedder.embed(texts.slice(i, i + 256), { purpose: 'passage' });
    const cpu = process.cpuUsage(cpuBefore);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await registry.closeAll();
  }
}

/** The end-to-end budget: rates, where the wall time went, and the ratio to embed-only time. */
function printBudget(e2e: EndToEnd, embedOnly: { seconds: number; cpuSeconds: number }): void {
  const b = e2e.budget;
  console.log(
    `end to end: ${(e2e.pages / e2e.seconds).toFixed(1)} pages/s, ${(e2e.chunks / e2e.seconds).toFixed(1)} chunks/s ` +
      `(${e2e.pages} pages, ${e2e.chunks} chunks in ${e2e.seconds.toFixed(1)} s)`,
  );
  if (b) {
    const share = (ms: number) => `${((100 * ms) / b.wallMs).toFixed(0)}%`.padStart(4);
    console.log(
      `share of wall time each stage was running (stages overlap): extract ${share(b.stageMs.extract)}  ` +
        `chunk ${share(b.stageMs.chunk)}  embed ${share(b.stageMs.embed)}  write ${share(b.stageMs.write)}  ` +
        `index ${share(b.stageMs.index)}`,
    );
    console.log(
      '  (chunking runs in the extraction workers and counts as extract; chunk is main-thread chunking)',
    );
    console.log(
      `model: ${b.embeddedChunks} chunks embedded, ${b.reusedChunks} reused (identical text seen before, ` +
        `${((100 * b.reusedChunks) / Math.max(1, b.embeddedChunks + b.reusedChunks)).toFixed(1)}%)`,
    );
  }
  const ratio = e2e.seconds / embedOnly.seconds;
  console.log(
    `embed only (baseline, ${e2e.modelId}): ${e2e.texts.length} chunk texts in ${embedOnly.seconds.toFixed(1)} s, ` +
      `${(e2e.texts.length / embedOnly.seconds).toFixed(1)} chunks/s`,
  );
  console.log(
    `ratio end to end / embed only: ${ratio.toFixed(2)}x  goal <= 1.15x ${ratio <= 1.15 ? 'PASS' : 'FAIL'}`,
  );
  // What the cores allow: the whole job's CPU spread perfectly over every core cannot take less wall
  // time than CPU / cores, nor less than the model alone.
  const cores = os.availableParallelism();
  const floor = Math.max(embedOnly.seconds, (e2e.cpuSeconds ?? 0) / cores);
  console.log(
    `CPU: end to end ${(e2e.cpuSeconds ?? 0).toFixed(1)} s (all threads), embed only ${embedOnly.cpuSeconds.toFixed(1)} s; ` +
      `on ${cores} cores the end-to-end run cannot beat ${floor.toFixed(1)} s: ratio floor ${(floor / embedOnly.seconds).toFixed(2)}x`,
  );
}

function printStage(m: StageMetrics): void {
  const rate = (m.pages / m.seconds).toFixed(1);
  console.log(
    `${m.name.padEnd(36)} ${String(m.files).padStart(5)} files ${String(m.pages).padStart(7)} pages ` +
      `${m.seconds.toFixed(1).padStart(7)} s ${rate.padStart(8)} pages/s ${(m.chars / 1e6).toFixed(1).padStart(6)} M chars`,
  );
  const cpu =
    m.cpuSeconds === undefined
      ? ''
      : `cpu ${m.cpuSeconds.toFixed(1)} s (${(m.pages / m.cpuSeconds).toFixed(1)} pages/cpu-s)  `;
  console.log(`${''.padEnd(36)} ${cpu}${m.statuses ? `statuses ${JSON.stringify(m.statuses)}` : ''}`);
}

const { dir, workers, limit, sample, timeoutMs, ortThreads, extractWorkers, model } = parseArgs(
  process.argv.slice(2),
);
if (!fs.existsSync(dir)) {
  console.error(
    `bench:ingest: ${dir} not found. Install real PDFs: apt-get install -y texlive-latex-base-doc, or pass -- DIR`,
  );
  process.exit(2);
}
const all = await findPdfs(dir);
const sampled = sample ? sampleEvenly(all, sample) : undefined;
const files = sampled ? sampled.files : limit ? all.slice(0, limit) : all;
const bytes = files.reduce((n, f) => n + f.size, 0);
const picked = sampled ? ` (every ${sampled.step}th of ${all.length}, sorted by path)` : '';
console.log(`bench:ingest  ${files.length} PDFs${picked}, ${(bytes / 1e6).toFixed(1)} MB under ${dir}`);
console.log(
  `machine: ${os.availableParallelism()} cores, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// Warm the page cache so neither side pays for the first read from disk.
for (const f of files) fs.readFileSync(f.path);

if (!process.argv.includes('--only-e2e')) {
  const pdftotext = hasPdftotext();
  let baseline: StageMetrics | undefined;
  if (pdftotext) {
    baseline = await runPdftotext(files);
    printStage(baseline);
  } else {
    console.log('pdftotext NOT FOUND (apt-get install -y poppler-utils): baseline skipped, no ratio.');
  }
  const pool = await runPool(files, workers, timeoutMs);
  printStage(pool);

  const ratio = baseline ? pool.pages / pool.seconds / (baseline.pages / baseline.seconds) : undefined;
  console.log(
    `ratio (pool pages/s / pdftotext pages/s): ${ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}x`}  goal >= 0.8x ` +
      `${ratio === undefined ? '' : ratio >= 0.8 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (other processes compete for the cores)`,
  );
  console.log(
    `peak RSS during pool run: ${pool.peakRssMb!.toFixed(0)} MB  goal <= 1536 MB ${pool.peakRssMb! <= 1536 ? 'PASS' : 'FAIL'}`,
  );
}

if (!process.argv.includes('--no-e2e')) {
  console.log(
    `\n== end to end, ${ortThreads ?? 'default'} ONNX Runtime threads, ${extractWorkers ?? 'default'} extraction workers ==`,
  );
  const e2e = await runEndToEnd(
    files,
    {
      ...(ortThreads ? { ortThreads } : {}),
      ...(extractWorkers ? { extractWorkers } : {}),
    },
    model,
  );
  printStage(e2e);
  console.log(
    `peak RSS ${e2e.peakRssMb!.toFixed(0)} MB  goal <= 1536 MB ${e2e.peakRssMb! <= 1536 ? 'PASS' : 'FAIL'}`,
  );
  printBudget(e2e, await runEmbedOnly(e2e.texts, e2e.modelId, ortThreads));
}
