/**
 * OCR speed options, measured on the engine alone (pages pre-rendered by poppler, so only Tesseract's
 * time counts): which knob buys pages/s without losing accuracy on clean scans.
 *
 *   npm run bench:ocr-options -- [--pdf FILE] [--pages N] [--all] [--rounds N] [--only RE]
 *                                [--paired RE] [--base RE] [--stages]
 *
 * Every variant reads English with `@tesseract.js-data/eng`'s best_int unless it names another model
 * (Loci's default is now tessdata_fast: the "tessdata_fast (npm), 150 dpi" variant; compare it with
 * `--base '^150 dpi$' --paired 'tessdata_fast \(npm\), 150'`). `--stages` splits Tesseract's CPU time
 * into image hand-over, thresholding + layout and line recognition.
 *
 * Variants of tesseract.js (the engine Loci ships): render resolution 150 / 200 dpi, page segmentation
 * mode 3 (automatic, Loci's) / 6 (one uniform block), binarised input (threshold 128) instead of grey,
 * the `4.0.0` (standard) traineddata instead of `4.0.0_best_int`, Debian's `eng.traineddata`
 * (tessdata_fast, not on npm) when installed, and two Tesseract workers in parallel (the extraction pool
 * does that with two extraction workers). Baseline: Debian's native `tesseract` 5 CLI on the same
 * images (two processes in parallel, one thread each), when installed, the pdftoppm + tesseract pipeline
 * that OCRmyPDF-style tools use. CER and word recall as in bench/ocr.ts; pages/s is wall clock with the
 * listed parallelism; cpu s/page from the process's CPU time (the native baseline: its children's).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pageFromTsv } from '../src/main/core/ingest/extract/ocrEngine';
import { fastEnglishArchive, fastEnglishModel } from '../src/main/core/ingest/extract/ocrFastModel';
import { relaxedSimdAvailable } from './relaxedSimd';
import { tesseractWorkerUrl } from './tesseractLstmWorker';
import { cer, wordRecall } from './ocrMetrics';

const requireHere = createRequire(import.meta.url);
const run = (cmd: string, argv: string[]): string =>
  execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Page {
  truth: string;
  pgm: Record<number, string>;
}

function args(): {
  pdf: string;
  pages: number;
  all: boolean;
  rounds: number;
  only?: RegExp;
  paired?: RegExp;
  base?: RegExp;
  stages: boolean;
} {
  const a = process.argv.slice(2).filter((x) => x !== '--');
  const out: {
    pdf: string;
    pages: number;
    all: boolean;
    rounds: number;
    only?: RegExp;
    paired?: RegExp;
    base?: RegExp;
    stages: boolean;
  } = {
    pdf: '/usr/share/doc/texlive-doc/bibtex/base/btxdoc.pdf',
    pages: 8,
    all: false,
    rounds: 2,
    stages: false,
  };
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--pdf') out.pdf = a[++i]!;
    else if (a[i] === '--pages') out.pages = Number(a[++i]);
    else if (a[i] === '--all') out.all = true;
    else if (a[i] === '--rounds') out.rounds = Number(a[++i]);
    else if (a[i] === '--paired') out.paired = new RegExp(a[++i]!, 'i');
    else if (a[i] === '--only') out.only = new RegExp(a[++i]!, 'i');
    else if (a[i] === '--base') out.base = new RegExp(a[++i]!, 'i');
    else if (a[i] === '--stages') out.stages = true;
    else throw new Error(`unknown argument ${a[i]}`);
  }
  return out;
}

function makePages(pdf: string, wanted: number, dir: string): Page[] {
  const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1] ?? 0);
  const pages: Page[] = [];
  for (let p = 1; p <= count && pages.length < wanted; p++) {
    const truth = run('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-']);
    if (truth.replace(/\s/g, '').length < 800) continue;
    const pgm: Record<number, string> = {};
    for (const dpi of [150, 200]) {
      const stem = path.join(dir, `p${p}-${dpi}`);
      run('pdftoppm', [
        '-f',
        String(p),
        '-l',
        String(p),
        '-r',
        String(dpi),
        '-gray',
        '-singlefile',
        pdf,
        stem,
      ]);
      pgm[dpi] = `${stem}.pgm`;
    }
    pages.push({ truth, pgm });
  }
  return pages;
}

/** A binary PGM thresholded at 128 (what a scanner's "black and white" mode gives). */
function binarise(file: string): Buffer {
  const data = fs.readFileSync(file);
  const header = /^P5\s+\d+\s+\d+\s+\d+\s/.exec(data.toString('latin1', 0, 64))![0].length;
  const out = Buffer.from(data);
  for (let i = header; i < out.length; i++) out[i] = out[i]! < 128 ? 0 : 255;
  return out;
}

function size(file: string): { width: number; height: number } {
  const m = /^P5\s+(\d+)\s+(\d+)/.exec(fs.readFileSync(file).toString('latin1', 0, 64))!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

interface Variant {
  name: string;
  dpi: 150 | 200;
  psm?: string;
  binarise?: boolean;
  /** traineddata (uncompressed) to load instead of the npm best_int pack. */
  data?: () => Buffer;
  workers: number;
  /** Tesseract's relaxed-SIMD WebAssembly build (Node 20 needs V8's flag; see ocrEngine.ts). */
  relaxedSimd?: boolean;
  /** Parameters set after initialisation (`worker.setParameters`). */
  params?: Record<string, string>;
  /** Parameters Tesseract reads only at initialisation (the dictionaries). */
  initConfig?: Record<string, string>;
  /**
   * tesseract.js's worker with the LSTM-only core (bench/tesseractLstmWorker.ts).
   * Otherwise tesseract.js's stock Node worker, which always loads the full (legacy + LSTM) build.
   */
  lstmCore?: boolean;
  /** Tesseract's engine mode: 0 legacy only, 1 LSTM only (Loci's), 2 both. Default 1. */
  oem?: 0 | 1 | 2;
}

/**
 * tessdata_fast's English model: from the npm package Loci reads it from (ocrFastModel.ts), else
 * Debian's `tesseract-ocr-eng` (the same bytes) when installed.
 */
function tessdataFast(): { from: string; read: () => Buffer } | null {
  if (fastEnglishArchive()) return { from: 'npm', read: () => fastEnglishModel() };
  const debian = '/usr/share/tesseract-ocr/5/tessdata/eng.traineddata';
  return fs.existsSync(debian) ? { from: 'Debian', read: () => fs.readFileSync(debian) } : null;
}

interface TesseractWorker {
  recognize(image: Buffer, o: object, out: object): Promise<{ data: { tsv: string | null } }>;
  setParameters(p: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

let dataDirCount = 0;

/** Switches V8's relaxed SIMD on or off before a worker starts (the worker thread detects it). */
function setRelaxedSimd(on: boolean): void {
  if (relaxedSimdShipped) return;
  v8.setFlagsFromString(on ? '--experimental-wasm-relaxed-simd' : '--no-experimental-wasm-relaxed-simd');
}
const relaxedSimdShipped = relaxedSimdAvailable();

async function startWorker(v: Variant, tmp: string): Promise<TesseractWorker> {
  const { createWorker, OEM } = (await import('tesseract.js')).default;
  setRelaxedSimd(v.relaxedSimd === true);
  let langPath = path.join(
    path.dirname(requireHere.resolve('@tesseract.js-data/eng/package.json')),
    '4.0.0_best_int',
  );
  if (v.data) {
    // Another traineddata: laid out as tesseract.js expects a local langPath (uncompressed here).
    langPath = path.join(tmp, `data-${dataDirCount++}`);
    fs.mkdirSync(langPath);
    fs.writeFileSync(path.join(langPath, 'eng.traineddata'), v.data());
  }
  const worker = (await createWorker(
    'eng',
    v.oem ?? OEM.LSTM_ONLY,
    {
      langPath,
      cacheMethod: 'none',
      gzip: !v.data,
      workerPath: v.lstmCore
        ? (tesseractWorkerUrl() as unknown as string)
        : path.join(
            path.dirname(requireHere.resolve('tesseract.js/package.json')),
            'src/worker-script/node/index.js',
          ),
      logger: () => undefined,
      errorHandler: () => undefined,
    },
    v.initConfig ?? {},
  )) as unknown as TesseractWorker;
  const params = { ...v.params, ...(v.psm ? { tessedit_pageseg_mode: v.psm } : {}) };
  if (Object.keys(params).length) await worker.setParameters(params);
  return worker;
}

interface Result {
  name: string;
  /** Seconds from createWorker to a ready worker (paid once per worker, not per page). */
  startSeconds?: number;
  cer: number;
  recall: number;
  pagesPerSecond: number;
  cpuPerPage: number;
}

async function measureVariant(v: Variant, pages: Page[], tmp: string): Promise<Result> {
  const s0 = performance.now();
  const workers = await Promise.all(Array.from({ length: v.workers }, () => startWorker(v, tmp)));
  const startSeconds = (performance.now() - s0) / 1000;
  const image = (p: Page) => (v.binarise ? binarise(p.pgm[v.dpi]!) : fs.readFileSync(p.pgm[v.dpi]!));
  // Warm-up: the first recognition of a worker pays for its start.
  await Promise.all(workers.map((w) => w.recognize(image(pages[0]!), {}, { text: false, tsv: true })));
  const texts: string[] = new Array(pages.length);
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    workers.map(async (w) => {
      while (next < pages.length) {
        const i = next++;
        const { data } = await w.recognize(
          image(pages[i]!),
          {},
          { text: false, tsv: true, blocks: false, hocr: false },
        );
        texts[i] = pageFromTsv(data.tsv ?? '', size(pages[i]!.pgm[v.dpi]!)).text;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await Promise.all(workers.map((w) => w.terminate()));
  return {
    name: v.name,
    startSeconds,
    cer: mean(pages.map((p, i) => cer(texts[i]!, p.truth))),
    recall: mean(pages.map((p, i) => wordRecall(texts[i]!, p.truth))),
    pagesPerSecond: pages.length / seconds,
    cpuPerPage: (cpu.user + cpu.system) / 1e6 / pages.length,
  };
}

/**
 * Variants measured side by side: one worker each, the same page given to each in turn (the order
 * alternating page by page), CPU time taken around each single recognition (only one worker runs at a
 * time). On a machine whose load swings, both sides then see the same load.
 */
async function measurePaired(vs: Variant[], pages: Page[], tmp: string): Promise<Result[]> {
  const workers: TesseractWorker[] = [];
  for (const v of vs) workers.push(await startWorker(v, tmp));
  const image = (v: Variant, p: Page) => fs.readFileSync(p.pgm[v.dpi]!);
  const output = { text: false, tsv: true, blocks: false, hocr: false };
  for (const [i, v] of vs.entries()) await workers[i]!.recognize(image(v, pages[0]!), {}, output);
  const cpu = vs.map(() => 0);
  const texts = vs.map(() => new Array<string>(pages.length));
  for (const [p, page] of pages.entries()) {
    const order = vs.map((_, i) => i);
    if (p % 2) order.reverse();
    for (const i of order) {
      const v = vs[i]!;
      const input = image(v, page);
      const c0 = process.cpuUsage();
      const { data } = await workers[i]!.recognize(input, {}, output);
      const c = process.cpuUsage(c0);
      cpu[i]! += (c.user + c.system) / 1e6;
      texts[i]![p] = pageFromTsv(data.tsv ?? '', size(page.pgm[v.dpi]!)).text;
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));
  return vs.map((v, i) => ({
    name: `paired: ${v.name}`,
    cer: mean(pages.map((p, j) => cer(texts[i]![j]!, p.truth))),
    recall: mean(pages.map((p, j) => wordRecall(texts[i]![j]!, p.truth))),
    pagesPerSecond: NaN,
    cpuPerPage: cpu[i]! / pages.length,
  }));
}

/**
 * Where Tesseract's time goes, per page: the same page recognised three times by one worker, asking
 * for more each time. tesseract.js skips recognition when no output needs it, so (a) is only the hand-over
 * and image decoding (`SetImageFile`), (b) adds thresholding and layout analysis (`AnalyseLayout`, asked
 * for by `layoutBlocks`), (c) is Loci's call (TSV: recognition of every line too). Shares are the
 * differences of their CPU times.
 */
async function measureStages(v: Variant, pages: Page[], tmp: string): Promise<void> {
  const worker = await startWorker(v, tmp);
  const none = { text: false, tsv: false, blocks: false, hocr: false };
  const outputs = [none, { ...none, layoutBlocks: true }, { ...none, tsv: true }];
  await worker.recognize(fs.readFileSync(pages[0]!.pgm[v.dpi]!), {}, outputs[2]!);
  const cpu = outputs.map(() => 0);
  for (const page of pages) {
    const input = fs.readFileSync(page.pgm[v.dpi]!);
    for (const [i, output] of outputs.entries()) {
      const c0 = process.cpuUsage();
      await worker.recognize(input, {}, output);
      const c = process.cpuUsage(c0);
      cpu[i]! += (c.user + c.system) / 1e6 / pages.length;
    }
  }
  await worker.terminate();
  const [image, layout, all] = cpu as [number, number, number];
  const share = (x: number) => `${x.toFixed(2)} s (${((100 * x) / all).toFixed(0)}%)`;
  console.log(
    `stages: ${v.name} | cpu ${all.toFixed(2)} s/page = image hand-over + decode ${share(image)}` +
      ` + threshold + layout ${share(layout - image)} + line recognition ${share(all - layout)}`,
  );
}

/** Debian's native tesseract on the same images: two single-threaded processes at a time. */
async function nativeBaseline(pages: Page[], dpi: 150 | 200): Promise<Result | null> {
  try {
    run('tesseract', ['--version']);
  } catch {
    return null;
  }
  const one = (file: string) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn('tesseract', [file, '-', '--psm', '3', '-l', 'eng'], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
  const before = readChildrenCpu();
  const texts: string[] = new Array(pages.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    [0, 1].map(async () => {
      while (next < pages.length) {
        const i = next++;
        texts[i] = await one(pages[i]!.pgm[dpi]!);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = readChildrenCpu() - before;
  return {
    name: `native tesseract 5.3 CLI, ${dpi} dpi, 2 processes`,
    cer: mean(pages.map((p, i) => cer(texts[i]!, p.truth))),
    recall: mean(pages.map((p, i) => wordRecall(texts[i]!, p.truth))),
    pagesPerSecond: pages.length / seconds,
    cpuPerPage: cpu / pages.length,
  };
}

/** CPU seconds of this process's waited-for children (from /proc/self/stat: cutime + cstime). */
function readChildrenCpu(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function print(r: Result, base?: Result): void {
  console.log(
    [
      r.name.padEnd(52),
      `CER ${(r.cer * 100).toFixed(2)}%`,
      `recall ${(r.recall * 100).toFixed(1)}%`,
      ...(Number.isNaN(r.pagesPerSecond) ? [] : [`${r.pagesPerSecond.toFixed(2)} pages/s`]),
      `cpu ${r.cpuPerPage.toFixed(2)} s/page`,
      ...(r.startSeconds !== undefined ? [`start ${r.startSeconds.toFixed(2)} s`] : []),
      ...(base ? [`x${(base.cpuPerPage / r.cpuPerPage).toFixed(2)} vs baseline (cpu)`] : []),
    ].join(' | '),
  );
}

async function main(): Promise<void> {
  const { pdf, pages: wanted, all, rounds, only, paired, base: baseArg, stages } = args();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-ocr-options-'));
  try {
    const pages = makePages(pdf, wanted, dir);
    console.log(
      `${pages.length} pages of ${pdf}; ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const standard = path.join(
      path.dirname(requireHere.resolve('@tesseract.js-data/eng/package.json')),
      '4.0.0/eng.traineddata.gz',
    );
    const debianFast = '/usr/share/tesseract-ocr/5/tessdata/eng.traineddata';
    const fastData = tessdataFast();
    const noInvert = { tessedit_do_invert: '0' };
    const noDawgs = { load_system_dawg: '0', load_freq_dawg: '0' };
    const variants: (Variant & { extra?: boolean })[] = [
      { name: 'baseline: SIMD build, best_int, 200 dpi, psm 3', dpi: 200, workers: 1 },
      { name: 'relaxed-SIMD build', dpi: 200, workers: 1, relaxedSimd: true },
      { name: 'tessedit_do_invert=0', dpi: 200, workers: 1, params: noInvert },
      { name: 'dictionaries off', dpi: 200, workers: 1, initConfig: noDawgs },
      { name: '150 dpi', dpi: 150, workers: 1 },
      { name: 'relaxed + no invert', dpi: 200, workers: 1, relaxedSimd: true, params: noInvert },
      {
        name: 'relaxed + no invert, 150 dpi',
        dpi: 150,
        workers: 1,
        relaxedSimd: true,
        params: noInvert,
      },
      {
        name: 'relaxed + no invert + no dictionaries',
        dpi: 200,
        workers: 1,
        relaxedSimd: true,
        params: noInvert,
        initConfig: noDawgs,
      },
      {
        name: 'relaxed + no invert + no dictionaries, 150 dpi',
        dpi: 150,
        workers: 1,
        relaxedSimd: true,
        params: noInvert,
        initConfig: noDawgs,
      },
      { name: 'LSTM-only SIMD build', dpi: 200, workers: 1, lstmCore: true },
      { name: 'LSTM-only SIMD build, 150 dpi', dpi: 150, workers: 1, lstmCore: true },
      {
        name: 'LSTM-only relaxed-SIMD build',
        dpi: 200,
        workers: 1,
        relaxedSimd: true,
        lstmCore: true,
      },
      {
        name: 'table detection off',
        dpi: 200,
        workers: 1,
        params: { textord_tabfind_find_tables: '0' },
      },
      {
        name: 'no invert + no dictionaries + no tables',
        dpi: 200,
        workers: 1,
        relaxedSimd: true,
        params: { ...noInvert, textord_tabfind_find_tables: '0' },
        initConfig: noDawgs,
      },
      {
        name: 'no invert + no dictionaries + no tables, 150 dpi',
        dpi: 150,
        workers: 1,
        relaxedSimd: true,
        params: { ...noInvert, textord_tabfind_find_tables: '0' },
        initConfig: noDawgs,
      },
      // The legacy engine and the smaller LSTM model (measure with --paired / --only).
      {
        name: 'legacy engine (OEM 0), standard 4.0.0 data, 150 dpi',
        dpi: 150,
        oem: 0,
        data: () => gunzipSync(fs.readFileSync(standard)),
        workers: 1,
        extra: true,
      },
      {
        name: 'legacy engine (OEM 0), standard 4.0.0 data',
        dpi: 200,
        oem: 0,
        data: () => gunzipSync(fs.readFileSync(standard)),
        workers: 1,
        extra: true,
      },
      {
        name: 'LSTM + legacy (OEM 2), standard 4.0.0 data, 150 dpi',
        dpi: 150,
        oem: 2,
        data: () => gunzipSync(fs.readFileSync(standard)),
        workers: 1,
        extra: true,
      },
      {
        name: 'standard 4.0.0 data (LSTM), 150 dpi',
        dpi: 150,
        data: () => gunzipSync(fs.readFileSync(standard)),
        workers: 1,
        extra: true,
      },
      ...(fastData
        ? [
            {
              name: `tessdata_fast (${fastData.from}), 150 dpi`,
              dpi: 150 as const,
              data: fastData.read,
              workers: 1,
              extra: true,
            },
            {
              name: `tessdata_fast (${fastData.from}), 150 dpi, dictionaries off`,
              dpi: 150 as const,
              data: fastData.read,
              initConfig: noDawgs,
              workers: 1,
              extra: true,
            },
            {
              name: `tessdata_fast (${fastData.from}), 150 dpi, lean`,
              dpi: 150 as const,
              data: fastData.read,
              params: {
                ...noInvert,
                textord_tabfind_find_tables: '0',
                tessedit_fix_fuzzy_spaces: '0',
                tessedit_enable_doc_dict: '0',
              },
              workers: 1,
              extra: true,
            },
            ...Object.entries({
              tessedit_do_invert: '0',
              textord_tabfind_find_tables: '0',
              tessedit_fix_fuzzy_spaces: '0',
              tessedit_enable_doc_dict: '0',
            }).map(([key, value]) => ({
              name: `tessdata_fast (${fastData.from}), 150 dpi, ${key}=${value}`,
              dpi: 150 as const,
              data: fastData.read,
              params: { [key]: value },
              workers: 1,
              extra: true,
            })),
            {
              name: `tessdata_fast (${fastData.from}), 200 dpi`,
              dpi: 200 as const,
              data: fastData.read,
              workers: 1,
              extra: true,
            },
          ]
        : []),
      { name: 'psm 4 (one column), 150 dpi', dpi: 150, psm: '4', workers: 1, extra: true },
      // Measured before (see src/main/core/ingest/README.md); run with --all.
      { name: 'psm 6 (one block)', dpi: 200, psm: '6', workers: 1, extra: true },
      { name: 'binarised input', dpi: 200, binarise: true, workers: 1, extra: true },
      {
        name: 'standard 4.0.0 traineddata',
        dpi: 200,
        data: () => gunzipSync(fs.readFileSync(standard)),
        workers: 1,
        extra: true,
      },
      ...(fs.existsSync(debianFast)
        ? [
            {
              name: "Debian's tessdata_fast (not on npm)",
              dpi: 200 as const,
              data: () => fs.readFileSync(debianFast),
              workers: 1,
              extra: true,
            },
          ]
        : []),
      { name: '2 workers in parallel', dpi: 200, workers: 2, extra: true },
      {
        name: 'relaxed + no invert, 2 workers in parallel',
        dpi: 200,
        workers: 2,
        relaxedSimd: true,
        params: noInvert,
        extra: true,
      },
    ];
    console.log(
      relaxedSimdShipped
        ? 'relaxed SIMD is shipped by this V8: every variant runs the relaxed-SIMD build'
        : `V8 ${process.versions.v8}: relaxed SIMD behind --experimental-wasm-relaxed-simd, set per variant`,
    );
    const baseline = (baseArg && variants.find((v) => baseArg.test(v.name))) || variants[0]!;
    if (stages) {
      for (const v of variants.filter((v) => v === baseline || paired?.test(v.name)))
        await measureStages(v, pages, dir);
      return;
    }
    if (paired) {
      // The baseline and the variants named by --paired, page by page in turn (see measurePaired).
      const vs = [baseline, ...variants.filter((v) => v !== baseline && paired.test(v.name))];
      const results = await measurePaired(vs, pages, dir);
      for (const r of results) print(r, results[0]);
      return;
    }
    // Rounds, each running every variant once, in turn: the machine's load changes over minutes, and
    // CPU time per page grows with it (shared caches, hyper-threads), so a variant measured only
    // after the baseline would look worse than it is. Each variant keeps its cheapest round.
    const chosen = variants.filter(
      (v) => (all || !v.extra) && (!only || only.test(v.name) || v === variants[0]),
    );
    const best = new Map<Variant, Result>();
    for (let round = 1; round <= rounds; round++) {
      for (const v of chosen) {
        const r = await measureVariant(v, pages, dir);
        print({ ...r, name: `  round ${round}: ${r.name}` });
        const kept = best.get(v);
        if (!kept || r.cpuPerPage < kept.cpuPerPage) best.set(v, r);
      }
      console.log(`round ${round} of ${rounds} done, load ${os.loadavg()[0]!.toFixed(1)}`);
    }
    console.log('cheapest round of each:');
    const base = best.get(chosen[0]!)!;
    for (const v of chosen) print(best.get(v)!, base);
    const native = all || only?.test('native') ? await nativeBaseline(pages, 200) : null;
    if (native) print(native, base);
    else if (all)
      console.log('native tesseract: not installed (apt-get install tesseract-ocr) — no baseline');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
