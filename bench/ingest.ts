/**
 * Ingest benchmark: PDF text extraction through Loci's worker pool against poppler's `pdftotext` run
 * one file at a time, on the same files, in the same run.
 *
 *   node bin/run-ts.mjs bench/ingest.ts -- DIR [--workers N] [--limit N] [--timeout-ms N]
 *
 * DIR defaults to /usr/share/doc/texlive-doc (Debian's texlive-*-doc packages: hundreds of real PDFs).
 * Reports pages/s of both, their ratio (goal >= 0.8x) and the process's peak RSS during the pool run
 * (goal <= 1.5 GB). Stages are separate functions returning metrics, so the end-to-end stage (chunk,
 * embed, store) can be added next to them.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestSummary } from '../src/shared/api/methods/library';
import { createCore } from '../src/main/core/createCore';
import { sourceResourcesDir } from '../src/main/core/config';
import { createExtractPool } from '../src/main/core/ingest/extractPool';
import type { ExtractStatus, SourceFile } from '../src/main/core/ingest/types';
import { walkSources } from '../src/main/core/ingest/walkSources';

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

function parseArgs(argv: string[]): { dir: string; workers?: number; limit?: number; timeoutMs?: number } {
  const args = argv.filter((a) => a !== '--');
  const out: { dir: string; workers?: number; limit?: number; timeoutMs?: number } = {
    dir: '/usr/share/doc/texlive-doc',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--workers') out.workers = Number(args[++i]);
    else if (a === '--limit') out.limit = Number(args[++i]);
    else if (a === '--timeout-ms') out.timeoutMs = Number(args[++i]);
    else out.dir = a;
  }
  return out;
}

async function findPdfs(dir: string, limit?: number): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for await (const entry of walkSources([dir])) {
    if (entry.type === 'file' && entry.file.kind === 'pdf') files.push(entry.file);
  }
  files.sort((a, b) => a.path.localeCompare(b.path));
  return limit ? files.slice(0, limit) : files;
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
async function runEndToEnd(files: SourceFile[]): Promise<StageMetrics & { chunks: number }> {
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
  });
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

const { dir, workers, limit, timeoutMs } = parseArgs(process.argv.slice(2));
if (!fs.existsSync(dir)) {
  console.error(
    `bench:ingest: ${dir} not found. Install real PDFs: apt-get install -y texlive-latex-base-doc, or pass -- DIR`,
  );
  process.exit(2);
}
const files = await findPdfs(dir, limit);
const bytes = files.reduce((n, f) => n + f.size, 0);
console.log(`bench:ingest  ${files.length} PDFs, ${(bytes / 1e6).toFixed(1)} MB under ${dir}`);
console.log(
  `machine: ${os.availableParallelism()} cores, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
// Warm the page cache so neither side pays for the first read from disk.
for (const f of files) fs.readFileSync(f.path);

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

if (!process.argv.includes('--no-e2e')) {
  const e2e = await runEndToEnd(files);
  printStage(e2e);
  console.log(
    `end to end: ${(e2e.pages / e2e.seconds).toFixed(1)} pages/s, ${(e2e.chunks / e2e.seconds).toFixed(1)} chunks/s ` +
      `(${e2e.chunks} chunks), peak RSS ${e2e.peakRssMb!.toFixed(0)} MB  goal <= 1536 MB ${e2e.peakRssMb! <= 1536 ? 'PASS' : 'FAIL'}`,
  );
}
