/**
 * Data shapes of the extraction half of ingest: what the walker finds, what an extractor returns and what
 * the chunker produces. Everything here is plain data (structured-clone safe), because extraction results
 * cross a worker-thread boundary and are later written to the store.
 */
import type { ChunkingStop } from './chunkPages';

/** Document kinds Loci can extract. See `sourceKinds.ts` for the file extensions behind each. */
export type SourceKind =
  | 'pdf'
  | 'text'
  | 'markdown'
  | 'html'
  | 'docx'
  /** PNG, JPEG, TIFF: read by OCR. */
  | 'image'
  | 'epub'
  | 'odt'
  | 'pptx'
  /** Workbooks, read as text tables: a sheet is a page. */
  | 'xlsx'
  | 'ods';

/** A file the walker found that an extractor can read. */
export interface SourceFile {
  /** Real, absolute path (symlinks resolved). Unique per walk. */
  path: string;
  /** Size in bytes when walked. */
  size: number;
  /** Modification time (ms since epoch) when walked; with `size`, the cheap "did it change" check. */
  mtimeMs: number;
  kind: SourceKind;
}

/** Why the walker did not yield an entry. */
export type SkipReason =
  /** Dot-name file or folder (not descended into). */
  | 'hidden'
  /** `.git`, `node_modules` and other folders that never hold a user's documents. */
  | 'ignored-folder'
  /** Regular file whose extension no extractor handles. */
  | 'unsupported-kind'
  /** FIFO, socket, block or character device: never opened (opening a FIFO blocks forever). */
  | 'not-regular-file'
  /** Permission denied or another error while reading a folder or checking a file. */
  | 'unreadable'
  /** A symlink whose target does not exist. */
  | 'broken-link'
  /** A symlink (chain) that leads back into a folder being walked, or that resolves to itself. */
  | 'symlink-loop'
  /** The same real file or folder was already reached by another path (symlink, hard link, root). */
  | 'duplicate'
  /** A root given to the walk that does not exist. */
  | 'missing'
  /** Folder nested deeper than `WalkOptions.maxDepth`. */
  | 'too-deep';

export interface SkippedEntry {
  /** The path as reached (not resolved: a broken link has no real path). */
  path: string;
  reason: SkipReason;
  /** Human-readable detail, e.g. "EACCES: permission denied" or "fifo". */
  detail?: string;
}

/** One item of a walk: a candidate to extract, or something skipped with its reason. */
export type WalkEntry = { type: 'file'; file: SourceFile } | { type: 'skipped'; skipped: SkippedEntry };

/** Outcome of extracting one document. */
export type ExtractStatus = 'ok' | 'failed' | 'encrypted' | 'timeout' | 'skipped';

/**
 * A span of a page's text that sits under one heading path (Markdown, HTML and DOCX sections). Spans
 * never overlap and are in text order; text outside every span has no heading.
 */
export interface PageSection {
  /** Character offset into `ExtractedPage.text` where the section starts (inclusive). */
  start: number;
  /** Character offset where it ends (exclusive). */
  end: number;
  /** Headings from outermost to innermost, e.g. `["Intro", "Setup"]`. */
  headingPath: string[];
}

export interface ExtractedPage {
  /** 1-based page number. PDFs have real pages; text files are split on form feeds; others are page 1. */
  page: number;
  text: string;
  /** Heading structure of the page, when the format has one. */
  sections?: PageSection[];
  /** Set when the page's text was read by OCR: where each word of `text` is on the page. */
  boxes?: OcrWordBoxes;
}

/**
 * Word boxes of an OCR'd page, compact (parallel arrays, structured-clone and JSON friendly): word `i`
 * is `text.slice(starts[i], ends[i])` and covers `rects[4i..4i+3]` = x, y, width, height as fractions
 * (0..1) of the page's width and height, origin top left.
 */
export interface OcrWordBoxes {
  starts: number[];
  ends: number[];
  rects: number[];
}

/** What OCR contributed to a document. */
export interface OcrSummary {
  /** Pages whose text came from OCR. */
  pages: number;
  /** Mean word confidence over those pages, 0-100. */
  confidence: number;
  /** Pages OCR gave up on (time limit per page, engine error). */
  failedPages: number;
}

export interface ExtractResult {
  /** The path that was extracted (as given to the extractor). */
  path: string;
  kind: SourceKind;
  status: ExtractStatus;
  /** Why the status is not `ok` (e.g. "out of memory (limit 512 MB)", "not text"); or a note when ok. */
  reason?: string;
  /** Document title: metadata, first heading/line, or the file name without extension. */
  title: string;
  /**
   * The document's own date (epoch ms) from its metadata: PDF Info/XMP, DOCX/PPTX/XLSX core
   * properties, ODT/ODS meta, EPUB `dc:date` (documentDate.ts). Absent when the file has none that is plausible.
   */
  docDate?: number;
  /** Pages with their text; empty unless `status` is `ok`. */
  pages: ExtractedPage[];
  /** Pages in the document (PDF), even when extraction stopped early because of `truncated`. */
  pageCount: number;
  /** SHA-256 (hex) of the file's bytes; empty string when the file could not be read. */
  sha256: string;
  /** File size in bytes as read. */
  size: number;
  /** Total characters over all pages. */
  chars: number;
  /** True when the text was cut at the per-document character cap (`ExtractLimits.maxChars`). */
  truncated: boolean;
  /** Text encoding detected for text-like formats (`utf-8`, `utf-16le`, `utf-16be`, `latin1`). */
  encoding?: string;
  /** Wall-clock milliseconds spent on this document. */
  elapsedMs: number;
  /** Present when some pages were read by OCR (status `ok (ocr)` in the user's words). */
  ocr?: OcrSummary;
  /**
   * The document's chunks, made in the extraction worker right after extracting it, when the pool
   * was asked to (`ChunkRequest`, chunkExtracted.ts) and the document is `ok`.
   */
  chunked?: ChunkedSpans;
}

/** A chunk without its text, which is `pages[...].text.slice(start, end)` of its page (never copied twice). */
export type ChunkSpan = Omit<Chunk, 'text'>;

/** A document's chunks as an extraction worker returns them. */
export interface ChunkedSpans {
  spans: ChunkSpan[];
  /** Set when chunking stopped early (`maxChunks`, the time budget). */
  stopped?: ChunkingStop;
  /** Milliseconds chunking took (the document's chunk-and-embed budget is charged with them). */
  chunkMs: number;
}

/** Per-document limits applied inside the extraction worker. */
export interface ExtractLimits {
  /** Characters kept per document; the rest is dropped and `truncated` set. Default 5,000,000. */
  maxChars: number;
  /**
   * Largest PDF/DOCX/HTML file read into memory, in bytes (their parsers need the whole file; file
   * buffers live outside the V8 heap limit, so this bounds them); also the most a DOCX may declare
   * when unpacked. Plain text and Markdown are streamed and only read up to `maxChars`. Default 256 MiB.
   */
  maxFileBytes: number;
  /** OCR of image-only PDF pages and of images (language, resolution, time per page). */
  ocr: OcrOptions;
}

/** How pages without a usable text layer, and images, are read. */
export interface OcrOptions {
  /** Off: image-only pages stay empty (and image-only PDFs `skipped`), images are not read. */
  enabled: boolean;
  /** Tesseract language codes with an installed `@tesseract.js-data/<code>` pack; default `['eng']`. */
  languages: string[];
  /**
   * Resolution PDF pages are rendered at for OCR. Default 150: the cheapest that keeps CER <= 1.5% on
   * clean scans (a 200-dpi scan read at 150: CER 1.18% against 1.21% at 200, 27% less CPU per page;
   * bench/ocr.ts, src/main/core/ingest/README.md "OCR").
   */
  dpi: number;
  /** Time limit per OCR'd page, in ms (the document's own timeout still applies). Default 30 s. */
  pageTimeoutMs: number;
  /**
   * English model. `fast` (default): Tesseract's tessdata_fast, 1.38x cheaper per page than `best` at the
   * same CER on clean scans (1.26% against 1.27%, bench:ocr-options --paired; `ocrFastModel.ts`).
   * `best`: `@tesseract.js-data/eng`'s best_int. Other languages always use their best_int pack.
   */
  englishModel: 'fast' | 'best';
}

export const DEFAULT_OCR_OPTIONS: OcrOptions = {
  enabled: true,
  languages: ['eng'],
  dpi: 150,
  pageTimeoutMs: 30_000,
  englishModel: 'fast',
};

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = {
  maxChars: 5_000_000,
  maxFileBytes: 256 * 1024 * 1024,
  ocr: DEFAULT_OCR_OPTIONS,
};

/**
 * Per-document limits on the work after extraction (chunking and embedding), so one degenerate file
 * (a 10 MB single line, base64 blobs: ~70 characters a chunk) cannot hold up the files behind it. What
 * is left out makes the document `partial`, with a reason saying which limit stopped it and where.
 */
export interface DocumentIndexLimits {
  /**
   * Chunks indexed per document. Default 10,000: prose runs ~500 characters a chunk at the built-in
   * model's 128 tokens, so this covers the 5,000,000-character extraction cap (a 1,500-page book) and
   * only cuts text that chunks far more densely than prose (no spaces, base64, hex dumps).
   */
  maxChunks: number;
  /**
   * Milliseconds for chunking and embedding one document (with every model of the library). Default
   * 120,000 (as extraction's per-document timeout): 10,000 chunks embed in well under that on a
   * laptop. Past it no further chunk is started; what was embedded is kept.
   */
  budgetMs: number;
}

export const DEFAULT_DOCUMENT_INDEX_LIMITS: DocumentIndexLimits = {
  maxChunks: 10_000,
  budgetMs: 120_000,
};

/** One piece of a page, sized to fit the embedding model. */
export interface Chunk {
  /** 0-based position of the chunk within its document; stable for the same text and options. */
  ordinal: number;
  /** 1-based page the chunk comes from (a chunk never spans pages). */
  page: number;
  /** Offset into the page text where the chunk starts (inclusive); the store's `ChunkInput.charStart`. */
  start: number;
  /** Offset where it ends (exclusive): `pages[page - 1].text.slice(start, end) === text`. */
  end: number;
  text: string;
  /** Heading path of the section the chunk lies in (empty when the page has none). */
  headingPath: string[];
  /** Exact token count from the `countTokens` function the chunk was sized with. */
  tokens: number;
}
