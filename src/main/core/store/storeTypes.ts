/** Records the library store reads and writes. Times are epoch milliseconds. */

/**
 * `ok`: fully indexed. `partial`: indexed up to a per-document limit (characters, chunks or time; the
 * reason says which); its chunks are searchable like an `ok` document's. The others hold no chunks.
 */
export type DocumentStatus = 'ok' | 'partial' | 'failed' | 'encrypted' | 'skipped' | 'timeout';

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  'ok',
  'partial',
  'failed',
  'encrypted',
  'skipped',
  'timeout',
];

/** Whether a document with this status has chunks that search, maps and heatmaps show. */
export function isIndexed(status: DocumentStatus): boolean {
  return status === 'ok' || status === 'partial';
}

/** What ingest knows about a document; the store adds generation, chunkCount and indexedAt. */
export interface DocumentInput {
  /** Stable per path; see {@link documentIdForPath}. */
  id: string;
  /** The source folder (as added with `loci add`) the document was found under. */
  source: string;
  /** Absolute path. */
  path: string;
  title: string;
  /** File kind: `pdf`, `txt`, `md`, `html`, `docx`, ... */
  kind: string;
  size: number;
  mtime: number;
  sha256: string;
  /** Page count (1 for formats without pages). */
  pages: number;
  status: DocumentStatus;
  /** Why a document is not `ok` (shown in `loci status`), null when ok (a note such as a truncation when partial). */
  reason: string | null;
  /**
   * The document's own date (epoch ms): its metadata's (`dateSource` 'metadata'), else the file's
   * modification time when it was read ('file'). Null (both) for a document indexed before dates
   * were stored and not read since: users of the date then take `mtime` (see {@link documentDate}).
   */
  docDate?: number | null;
  dateSource?: DateSource | null;
}

/** Where a document's date comes from: its own metadata, or the file's modification time. */
export type DateSource = 'metadata' | 'file';

/**
 * The date to show and group a document by, and where it comes from: `pending` means its metadata has
 * not been read yet (a library indexed before dates were stored) and the file's mtime stands in.
 */
export function documentDate(doc: Pick<DocumentInput, 'mtime' | 'docDate' | 'dateSource'>): {
  date: number;
  source: DateSource | 'pending';
} {
  if (doc.dateSource && typeof doc.docDate === 'number' && Number.isFinite(doc.docDate))
    return { date: doc.docDate, source: doc.dateSource };
  return { date: doc.mtime, source: 'pending' };
}

export interface DocumentRecord extends DocumentInput {
  /** When the row was committed. */
  indexedAt: number;
  chunkCount: number;
  /**
   * Content hash of this version of the document's chunks. Chunk and vector rows carry it too; a chunk
   * is visible only while its generation equals its document row's (see libraryStore.ts).
   */
  generation: string;
}

export interface ChunkInput {
  /** Position of the chunk in the document, from 0. */
  ordinal: number;
  /** 1-based page number, null for formats without pages. */
  page: number | null;
  /** Character offsets of the chunk in the document's extracted text. */
  charStart: number;
  charEnd: number;
  /** Headings above the chunk, outermost first. */
  headingPath: string[];
  text: string;
}

export interface ChunkRecord extends ChunkInput {
  id: string;
  docId: string;
  generation: string;
  /** Numeric key of the chunk in vector indexes (fits in a signed int64). */
  key: bigint;
  /** Copies of the document's filter attributes, so filters are plain SQL on chunk and vector rows. */
  source: string;
  kind: string;
  path: string;
}

/** The model a set of vectors was made with (a subset of the embedder's ModelInfo). */
export interface VectorModel {
  id: string;
  dims: number;
  fingerprint: string;
}

/** One vector per chunk of the document, in chunk order. */
export interface ModelVectors {
  model: VectorModel;
  vectors: readonly Float32Array[];
}

export interface DocumentUpsert {
  doc: DocumentInput;
  chunks: readonly ChunkInput[];
  vectors: readonly ModelVectors[];
  /** Pages whose text came from OCR, with their word boxes (kept only for indexed documents). */
  ocrPages?: readonly OcrPageInput[];
}

/**
 * Where the words of an OCR'd page are, compact (parallel arrays): word `i` is
 * `text.slice(starts[i], ends[i])` and covers `rects[4i..4i+3]` = x, y, width, height as fractions
 * (0..1) of the page, origin top left. The viewer draws the hit's words from these on a scan.
 */
export interface PageWordBoxes {
  starts: number[];
  ends: number[];
  rects: number[];
}

/** An OCR'd page as ingest hands it to the store: its text (what chunk offsets refer to) and boxes. */
export interface OcrPageInput {
  /** 1-based page number. */
  page: number;
  text: string;
  boxes: PageWordBoxes;
}

/** A stored OCR page; visible while `generation` is its document row's (like chunks). */
export interface OcrPageRecord extends OcrPageInput {
  docId: string;
  generation: string;
}

/** Filters shared by document listing and both search branches. */
export interface DocumentFilters {
  /** Source folders (exact match on `source`). */
  sources?: readonly string[];
  kinds?: readonly string[];
  /** Only documents whose path starts with this. */
  pathPrefix?: string;
  statuses?: readonly DocumentStatus[];
  /** Only these documents (ids), e.g. the ones selected on the map. */
  docIds?: readonly string[];
}

export interface SourceRecord {
  path: string;
  addedAt: number;
}

export interface ModelRecord extends VectorModel {
  /** LanceDB table holding this model's vectors. */
  table: string;
}

export interface LibraryCounts {
  documents: number;
  byStatus: Record<DocumentStatus, number>;
  /** Chunks of committed (`ok`) documents. */
  chunks: number;
  models: Array<ModelRecord & { vectors: number }>;
  sources: number;
}

/** A raw nearest-neighbour or full-text hit on chunk rows, before visibility and filters are checked. */
export interface ChunkHit {
  chunk: ChunkRecord;
  /** Cosine similarity for vector hits, BM25 for keyword hits. */
  score: number;
}
