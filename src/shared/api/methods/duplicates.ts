import { z } from 'zod';
import { method } from '../define';
import type { DocRef } from './documents';

/** `duplicates.*`: exact and near-duplicate documents. */

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

const model = z.string().min(1).max(200).optional();

export const duplicateMethods = {
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
};
