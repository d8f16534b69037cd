import { z } from 'zod';
import { method } from '../define';
import type { DocRef } from './documents';

/**
 * `explore.*`: the vector-space explorer (meaning arithmetic, neighbours of a document or chunk, the
 * library's key terms).
 */

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
  /** Topic of each background document (index into `topics`): the library's topic model. */
  pointTopics: Int32Array;
  /** Topic labels (`topics.get`), by topic id. */
  topics: string[];
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

const phrase = z.string().trim().min(1).max(500);
const model = z.string().min(1).max(200).optional();

export const exploreMethods = {
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
};
