import { z } from 'zod';
import { method } from '../define';
import { documentKinds, documentStatuses } from '../enumerations';
import { topicFilter } from './topics';

// Declared in enumerations.ts (no zod there, so the renderer can import them); exported here as before.
export { documentKinds, documentStatuses };

/** A document's ingest outcome (see `documentStatuses`). */
export type DocumentStatus = (typeof documentStatuses)[number];
/** What a document is (see `documentKinds`). */
export type DocumentKind = (typeof documentKinds)[number];

/** A path the user added (file or folder); re-scanned by sync and watched while the app runs. */
export interface SourceSummary {
  path: string;
  addedAt: number;
  /** Documents currently indexed from this source. */
  documents: number;
  /** False when the path no longer exists (documents kept until the next sync removes them). */
  present: boolean;
}

export interface DocumentSummary {
  id: string;
  source: string;
  path: string;
  title: string;
  kind: DocumentKind;
  size: number;
  mtime: number;
  pages: number;
  chunks: number;
  status: DocumentStatus;
  /**
   * Why a document is not `ok` (e.g. "encrypted: needs a password", "timeout after 60 s"); for `partial`,
   * which limit stopped it and how much was indexed.
   */
  reason: string | null;
  indexedAt: number;
  /**
   * The document's own date (epoch ms), what "Over time" groups it by: from its metadata (PDF
   * CreationDate, DOCX/PPTX created, ODT creation-date, EPUB dc:date) when it has a plausible one,
   * else the file's modification time.
   */
  date: number;
  /**
   * Where `date` comes from: `metadata`, `file` (the mtime: no usable metadata date), or `pending`
   * (indexed before dates were stored; the mtime stands in until the next sync reads the metadata).
   */
  dateSource: DocumentDateSource;
}

export const documentDateSources = ['metadata', 'file', 'pending'] as const;
export type DocumentDateSource = (typeof documentDateSources)[number];

/** Orders of `library.documents`: newest indexed first (default), or by the documents' own date. */
export const documentSorts = ['indexed', 'date-desc', 'date-asc'] as const;
export type DocumentSort = (typeof documentSorts)[number];

export interface LibraryStatus {
  libraryDir: string;
  documents: { total: number } & Record<DocumentStatus, number>;
  chunks: number;
  models: Array<{ id: string; dims: number; vectors: number }>;
  /** `damaged`: a table cannot be read (see `damage`); `loci doctor --repair` / library.repair fix it. */
  index: { state: 'ready' | 'rebuilding' | 'stale' | 'empty' | 'damaged'; vectors: number };
  /** What a quick check found wrong with the library's files, or null when it reads fine. */
  damage: string | null;
  sources: SourceSummary[];
  /** The running ingest or sync job, if any. */
  activeJob: string | null;
  /**
   * Skipped documents OCR may read now (skipped for "no text layer" before OCR, while OCR was off, or
   * because OCR failed on them): what `library.ocrSkipped` would read.
   */
  awaitingOcr: number;
  /**
   * The library's vectors are another variant of the default model (e.g. `use-lite` while the default
   * is `use-lite-int8`): search and ingest keep using `from` (never mixing variants) until the library
   * is re-embedded with `to` (`models.embedLibrary`), which then drops the `from` vectors.
   */
  reembed: { from: string; to: string } | null;
  /**
   * The library's vectors embed another text than the `embeddedText` setting asks for (e.g. `none` while
   * the setting is `title`): search and ingest keep `from` (never mixing the two) until the library is
   * re-embedded with `to` (`library.reembedText`).
   */
  reembedText: { from: string; to: string } | null;
}

export interface JobStarted {
  jobId: string;
}

/** What an ingest or sync job did; the job's result and the CLI's last `--json` line. */
export interface IngestSummary {
  type: 'summary';
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  failed: Array<{ path: string; reason: string }>;
  skipped: Array<{ path: string; reason: string }>;
  /** Documents indexed only up to a per-document limit, with the reason (counted in added/updated too). */
  partial: Array<{ path: string; reason: string }>;
  pages: number;
  chunks: number;
  seconds: number;
  cancelled: boolean;
  /** Where the job's time went, stage by stage (absent for jobs that indexed nothing). */
  budget?: IngestBudget;
}

/** The stages of an ingest job: extraction, chunking, the model, LanceDB writes, the vector index. */
export type IngestStage = 'extract' | 'chunk' | 'embed' | 'write' | 'index';

/**
 * An ingest job's time budget. Stages run side by side, so each is the wall time during which at
 * least one piece of it was running (they overlap and need not add up to `wallMs`).
 */
export interface IngestBudget {
  wallMs: number;
  stageMs: Record<IngestStage, number>;
  /** Chunks the model embedded. */
  embeddedChunks: number;
  /** Chunks whose text was embedded before (in this job, or stored): their vector was reused. */
  reusedChunks: number;
}

/** One LanceDB table as the doctor found it. */
export interface TableHealth {
  table: string;
  /** The version read (null when the table could not be opened). */
  version: number | null;
  /** Rows the scan read (null when it failed). */
  rows: number | null;
  /** What is wrong, or null. */
  problem: string | null;
  /** Older versions whose manifest cannot be read (harmless for reads, but a repair moves them away). */
  unreadableVersions: number[];
  /** LanceDB indexes (keyword, chunk key) whose files cannot be read; a repair builds them again. */
  unreadableIndexes: string[];
}

/** A saved vector index (a cache of one model's vectors table) as the doctor found it. */
export interface IndexHealth {
  modelId: string;
  /** `none`: no index file (small libraries are searched exactly); `stale`: behind the table, catches up. */
  state: 'ok' | 'none' | 'stale' | 'damaged';
  problem: string | null;
}

/** What `loci doctor` / library.check found. */
export interface LibraryCheckReport {
  libraryDir: string;
  /** False when anything below needs a repair. */
  healthy: boolean;
  /** True when every column of every table was read (the doctor); false for the quick check. */
  full: boolean;
  seconds: number;
  tables: TableHealth[];
  documents: {
    /** Documents indexed (ok or partial), and the chunks they should have. */
    ok: number;
    chunks: number;
    /** Indexed documents whose chunks or vectors are missing or extra. */
    damaged: Array<{ path: string; problem: string }>;
  };
  /** Vectors per model (visible rows) against the chunks they belong to. */
  models: Array<{ id: string; vectors: number | null; problem: string | null }>;
  indexes: IndexHealth[];
  /** The OCR word boxes (`ocr_pages`); null when the documents or that table cannot be read. */
  ocr: OcrPagesHealth | null;
  /** Every problem as one readable line (empty when healthy). */
  problems: string[];
}

/** The doctor's findings on the stored OCR word boxes (what the viewer marks hits with on scans). */
export interface OcrPagesHealth {
  /** Visible rows: pages of indexed documents with their word boxes. */
  pages: number;
  /** Rows of documents or document versions that no longer exist (full check only; else 0). */
  orphanRows: number;
  /** Documents read by OCR whose word boxes are missing or unreadable; a repair indexes them again. */
  damaged: Array<{ path: string; problem: string }>;
}

/** What a repair job did; its result and the last `loci doctor --repair --json` line. */
export interface LibraryRepairSummary {
  type: 'repair';
  /** Problems found before the repair. */
  found: string[];
  /** What was done, one readable line each (e.g. "chunks: went back to version 5 (version 7 unreadable)"). */
  actions: string[];
  /** Damaged files moved into `quarantine/` inside the library (relative paths). */
  quarantined: string[];
  /** Documents re-extracted and re-embedded from their source files. */
  reindexed: number;
  /** Documents that could not be brought back (source file gone or unreadable), with the reason. */
  lost: Array<{ path: string; reason: string }>;
  /** The check after the repair. */
  after: LibraryCheckReport;
  seconds: number;
  cancelled: boolean;
}

const paths = z
  .array(
    z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => !p.includes('\0'), 'path contains a NUL byte'),
  )
  .min(1)
  .max(10_000);

const documentFilter = z
  .object({
    status: z.array(z.enum(documentStatuses)).optional(),
    kinds: z.array(z.enum(documentKinds)).optional(),
    sources: z.array(z.string()).optional(),
    pathPrefix: z.string().max(4096).optional(),
    /** Case-insensitive substring of title or path. */
    text: z.string().max(500).optional(),
    /** Documents of one topic (or sub-topic) of the library's topic model (`topics.get`). */
    topic: topicFilter.optional(),
  })
  .strict();

export const libraryMethods = {
  /** Counts by status, chunks, vectors per model, index state and sources. */
  'library.status': method<LibraryStatus>()(z.object({}).strict()),
  /**
   * Adds files and folders as sources and starts ingesting them as one job (progress on
   * `job.progress`). Resolves at once with the job id.
   */
  'library.add': method<JobStarted>()(z.object({ paths }).strict()),
  /** Re-scans every source: new and changed files indexed, deleted ones removed. A job. */
  'library.sync': method<JobStarted>()(z.object({}).strict()),
  /**
   * "OCR N skipped files" as a job (kind `ocr`; progress on `job.progress`, cancellable with
   * `jobs.cancel`; the result is an IngestSummary): reads again, with OCR, the skipped documents that
   * `LibraryStatus.awaitingOcr` counts, whether or not their files changed. Resolves with the job id at
   * once; NOT_FOUND when no document waits for OCR, CONFLICT while another ingest job runs.
   */
  'library.ocrSkipped': method<JobStarted>()(z.object({}).strict()),
  /**
   * Starts the job (cancellable with `jobs.cancel`) that re-embeds every chunk, for every model of the
   * library, with the `embeddedText` setting's text, and switches the library over in one commit when
   * it completes; until then search keeps the old vectors. NOT_FOUND when the library already embeds
   * that text, CONFLICT while another writing job runs. Resolves with the job id at once.
   */
  'library.reembedText': method<JobStarted>()(z.object({}).strict()),
  /** Removes sources (or single documents by path) and everything indexed from them. */
  'library.remove': method<{ removed: number }>()(z.object({ paths }).strict()),
  /**
   * Checks the library's files: opens every table, reads every column of every row (`full`, the
   * default; the quick form reads one column per table), counts chunks and vectors per document, and
   * verifies the saved vector indexes. Read-only; never fails on damage, it reports it.
   */
  'library.check': method<LibraryCheckReport>()(z.object({ full: z.boolean().default(true) }).strict()),
  /**
   * Repairs a damaged library as a job (progress on `job.progress`, cancellable; the result is a
   * LibraryRepairSummary): tables go back to their newest readable version, unreadable files move to
   * `quarantine/`, documents whose rows were lost are re-indexed from their (untouched) source files,
   * and vector indexes are rebuilt. Resolves with the job id at once.
   */
  'library.repair': method<JobStarted>()(z.object({}).strict()),
  /**
   * Documents, filtered and paged: newest indexed first, or by their own date (`sort`: `date-desc`,
   * `date-asc`; ties by path).
   */
  'library.documents': method<{ total: number; items: DocumentSummary[] }>()(
    z
      .object({
        filter: documentFilter.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
        sort: z.enum(documentSorts).optional(),
      })
      .strict(),
  ),
};
