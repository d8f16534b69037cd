import { z } from 'zod';
import { method } from '../define';
import type { DocRef, PassageRef } from './documents';
import { searchModes, type SearchMode } from './search';

/**
 * `heatmap.*`: similarity heatmaps (documents, clusters, query, time) and model comparison. Matrices are
 * Float32Arrays (row-major, NaN where a value is undefined); they cross HTTP in the binary wire
 * envelope and IPC as they are. Vectors of two models are never compared: a comparison of models
 * compares each model's own similarity matrix over the same documents.
 */

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

/**
 * What "Over time" dates documents by: `date`, each document's own date (its metadata's, else the
 * file's mtime; see DocumentSummary.date), `mtime` (file modification time) or `indexedAt`.
 */
export const timeDateKinds = ['date', 'mtime', 'indexedAt'] as const;
export type TimeDateKind = (typeof timeDateKinds)[number];

export interface TimeHeatmap extends HeatmapBase {
  kind: 'time';
  by: TimeDateKind;
  /**
   * With `by: 'date'`, how the compared documents were dated: by their metadata, by file time (no
   * usable metadata date), or by file time until a sync reads their metadata (`pending`).
   */
  dated: { metadata: number; file: number; pending: number } | null;
  granularity: 'day' | 'week' | 'month' | 'quarter' | 'year';
  windows: TimeWindowSummary[];
}

/** Where two documents are most alike (`heatmap.pair`). */
export interface PassagePairResult {
  model: string;
  /**
   * The closest passages, one in each document, and their cosine in the library-fitted chunk space;
   * null when either document has no passage with a vector for the model.
   */
  match: { a: PassageRef; b: PassageRef; score: number } | null;
  tookMs: number;
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
      by: z.enum(timeDateKinds).default('date'),
      granularity: z.enum(['auto', 'day', 'week', 'month', 'quarter', 'year']).default('auto'),
    })
    .strict(),
]);

export const heatmapMethods = {
  /**
   * A similarity heatmap: documents (ordered by cluster; cluster level above `maxDocuments`, with
   * drill-down into a block), clusters (mean similarity, labelled), query (top-k results against
   * each other plus the query row), models (model A vs B on the same documents, their difference and
   * per-document neighbour overlap and rank correlation) or time (similarity between time windows).
   */
  'heatmap.get': method<HeatmapResult>()(heatmapInput),
  /**
   * The most similar pair of passages of two documents (stored chunk vectors, library-fitted space):
   * what a heatmap cell opens, each document at its matching passage. NOT_FOUND for an unknown id.
   */
  'heatmap.pair': method<PassagePairResult>()(
    z
      .object({
        a: z.string().min(1).max(200),
        b: z.string().min(1).max(200),
        model,
      })
      .strict(),
  ),
};
