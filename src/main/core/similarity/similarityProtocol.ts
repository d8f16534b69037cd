import type { ClusterBand } from '../topics/clusterOrder';
import type { DriftRows } from '../heatmaps/driftStatistics';
import type { DocumentMeans } from './documentMeans';
import type { PairOverlap } from '../duplicates/duplicateText';
import type { TermIndex } from '../topics/keyTerms';
import type { PcaTransform } from '../math/pca';

/**
 * Messages between the similarity pool (core thread) and workers/similarity.worker.ts. Large arrays
 * are SharedArrayBuffer-backed where the worker writes into them (gram output) or several workers read
 * them (inputs), so nothing big is copied per task.
 */

export interface GramRequest {
  op: 'gram';
  a: Float32Array;
  b: Float32Array;
  bRows: number;
  dims: number;
  symmetric: boolean;
  rowStart: number;
  rowEnd: number;
  out: Float32Array;
}

export interface ClusterRequest {
  op: 'cluster';
  data: Float32Array;
  rows: number;
  dims: number;
  seed: number;
}

/**
 * The two-level topic clustering (topics/topicClustering.ts) with topics renumbered in display order
 * (topics/topicModel.ts, TopicClusters).
 */
export interface ClusterReply {
  /** Topic (display order) of each row; equals `clusterOf`. */
  topic: Int32Array;
  /** Sub-topic of each row; the sub-topics of one topic are consecutive, in topic order. */
  subtopic: Int32Array;
  /** Topic of each sub-topic. */
  subtopicParent: Int32Array;
  k: number;
  order: Int32Array;
  clusterOf: Int32Array;
  bands: ClusterBand[];
  silhouette: number;
  scores: Array<{ k: number; silhouette: number }>;
}

export interface DriftRequest {
  op: 'drift';
  sa: Float32Array;
  sb: Float32Array;
  n: number;
  rowStart: number;
  rowEnd: number;
  k: number;
}

export interface AnnPairsRequest {
  op: 'annPairs';
  data: Float32Array;
  rows: number;
  dims: number;
  /** Neighbours asked per row (the pairs above threshold must be among them). */
  neighbours: number;
  threshold: number;
}

export interface PairArrays {
  a: Int32Array;
  b: Int32Array;
  score: Float32Array;
}

export interface TermsRequest {
  op: 'terms';
  lanceDir: string;
  /** Visible documents: [docId, generation, title]. */
  documents: Array<[string, string, string]>;
  /** Text read per document (chunks in order until this many characters). */
  maxChars: number;
  perDocument: number;
}

export interface DocumentMeansRequest {
  op: 'documentMeans';
  libraryDir: string;
  modelId: string;
}

export interface TextOverlapRequest {
  op: 'textOverlap';
  libraryDir: string;
  /** Candidate pairs of documents (docIds). */
  pairs: Array<[string, string]>;
}

export interface PcaRequest {
  op: 'pca';
  data: Float32Array;
  rows: number;
  dims: number;
}

export interface PcaReply {
  projection: PcaTransform;
  /** Interleaved (x, y) per row. */
  coords: Float32Array;
}

export type SimilarityRequest =
  | GramRequest
  | ClusterRequest
  | DriftRequest
  | AnnPairsRequest
  | TermsRequest
  | DocumentMeansRequest
  | PcaRequest
  | TextOverlapRequest;

export interface ReplyOf {
  gram: null;
  cluster: ClusterReply;
  drift: DriftRows;
  annPairs: PairArrays;
  terms: TermIndex;
  documentMeans: DocumentMeans;
  pca: PcaReply;
  textOverlap: PairOverlap[];
}

/** One method per request kind, its reply typed by ReplyOf (see workerRpc/rpcProtocol.ts). */
export type SimilarityProtocol = {
  [K in SimilarityRequest['op']]: { request: Extract<SimilarityRequest, { op: K }>; reply: ReplyOf[K] };
};
