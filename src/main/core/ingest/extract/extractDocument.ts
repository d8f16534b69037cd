import path from 'node:path';
import { displayPath } from '../bytePaths';
import { kindOfPath } from '../sourceKinds';
import {
  DEFAULT_EXTRACT_LIMITS,
  type ExtractedPage,
  type ExtractLimits,
  type ExtractResult,
  type SourceKind,
} from '../types';
import { decodeText } from './decodeText';
import { extractDocx } from './extractDocx';
import { extractEpub } from './extractEpub';
import { extractImage } from './extractImage';
import { extractOds } from './extractOds';
import { extractOdt } from './extractOdt';
import { extractPptx } from './extractPptx';
import { extractPdf } from './extractPdf';
import { extractXlsx } from './extractXlsx';
import { choosePdfTitle } from './pdfTitle';
import { loadPdfjs } from './pdfjsLoader';
import { htmlToText, sniffHtmlCharset } from './htmlToText';
import { markdownToText } from './markdownToText';
import { readFilePrefix, readWholeFile, SourceReadError } from './readSource';
import { imageDate, readDocumentDate, zipDocumentDate } from './readDocumentDate';
import type { SectionedText } from './sectionedText';

/**
 * Test-only behaviour, named so it cannot be mistaken for a feature: lets tests reproduce an extractor
 * that never returns or one that eats memory, on paths they choose. Production callers never set it.
 */
export interface ExtractTestHooks {
  /** Paths matching this regular expression make extraction spin forever (the pool's timeout must cut it). */
  hangOnPath?: string;
  /** Paths matching this make extraction allocate heap until the worker's memory limit stops it. */
  exhaustMemoryOnPath?: string;
}

/** Loads the parsers up front (a worker calls this before taking work, so load time is not parse time). */
export async function preloadExtractors(): Promise<void> {
  await loadPdfjs();
}

/** UTF-8 needs at most 4 bytes per character: reading this many bytes always yields `maxChars` characters. */
const MAX_BYTES_PER_CHAR = 4;

/**
 * Extracts one document on the calling thread. Every failure is a result (`failed`, `encrypted`,
 * `skipped`), never an exception, except a bug. Runs inside an extraction worker (see `extractPool.ts`),
 * which adds the time and memory limits this function cannot enforce on itself.
 */
export async function extractDocument(
  file: { path: string; kind?: SourceKind },
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
  testHooks?: ExtractTestHooks,
): Promise<ExtractResult> {
  const started = performance.now();
  const kind = file.kind ?? kindOfPath(displayPath(file.path));
  const shown = displayPath(file.path);
  const fileTitle = path.basename(shown, path.extname(shown));
  const base: ExtractResult = {
    path: file.path,
    kind: kind ?? 'text',
    status: 'failed',
    title: fileTitle,
    pages: [],
    pageCount: 0,
    sha256: '',
    size: 0,
    chars: 0,
    truncated: false,
    elapsedMs: 0,
  };
  const finish = (fields: Partial<ExtractResult>): ExtractResult => {
    const result = { ...base, ...fields, elapsedMs: Math.round(performance.now() - started) };
    if (result.status !== 'ok') result.pages = [];
    return result;
  };
  if (!kind) return finish({ status: 'skipped', reason: 'unsupported file type' });
  runTestHooks(file.path, testHooks);
  try {
    if (kind === 'pdf') {
      const { bytes, sha256, size } = await readWholeFile(file.path, limits.maxFileBytes);
      Object.assign(base, { sha256, size });
      if (size === 0) return finish({ status: 'failed', reason: 'empty file' });
      const pdf = await extractPdf(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
        limits.maxChars,
        limits.ocr,
      );
      const firstLine = pdf.pages
        .find((p) => p.text)
        ?.text.split('\n', 1)[0]
        ?.trim();
      const title = choosePdfTitle({
        metadata: pdf.metadataTitle,
        largest: pdf.largestText,
        firstLine,
        fileName: fileTitle,
      });
      const fields: Partial<ExtractResult> = {
        status: pdf.status,
        title,
        pages: pdf.pages,
        pageCount: pdf.pageCount,
      };
      if (pdf.reason !== undefined) fields.reason = pdf.reason;
      if (pdf.ocr) fields.ocr = pdf.ocr;
      if (pdf.metadataDate !== undefined) fields.docDate = pdf.metadataDate;
      return finish({ ...fields, chars: pdf.chars, truncated: pdf.truncated });
    }
    if (kind === 'image') {
      const { bytes, sha256, size } = await readWholeFile(file.path, limits.maxFileBytes);
      Object.assign(base, { sha256, size });
      if (size === 0) return finish({ status: 'failed', reason: 'empty file' });
      const taken = imageDate(bytes);
      if (taken !== undefined) base.docDate = taken;
      if (!limits.ocr.enabled) return finish({ status: 'skipped', reason: 'OCR is turned off' });
      const image = await extractImage(bytes, file.path, limits.maxChars, limits.ocr);
      const fields: Partial<ExtractResult> = {
        status: image.chars > 0 ? 'ok' : 'skipped',
        pages: image.pages,
        pageCount: image.pageCount,
        chars: image.chars,
        truncated: image.truncated,
      };
      if (image.reason) fields.reason = image.reason;
      if (image.ocr) fields.ocr = image.ocr;
      return finish(fields);
    }
    if (kind === 'text' || kind === 'markdown') {
      const read = await readFilePrefix(file.path, limits.maxChars * MAX_BYTES_PER_CHAR);
      Object.assign(base, { sha256: read.sha256, size: read.size });
      if (read.size === 0) return finish({ status: 'skipped', reason: 'empty file' });
      const decoded = decodeText(read.bytes, { maxChars: limits.maxChars, partial: read.partial });
      if (!decoded.ok) return finish({ status: 'failed', reason: decoded.reason });
      base.encoding = decoded.encoding;
      if (kind === 'text') return finish(textPages(decoded.text, decoded.truncated, fileTitle));
      return finish(
        sectionedPage(markdownToText(decoded.text, limits.maxChars), fileTitle, decoded.truncated),
      );
    }
    const { bytes, sha256, size } = await readWholeFile(file.path, limits.maxFileBytes);
    Object.assign(base, { sha256, size });
    if (size === 0) return finish({ status: kind === 'html' ? 'skipped' : 'failed', reason: 'empty file' });
    const docDate = kind === 'html' ? undefined : await zipDocumentDate(bytes, kind, limits.maxFileBytes);
    if (docDate !== undefined) base.docDate = docDate;
    if (kind === 'html') {
      const decoded = decodeText(bytes, {
        maxChars: Number.MAX_SAFE_INTEGER,
        declaredEncoding: sniffHtmlCharset(bytes),
      });
      if (!decoded.ok) return finish({ status: 'failed', reason: decoded.reason });
      base.encoding = decoded.encoding;
      return finish(sectionedPage(htmlToText(decoded.text, limits.maxChars), fileTitle, false));
    }
    if (kind === 'xlsx' || kind === 'ods') {
      const read = kind === 'xlsx' ? extractXlsx : extractOds;
      const book = await read(bytes, limits.maxChars, limits.maxFileBytes);
      if (book.pages.length === 0)
        return finish({ status: 'skipped', reason: 'no text in any visible sheet' });
      return finish({ status: 'ok', ...book, pageCount: book.pages.length });
    }
    if (kind === 'pptx') {
      const deck = await extractPptx(bytes, limits.maxChars, limits.maxFileBytes);
      if (deck.chars === 0 || deck.pages.every((p) => p.text.trim() === ''))
        return finish({ status: 'skipped', reason: 'no text' });
      return finish({
        status: 'ok',
        title: (deck.title ?? fileTitle).slice(0, 300),
        pages: deck.pages,
        pageCount: deck.pages.length,
        chars: deck.chars,
        truncated: deck.truncated,
      });
    }
    const zipped = { docx: extractDocx, epub: extractEpub, odt: extractOdt }[kind];
    return finish(sectionedPage(await zipped(bytes, limits.maxChars, limits.maxFileBytes), fileTitle, false));
  } catch (error) {
    if (error instanceof SourceReadError) return finish({ status: 'failed', reason: error.message });
    return finish({
      status: 'failed',
      reason: `${kind} error: ${(error as Error)?.message ?? String(error)}`,
    });
  }
}

/**
 * The dates-only read (no text): a result whose `docDate` is the file's own date, if it has one. For
 * documents indexed before dates were stored; it costs the metadata parse, not an extraction.
 */
export async function extractDocumentDate(
  file: { path: string; kind?: SourceKind },
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Promise<ExtractResult> {
  const started = performance.now();
  const kind = file.kind ?? kindOfPath(displayPath(file.path)) ?? 'text';
  const docDate = await readDocumentDate({ path: file.path, kind }, limits.maxFileBytes);
  return {
    path: file.path,
    kind,
    status: 'ok',
    title: '',
    pages: [],
    pageCount: 0,
    sha256: '',
    size: 0,
    chars: 0,
    truncated: false,
    elapsedMs: Math.round(performance.now() - started),
    ...(docDate !== undefined ? { docDate } : {}),
  };
}

/** Plain text: form feeds (as `pdftotext` writes them) separate pages; otherwise one page. */
function textPages(text: string, truncated: boolean, title: string): Partial<ExtractResult> {
  const pages: ExtractedPage[] = text
    .split('\f')
    .map((t, i) => ({ page: i + 1, text: t.replace(/\r\n?/g, '\n') }));
  const chars = pages.reduce((n, p) => n + p.text.length, 0);
  if (pages.every((p) => p.text.trim() === '')) return { status: 'skipped', reason: 'no text', title };
  return { status: 'ok', title, pages, pageCount: pages.length, chars, truncated };
}

function sectionedPage(doc: SectionedText, fileTitle: string, truncated: boolean): Partial<ExtractResult> {
  const title = doc.title ?? fileTitle;
  if (doc.text.trim() === '') return { status: 'skipped', reason: 'no text', title };
  const page: ExtractedPage = { page: 1, text: doc.text };
  if (doc.sections.length > 0) page.sections = doc.sections;
  return {
    status: 'ok',
    title: title.slice(0, 300),
    pages: [page],
    pageCount: 1,
    chars: doc.text.length,
    truncated: truncated || doc.truncated,
  };
}

function runTestHooks(filePath: string, hooks: ExtractTestHooks | undefined): void {
  if (!hooks) return;
  if (hooks.hangOnPath && new RegExp(hooks.hangOnPath).test(filePath)) {
    for (;;) {
      // Spins on purpose: a parser stuck in a loop, for the pool's timeout test.
    }
  }
  if (hooks.exhaustMemoryOnPath && new RegExp(hooks.exhaustMemoryOnPath).test(filePath)) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array<number>(1_000_000).fill(hoard.length));
  }
}
