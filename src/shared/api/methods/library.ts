import { z } from 'zod';
import { method } from '../define';

/**
 * A document's ingest outcome. `partial`: indexed only up to a per-document limit (characters, chunks or
 * the time budget; `reason` says which) and searchable like `ok`; `failed`, `encrypted`, `skipped` and
 * `timeout` documents hold no chunks.
 */
export const documentStatuses = ['ok', 'partial', 'failed', 'encrypted', 'skipped', 'timeout'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export const documentKinds = ['pdf', 'text', 'markdown', 'html', 'docx'] as const;
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
}

export interface LibraryStatus {
  libraryDir: string;
  documents: { total: number } & Record<DocumentStatus, number>;
  chunks: number;
  models: Array<{ id: string; dims: number; vectors: number }>;
  index: { state: 'ready' | 'rebuilding' | 'stale' | 'empty'; vectors: number };
  sources: SourceSummary[];
  /** The running ingest or sync job, if any. */
  activeJob: string | null;
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
  /** Removes sources (or single documents by path) and everything indexed from them. */
  'library.remove': method<{ removed: number }>()(z.object({ paths }).strict()),
  /** Documents, filtered and paged, newest first. */
  'library.documents': method<{ total: number; items: DocumentSummary[] }>()(
    z
      .object({
        filter: documentFilter.default({}),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
  ),
};
