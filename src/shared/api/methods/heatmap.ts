import { z } from 'zod';
import { method } from '../define';
import type { DocumentKind, JobStarted } from './library';
import { searchModes, type SearchMode } from './search';

/**
 * Similarity heatmaps, model comparison, near-duplicates and the vector-space explorer. Matrices are
 * Float32Arrays (row-major, NaN where a value is undefined); they cross HTTP in the binary wire
 * envelope and IPC as they are. Vectors of two models are never compared: a comparison of models
 * compares each model's own similarity matrix over the same documents.
 */

/** A document as the heatmaps, duplicates and explorer refer to it. */
export interface DocRef {
  docId: string;
  title: string;
  path: string;
  kind: DocumentKind;
}

/** One row or column of a heatmap. */
export interface HeatmapAxisItem {
  /** docId, chunkId, cluster number, window label or `query`. */
  id: string;
  /** What the axis and the hover show (title, cluster label, window). */
  label: string;
  /** Set for documents and chunks: what a click opens. */
  doc?: DocRef;
  /** 1-based page of a chunk (query heatmap), null without pages. */
  page?: number | null;
  /** Documents behind a cluster or time window. */
  count?: number;
  /** The display cluster a document belongs to. */
  cluster?: number;
}

/** A run of rows (or columns) that belong to one cluster, in display order. */
export interface HeatmapBand {
  cluster: number;
  label: string;
  start: number;
  size: number;
}

interface HeatmapBase {
  model: string;
  /** The library data version the matrix was computed from. */
  dataVersion: string;
  rows: HeatmapAxisItem[];
  cols: HeatmapAxisItem[];
  /** rows.length x cols.length cosine similarities (or means of them), row-major. */
  values: Float32Array;
  /** Finite min and max of `values`: the default colour range. */
  range: [number, number];
  tookMs: number;
}

export interface DocumentHeatmap extends HeatmapBase {
  kind: 'documents';
  /** `clusters` when the library has more documents than `maxDocuments`: drill into a block. */
  level: 'documents' | 'clusters';
  rowBands: HeatmapBand[];
  colBands: HeatmapBand[];
  totalDocuments: number;
  /** The two clusters of a drill-down, else null. */
  block: { row: number; col: number } | null;
  /** Some documents of a huge cluster were left out of a drill-down (the least typical ones). */
  truncated: boolean;
}

export interface ClusterHeatmap extends HeatmapBase {
  kind: 'clusters';
  totalDocuments: number;
}

export interface QueryHeatmap extends HeatmapBase {
  kind: 'query';
  query: string;
  /** The search mode the results came from. */
  mode: SearchMode;
  /**
   * The search's own score of each result (fused in hybrid mode). rows[0] / cols[0] is the query
   * itself (its cells: cosine of the query vector), the rest are the top-k chunks, best first.
   */
  scores: number[];
}

export interface DocumentDrift {
  doc: DocRef;
  /** Share of the k nearest documents both models agree on (0..1); null with no other document. */
  overlap: number | null;
  /**
   * Spearman rank correlation of the document's similarities to all others, between the models;
   * null when undefined (fewer than 3 documents, or a constant row).
   */
  spearman: number | null;
}

export interface ModelComparison extends HeatmapBase {
  kind: 'models';
  modelB: string;
  /** Model B's similarities over the same documents in the same order. */
  valuesB: Float32Array;
  /** values - valuesB. */
  difference: Float32Array;
  /** Neighbours compared per document (10, or fewer in a small library). */
  k: number;
  /** Every compared document, the ones that moved most first. */
  perDocument: DocumentDrift[];
  summary: {
    documents: number;
    meanOverlap: number | null;
    meanSpearman: number | null;
    /** Documents with vectors for only one of the two models (left out). */
    onlyA: number;
    onlyB: number;
  };
  /** More documents than `maxDocuments` share both models: an even sample was compared. */
  sampled: boolean;
}

export interface TimeWindowSummary {
  label: string;
  start: number;
  end: number;
  count: number;
  /** Mean similarity to the previous window's documents; null for the first. */
  previous: number | null;
  /** 1 - cosine between this window's and the previous window's mean vectors; null for the first. */
  shift: number | null;
}

export interface TimeHeatmap extends HeatmapBase {
  kind: 'time';
  by: 'mtime' | 'indexedAt';
  granularity: 'day' | 'week' | 'month' | 'quarter' | 'year';
  windows: TimeWindowSummary[];
}

export type HeatmapResult = DocumentHeatmap | ClusterHeatmap | QueryHeatmap | ModelComparison | TimeHeatmap;

const model = z.string().min(1).max(200).optional();

export const heatmapInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('documents'),
      model,
      maxDocuments: z.number().int().min(2).max(2000).default(2000),
      /** Drill into the block of two clusters (numbers from the cluster-level matrix). */
      block: z
        .object({ row: z.number().int().min(0).max(999), col: z.number().int().min(0).max(999) })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('clusters'), model }).strict(),
  z
    .object({
      kind: z.literal('query'),
      model,
      q: z.string().min(1).max(2000),
      k: z.number().int().min(2).max(100).default(20),
      mode: z.enum(searchModes).default('hybrid'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('models'),
      model,
      modelB: z.string().min(1).max(200),
      maxDocuments: z.number().int().min(2).max(2000).default(1000),
      k: z.number().int().min(1).max(50).default(10),
    })
    .strict(),
  z
    .object({
      kind: z.literal('time'),
      model,
      by: z.enum(['mtime', 'indexedAt']).default('mtime'),
      granularity: z.enum(['auto', 'day', 'week', 'month', 'quarter', 'year']).default('auto'),
    })
    .strict(),
]);

export interface ExploreHit {
  chunkId: string;
  doc: DocRef;
  page: number | null;
  text: string;
  score: number;
}

export interface ExploreTerm {
  term: string;
  score: number;
  /** Documents containing the term. */
  df: number;
}

export interface ExplorePoint {
  label: string;
  x: number;
  y: number;
}

/** The analogy drawn on a 2D projection of the library's documents (PCA of this model's vectors). */
export interface ExploreMap {
  projection: 'pca';
  /** Interleaved (x, y) of the background documents. */
  points: Float32Array;
  pointLabels: string[];
  /** Each + / - part, where it sits. */
  parts: Array<ExplorePoint & { sign: 1 | -1 }>;
  /** Where A - B + C lands. */
  result: ExplorePoint;
  /** The nearest chunks' documents. */
  neighbours: ExplorePoint[];
}

export interface ExploreResult {
  model: string;
  parts: Array<{ text: string; sign: 1 | -1 }>;
  chunks: ExploreHit[];
  terms: ExploreTerm[];
  /** Size of the library vocabulary the terms were picked from. */
  vocabularySize: number;
  map: ExploreMap;
  tookMs: number;
}

export interface NeighbourResult {
  model: string;
  /** The document or chunk asked about. */
  of: { doc: DocRef; chunkId: string | null; text: string | null };
  documents: Array<{ doc: DocRef; score: number }>;
  chunks: ExploreHit[];
}

export interface DuplicateGroup {
  documents: DocRef[];
  pairs: Array<{ a: string; b: string; score: number }>;
  /** Highest pair score in the group (1 for exact copies). */
  best: number;
}

export interface DuplicatesResult {
  model: string;
  threshold: number;
  /** How near pairs were found: the exact matrix (small libraries) or an HNSW graph. */
  method: 'exact' | 'ann';
  documents: number;
  /** Same content hash (byte-identical files). */
  exact: DuplicateGroup[];
  /** Document vectors at or above the threshold, grouped by connected components. */
  near: DuplicateGroup[];
}

const phrase = z.string().trim().min(1).max(500);

export const heatmapMethods = {
  /**
   * A similarity heatmap: documents (ordered by cluster; cluster level above `maxDocuments`, with
   * drill-down into a block), clusters (mean similarity, labelled), query (top-k results against
   * each other plus the query row), models (model A vs B on the same documents, their difference and
   * per-document neighbour overlap and rank correlation) or time (similarity between time windows).
   */
  'heatmap.get': method<HeatmapResult>()(heatmapInput),
  /**
   * Vector arithmetic: normalise(sum(plus) - sum(minus)), each part embedded as a query and
   * normalised; nearest chunks, nearest library key terms (inputs excluded) and the analogy on a 2D
   * projection.
   */
  'explore.arithmetic': method<ExploreResult>()(
    z
      .object({
        plus: z.array(phrase).min(1).max(10),
        minus: z.array(phrase).max(10).default([]),
        k: z.number().int().min(1).max(100).default(10),
        model,
      })
      .strict(),
  ),
  /** Nearest documents and chunks of one document (its mean vector) or one chunk. */
  'explore.neighbours': method<NeighbourResult>()(
    z
      .object({
        docId: z.string().min(1).max(200).optional(),
        chunkId: z.string().min(1).max(200).optional(),
        k: z.number().int().min(1).max(100).default(10),
        model,
      })
      .strict()
      .refine((v) => (v.docId === undefined) !== (v.chunkId === undefined), {
        message: 'Give exactly one of docId and chunkId',
      }),
  ),
  /** The library's key terms (TF-IDF words and phrases), strongest first. */
  'explore.vocabulary': method<{ terms: ExploreTerm[] }>()(
    z.object({ limit: z.number().int().min(1).max(5000).default(200) }).strict(),
  ),
  /** Exact duplicates (same content hash) and near-duplicates (document similarity >= threshold). */
  'duplicates.list': method<DuplicatesResult>()(
    z
      .object({
        threshold: z.number().min(0.5).max(1).default(0.95),
        limit: z.number().int().min(1).max(1000).default(200),
        model,
      })
      .strict(),
  ),
  /**
   * Embeds every document of the library with one more model, as a background job (progress,
   * cancel). Resumable: documents that already have vectors for the model are skipped. Chunk rows are
   * not touched; only the model's vectors are written.
   */
  'models.embedLibrary': method<JobStarted>()(z.object({ model: z.string().min(1).max(200) }).strict()),
};
