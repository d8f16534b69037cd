/**
 * OCR benchmark: how well and how fast scanned pages become text, per engine and resolution, and
 * whether text PDFs still extract as fast as before.
 *
 *   npm run bench:ocr -- [--pdf FILE] [--pages N] [--workers N] [--configs 200/200,200/150]
 *                        [--models fast,best] [--paddle DIR] [--paddle-pages N] [--no-stages]
 *
 * The scanned set is made here: pages of a born-digital PDF (default: BibTeX's manual from Debian's
 * texlive-doc, prose and some code) are rasterised with poppler's `pdftoppm` (greyscale) at 150, 200 and
 * 300 dpi and wrapped by `img2pdf` as image-only PDFs. Ground truth is `pdftotext` of the original page.
 * Each configuration "scan dpi / render dpi" runs through Loci's real path (extraction worker pool,
 * pdf.js render onto @napi-rs/canvas, tesseract.js). CER = edit distance / ground-truth characters after
 * normalising whitespace, quotes, ligatures and line-end hyphens; word recall = share of ground-truth
 * words (lower case, punctuation trimmed) found in the OCR text.
 *
 * PaddleOCR (@gutenye/ocr-node, PP-OCRv4 ONNX models) is not a Loci dependency; pass `--paddle DIR`, a
 * folder where it is installed (`npm install --ignore-scripts @gutenye/ocr-node` works offline), to
 * measure it on the same page images.
 *
 * pages/s is wall clock with `--workers` (default 2) workers; "cpu s/page" is CPU time per page over all
 * threads, which a busy machine distorts less. Peak RSS is the whole process's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { disableOrtTelemetry } from '../src/main/core/embed/ortTelemetry';
import { extractPdf, pdfLoadOptions } from '../src/main/core/ingest/extract/extractPdf';
import { dropWorker, recognizeImage } from '../src/main/core/ingest/extract/ocrEngine';
import { loadPdfjs } from '../src/main/core/ingest/extract/pdfjsLoader';
import { fullPageScan } from '../src/main/core/ingest/extract/scanImage';
import { pageImageCoverage, renderPageRgba, rgbaToPgm } from '../src/main/core/ingest/extract/renderPdfPage';
import { createExtractPool } from '../src/main/core/ingest/extractPool';
import { DEFAULT_OCR_OPTIONS, type OcrOptions } from '../src/main/core/ingest/types';
import { cer, wordRecall } from './ocrMetrics';

interface Args {
  pdf: string;
  pages: number;
  workers: number;
  paddle?: string;
  paddlePages: number;
  /** Only these "scan/render" dpi pairs (e.g. `200/200,200/150`); default all. */
  configs?: string[];
  /** English models to measure, each its own rows (default: Loci's default only). */
  models: Array<OcrOptions['englishModel']>;
  /** Print the per-stage CPU breakdown of one page (default on; `--no-stages` skips it). */
  stages: boolean;
}

function parseArgs(argv: string[]): Args {
  const args = argv.filter((a) => a !== '--');
  const out: Args = {
    pdf: '/usr/share/doc/texlive-doc/bibtex/base/btxdoc.pdf',
    pages: 20,
    workers: 2,
    paddlePages: 4,
    stages: true,
    models: [DEFAULT_OCR_OPTIONS.englishModel],
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--pdf') out.pdf = args[++i]!;
    else if (a === '--pages') out.pages = Number(args[++i]);
    else if (a === '--workers') out.workers = Number(args[++i]);
    else if (a === '--paddle') out.paddle = args[++i]!;
    else if (a === '--paddle-pages') out.paddlePages = Number(args[++i]);
    else if (a === '--configs') out.configs = args[++i]!.split(',');
    else if (a === '--no-stages') out.stages = false;
    else if (a === '--models') out.models = args[++i]!.split(',') as Args['models'];
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const run = (cmd: string, argv: string[]): string =>
  execFileSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Page numbers with at least 800 characters of text (prose pages, not title or blank pages). */
function pickPages(pdf: string, wanted: number): Array<{ page: number; truth: string }> {
  const count = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1] ?? 0);
  const picked: Array<{ page: number; truth: string }> = [];
  for (let p = 1; p <= count && picked.length < wanted; p++) {
    const truth = run('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-']);
    if (truth.replace(/\s/g, '').length >= 800) picked.push({ page: p, truth });
  }
  return picked;
}

/** Rasterises a page at `dpi` (greyscale PNG) and wraps it as an image-only PDF; returns both paths. */
function scanPage(pdf: string, page: number, dpi: number, dir: string): { png: string; scanned: string } {
  const stem = path.join(dir, `p${page}-${dpi}`);
  run('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-r',
    String(dpi),
    '-gray',
    '-png',
    '-singlefile',
    pdf,
    stem,
  ]);
  run('img2pdf', [`${stem}.png`, '-o', `${stem}.pdf`]);
  return { png: `${stem}.png`, scanned: `${stem}.pdf` };
}

interface Row {
  engine: string;
  scanDpi: number;
  renderDpi: number | string;
  pages: number;
  cer: number;
  recall: number;
  pagesPerSecond: number;
  cpuPerPage: number;
  peakRssMb: number;
  confidence?: number;
}

async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; seconds: number; cpu: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    const value = await fn();
    const cpu = process.cpuUsage(cpu0);
    return {
      value,
      seconds: (performance.now() - t0) / 1000,
      cpu: (cpu.user + cpu.system) / 1e6,
      peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
  }
}

async function tesseractRow(
  set: Array<{ truth: string; scanned: string }>,
  scanDpi: number,
  renderDpi: number,
  workers: number,
  englishModel: OcrOptions['englishModel'],
): Promise<Row> {
  const pool = createExtractPool({
    workers,
    timeoutMs: 600_000,
    limits: { ocr: { ...DEFAULT_OCR_OPTIONS, dpi: renderDpi, pageTimeoutMs: 120_000, englishModel } },
  });
  // Worker start-up (pdf.js, Tesseract's model) is paid once per worker, not per page: warm up first.
  await Promise.all(Array.from({ length: workers }, () => pool.extract({ path: set[0]!.scanned })));
  const m = await measure(() => Promise.all(set.map((s) => pool.extract({ path: s.scanned }))));
  await pool.close();
  const texts = m.value.map((r) => r.pages.map((p) => p.text).join('\n'));
  const conf = m.value.map((r) => r.ocr?.confidence ?? 0);
  return {
    engine: `tesseract.js ${englishModel}`,
    scanDpi,
    renderDpi,
    pages: set.length,
    cer: mean(set.map((s, i) => cer(texts[i]!, s.truth))),
    recall: mean(set.map((s, i) => wordRecall(texts[i]!, s.truth))),
    pagesPerSecond: set.length / m.seconds,
    cpuPerPage: m.cpu / set.length,
    peakRssMb: m.peakRssMb,
    confidence: mean(conf),
  };
}

async function paddleRow(dir: string, set: Array<{ truth: string; png: string }>, dpi: number): Promise<Row> {
  const entry = path.join(dir, 'node_modules/@gutenye/ocr-node/build/index.js');
  // That package loads its own onnxruntime-node, outside loadOrt.ts: turn ORT's telemetry off first.
  disableOrtTelemetry();
  const Ocr = ((await import(entry)) as { default: { create(): Promise<PaddleOcr> } }).default;
  const ocr = await Ocr.create();
  await ocr.detect(set[0]!.png);
  const m = await measure(async () => {
    const out: string[] = [];
    for (const s of set) out.push((await ocr.detect(s.png)).map((l) => l.text).join('\n'));
    return out;
  });
  return {
    engine: 'PaddleOCR v4 (onnx)',
    scanDpi: dpi,
    renderDpi: 'png',
    pages: set.length,
    cer: mean(set.map((s, i) => cer(m.value[i]!, s.truth))),
    recall: mean(set.map((s, i) => wordRecall(m.value[i]!, s.truth))),
    pagesPerSecond: set.length / m.seconds,
    cpuPerPage: m.cpu / set.length,
    peakRssMb: m.peakRssMb,
  };
}
interface PaddleOcr {
  detect(image: string): Promise<Array<{ text: string }>>;
}

/**
 * Where the CPU time of one scanned page goes in Loci's path, stage by stage, run in this thread one
 * page at a time (the extraction worker does the same calls): pdf.js opening the file and reading the
 * page's (empty) text layer; the operator list, which decodes the page's image (the OCR check's image
 * coverage needs it); then the page image for Tesseract made two ways, each read by Tesseract (hand-over,
 * thresholding, layout, recognition; bench:ocr-options --stages splits it further):
 * - painted: pdf.js paints the page at the render resolution, the canvas is read back as RGBA and
 *   turned into a grey PGM (`renderPageForOcr`, what every page that is not a plain scan gets);
 * - direct: the decoded scan turned grey and scaled down by area averaging (`fullPageScan`, plain scans).
 */
async function stageBreakdown(
  set: Array<{ scanned: string; truth: string }>,
  renderDpi: number,
  englishModel: OcrOptions['englishModel'],
): Promise<string[]> {
  const pdfjs = await loadPdfjs();
  const names = [
    'open + text layer',
    'operator list + image decode',
    'paint + read back',
    'grey PGM',
    'Tesseract (painted)',
    'direct scan image',
    'Tesseract (direct)',
  ] as const;
  const cpu = names.map(() => 0);
  const timed = async <T>(i: number, fn: () => Promise<T> | T): Promise<T> => {
    const c0 = process.cpuUsage();
    const value = await fn();
    const c = process.cpuUsage(c0);
    cpu[i]! += (c.user + c.system) / 1e6;
    return value;
  };
  const options = { ...DEFAULT_OCR_OPTIONS, pageTimeoutMs: 120_000, englishModel };
  const cers: [number[], number[]] = [[], []];
  let direct = 0;
  // Warm-up: Tesseract's start (model load) is paid once per worker, not per page.
  for (const [round, s] of [set[0]!, ...set].entries()) {
    const mark = cpu.slice();
    const page = await timed(0, async () => {
      const doc = await pdfjs.getDocument({
        data: new Uint8Array(fs.readFileSync(s.scanned)),
        ...pdfLoadOptions(),
      }).promise;
      const p = await doc.getPage(1);
      await p.getTextContent();
      return p;
    });
    await timed(1, () => pageImageCoverage(page));
    const { rgba, width, height } = await timed(2, () => renderPageRgba(page, renderDpi));
    const image = await timed(3, () => rgbaToPgm(rgba, width, height));
    const painted = await timed(4, () => recognizeImage(image, { width, height }, options));
    const scan = await timed(5, () => fullPageScan(page, renderDpi));
    if (round === 0) {
      cpu.splice(0, cpu.length, ...mark);
      continue;
    }
    cers[0].push(cer(painted.text, s.truth));
    if (!scan) continue;
    direct++;
    const read = await timed(6, () => recognizeImage(scan.image, scan, options));
    cers[1].push(cer(read.text, s.truth));
  }
  await dropWorker();
  const n = set.length;
  const part = (i: number, total: number, count = n) =>
    `${names[i]} ${(cpu[i]! / count).toFixed(2)} s (${((100 * cpu[i]!) / count / total).toFixed(0)}%)`;
  const shared = (cpu[0]! + cpu[1]!) / n;
  const paintedTotal = shared + (cpu[2]! + cpu[3]! + cpu[4]!) / n;
  const directTotal = shared + (cpu[5]! + cpu[6]!) / Math.max(1, direct);
  const head = `stages, ${englishModel} model, 200-dpi scans at ${renderDpi} dpi (one thread, ${n} pages)`;
  return [
    `${head}, painted: cpu ${paintedTotal.toFixed(2)} s/page = ` +
      [0, 1, 2, 3, 4].map((i) => part(i, paintedTotal)).join(' + ') +
      ` | CER ${pct(mean(cers[0]))}`,
    direct
      ? `${head}, direct (${direct} of ${n} pages plain scans): cpu ${directTotal.toFixed(2)} s/page = ` +
        [
          part(0, directTotal),
          part(1, directTotal),
          part(5, directTotal, direct),
          part(6, directTotal, direct),
        ].join(' + ') +
        ` | CER ${pct(mean(cers[1]))} | x${(paintedTotal / directTotal).toFixed(2)} vs painted (cpu)`
      : `${head}, direct: no page was a plain scan`,
  ];
}

/** Text PDFs with and without the OCR check, alternated in-process (same files, same run). */
async function textPdfCheck(): Promise<string> {
  const root = '/usr/share/doc/texlive-doc/latex';
  const files = fs
    .readdirSync(root)
    .sort()
    .slice(0, 400)
    .flatMap((d) => {
      try {
        return fs
          .readdirSync(path.join(root, d))
          .filter((f) => f.endsWith('.pdf'))
          .map((f) => path.join(root, d, f));
      } catch {
        return [];
      }
    })
    .slice(0, 24);
  const datas = files.map((f) => fs.readFileSync(f));
  const once = async (ocr: boolean): Promise<{ pages: number; seconds: number; ocrPages: number }> => {
    let pages = 0;
    let ocrPages = 0;
    const t0 = performance.now();
    for (const d of datas) {
      const r = await extractPdf(new Uint8Array(d), 5_000_000, { ...DEFAULT_OCR_OPTIONS, enabled: ocr });
      pages += r.pageCount;
      ocrPages += r.ocr?.pages ?? 0;
    }
    return { pages, seconds: (performance.now() - t0) / 1000, ocrPages };
  };
  await once(false);
  const off: number[] = [];
  const on: number[] = [];
  let info = { pages: 0, ocrPages: 0 };
  for (let round = 0; round < 3; round++) {
    const a = await once(false);
    const b = await once(true);
    off.push(a.pages / a.seconds);
    on.push(b.pages / b.seconds);
    info = b;
  }
  const best = (xs: number[]): number => Math.max(...xs);
  return (
    `text PDFs (${files.length} files, ${info.pages} pages, best of 3, one thread): ` +
    `OCR off ${best(off).toFixed(0)} pages/s, OCR on ${best(on).toFixed(0)} pages/s, ` +
    `ratio ${(best(on) / best(off)).toFixed(2)}; pages sent to OCR: ${info.ocrPages}`
  );
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loci-bench-ocr-'));
  try {
    const picked = pickPages(args.pdf, args.pages);
    console.log(
      `scanned set: ${picked.length} pages of ${args.pdf}; ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const sets = new Map<number, Array<{ truth: string; scanned: string; png: string }>>();
    for (const dpi of [150, 200, 300])
      sets.set(
        dpi,
        picked.map((p) => ({ truth: p.truth, ...scanPage(args.pdf, p.page, dpi, dir) })),
      );
    const rows: Row[] = [];
    for (const [scanDpi, renderDpi] of [
      [150, 150],
      [200, 200],
      [200, 150],
      [300, 300],
      [300, 200],
      [300, 150],
    ] as const) {
      if (args.configs && !args.configs.includes(`${scanDpi}/${renderDpi}`)) continue;
      for (const model of args.models) {
        rows.push(await tesseractRow(sets.get(scanDpi)!, scanDpi, renderDpi, args.workers, model));
        printRow(rows.at(-1)!);
      }
    }
    if (args.stages) {
      for (const model of args.models)
        for (const line of await stageBreakdown(sets.get(200)!, DEFAULT_OCR_OPTIONS.dpi, model))
          console.log(line);
    }
    if (args.paddle) {
      for (const dpi of [200, 300]) {
        rows.push(await paddleRow(args.paddle, sets.get(dpi)!.slice(0, args.paddlePages), dpi));
        printRow(rows.at(-1)!);
      }
    } else console.log('PaddleOCR: not measured (pass --paddle DIR with @gutenye/ocr-node installed)');
    console.log(await textPdfCheck());
    // The goals are for clean 200-dpi scans read the way Loci reads them (its default render dpi).
    const goal = rows.find(
      (r) =>
        r.engine === `tesseract.js ${DEFAULT_OCR_OPTIONS.englishModel}` &&
        r.scanDpi === 200 &&
        r.renderDpi === DEFAULT_OCR_OPTIONS.dpi,
    );
    if (goal)
      console.log(
        `goals on 200-dpi scans rendered at ${goal.renderDpi}: CER ${pct(goal.cer)} (goal <= 3%), ${goal.pagesPerSecond.toFixed(2)} pages/s on ` +
          `${args.workers} workers (goal >= 1), ${(args.workers / goal.cpuPerPage).toFixed(2)} pages/s from CPU time`,
      );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printRow(r: Row): void {
  console.log(
    [
      r.engine.padEnd(20),
      `scan ${r.scanDpi} dpi`,
      `render ${r.renderDpi}`.padEnd(11),
      `pages ${r.pages}`,
      `CER ${pct(r.cer)}`,
      `word recall ${pct(r.recall)}`,
      `${r.pagesPerSecond.toFixed(2)} pages/s`,
      `cpu ${r.cpuPerPage.toFixed(2)} s/page`,
      `peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      ...(r.confidence !== undefined ? [`confidence ${r.confidence.toFixed(0)}`] : []),
    ].join(' | '),
  );
}

await main();
