/**
 * CPU cost of ingest's two JavaScript stages, extraction (pdf.js) and chunking (sentence split and
 * exact token counts), on the same PDFs as bench:ingest, one file after another on this thread, with
 * nothing else running in the process, through the code an extraction worker runs (extractDocument,
 * then chunkExtracted with the model's tokenizer opened by tokenCounter.ts). Also a digest of what they produce, so a speed change can be
 * shown not to change the extracted text or the chunks:
 *
 *   node bin/run-ts.mjs bench/ingestCpu.ts -- [DIR] [--sample N] [--save FILE] [--check FILE]
 *
 * --save writes one line per file (path, hash of the extraction result, hash of its chunks); --check
 * compares against such a file and lists every file whose text or chunks differ. Profile it with
 * `node --cpu-prof --cpu-prof-dir=DIR bin/run-ts.mjs bench/ingestCpu.ts`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sourceResourcesDir } from '../src/main/core/config';
import { openTokenCounter } from '../src/main/core/embed/tokenCounter';
import { chunkExtracted, chunksWithText } from '../src/main/core/ingest/chunkExtracted';
import { extractDocument, preloadExtractors } from '../src/main/core/ingest/extract/extractDocument';
import {
  DEFAULT_DOCUMENT_INDEX_LIMITS,
  DEFAULT_EXTRACT_LIMITS,
  type ExtractResult,
} from '../src/main/core/ingest/types';
import { findPdfs, sampleEvenly } from './ingestSample';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir =
  argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? '/usr/share/doc/texlive-doc';
const sample = Number(option('--sample') ?? 60);
const saveTo = option('--save');
const checkAgainst = option('--check');

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};
const hash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** What ingest keeps of an extraction (elapsed time aside). */
function extractionDigest(r: ExtractResult): unknown {
  const { elapsedMs: _elapsed, ...kept } = r;
  return kept;
}

const { files } = sampleEvenly(await findPdfs(dir), sample);
const modelDir = path.join(sourceResourcesDir(), 'models', 'use-lite-int8');
const maxTokens = (
  JSON.parse(fs.readFileSync(path.join(modelDir, 'manifest.json'), 'utf8')) as { maxTokens: number }
).maxTokens;
const tokenizer = await openTokenCounter({ kind: 'use-lite', dir: modelDir });
let countCalls = 0;
let countChars = 0;
/** As an extraction worker counts (extract.worker.ts): the model's tokenizer, sanitised text. */
const counter = {
  count: (text: string): number => {
    countCalls++;
    countChars += text.length;
    return tokenizer.count(text);
  },
};
/** What ingest asks its extraction workers to do after extracting (chunkRequestFor, no context prefix). */
const request = {
  tokenizer: { kind: 'use-lite' as const, dir: modelDir },
  maxTokens,
  maxChunks: DEFAULT_DOCUMENT_INDEX_LIMITS.maxChunks,
  budgetMs: DEFAULT_DOCUMENT_INDEX_LIMITS.budgetMs,
};
await preloadExtractors();
for (const f of files) fs.readFileSync(f.path); // page cache

let extractCpu = 0;
let chunkCpu = 0;
let pages = 0;
let chunks = 0;
const lines: string[] = [];
for (const file of files) {
  let since = process.cpuUsage();
  const result = await extractDocument(file, DEFAULT_EXTRACT_LIMITS);
  extractCpu += cpuSeconds(since);
  since = process.cpuUsage();
  const spans = result.status === 'ok' ? await chunkExtracted(result.pages, request, counter) : undefined;
  const made = spans ? chunksWithText(result.pages, spans) : [];
  chunkCpu += cpuSeconds(since);
  pages += result.pages.length;
  chunks += made.length;
  lines.push(`${path.relative(dir, file.path)}\t${hash(extractionDigest(result))}\t${hash(made)}`);
}
console.log(`bench:ingest-cpu  ${files.length} PDFs under ${dir}: ${pages} pages, ${chunks} chunks`);
console.log(`extract: ${extractCpu.toFixed(2)} CPU s (${(pages / extractCpu).toFixed(1)} pages/CPU-s)`);
console.log(
  `chunk:   ${chunkCpu.toFixed(2)} CPU s (${(chunks / chunkCpu).toFixed(0)} chunks/CPU-s), ` +
    `countTokens ${countCalls} calls (${(countCalls / Math.max(1, chunks)).toFixed(2)} per chunk), ${(countChars / 1e6).toFixed(1)} M chars`,
);
if (saveTo) fs.writeFileSync(saveTo, lines.join('\n') + '\n');
if (checkAgainst) {
  const expected = new Map(
    fs
      .readFileSync(checkAgainst, 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.split('\t')[0]!, l] as const),
  );
  const differ = lines.filter((l) => expected.get(l.split('\t')[0]!) !== l);
  console.log(
    differ.length === 0
      ? `output identical to ${checkAgainst} (${lines.length} files: text and chunks)`
      : `OUTPUT DIFFERS from ${checkAgainst} for ${differ.length} files:\n${differ.join('\n')}`,
  );
  if (differ.length > 0) process.exitCode = 1;
}
// pdf.js leaves handles open after the last document; the figures are printed.
process.exit(process.exitCode ?? 0);
