import { z } from 'zod';
import { method } from '../define';
import type { DocRef, PassageRef } from './documents';

/** `duplicates.*`: exact and near-duplicate documents. */

/** A page (or, without pages, a passage) of one copy whose text is not in the other. */
export interface DuplicatePart {
  page: number | null;
  /** The part's first words. */
  snippet: string;
}

export interface DuplicatePair {
  a: string;
  b: string;
  /** Cosine of the two document vectors in the model's raw space (1 for exact copies). */
  score: number;
  /** Share of the smaller document's text (word 3-shingles) found in the other; 1 for exact copies. */
  overlap?: number;
  /** Pages or passages only in a, only in b (where the copies differ). */
  onlyInA?: DuplicatePart[];
  onlyInB?: DuplicatePart[];
  /** The best matching passages, one in each document. */
  match?: { a: PassageRef; b: PassageRef } | null;
}

export interface DuplicateGroup {
  documents: DocRef[];
  pairs: DuplicatePair[];
  /** Highest pair score in the group (1 for exact copies). */
  best: number;
}

export interface DuplicatesResult {
  model: string;
  /** Vector similarity a pair needs to be checked at all. */
  threshold: number;
  /** Shared text a candidate needs to count as a near-duplicate. */
  minOverlap: number;
  /** How candidate pairs were found: the exact matrix (small libraries) or an HNSW graph. */
  method: 'exact' | 'ann';
  documents: number;
  /** Candidate pairs whose text was compared. */
  candidates: number;
  /** Same content hash (byte-identical files). */
  exact: DuplicateGroup[];
  /** Candidates by vector confirmed by shared text, grouped by connected components. */
  near: DuplicateGroup[];
}

const model = z.string().min(1).max(200).optional();

export const duplicateMethods = {
  /**
   * Exact duplicates (same content hash) and near-duplicates: pairs whose document vectors reach
   * `threshold` (raw cosine) and that share at least `minOverlap` of their text.
   */
  'duplicates.list': method<DuplicatesResult>()(
    z
      .object({
        threshold: z.number().min(0.5).max(1).default(0.9),
        minOverlap: z.number().min(0.05).max(1).default(0.5),
        limit: z.number().int().min(1).max(1000).default(200),
        model,
      })
      .strict(),
  ),
};
